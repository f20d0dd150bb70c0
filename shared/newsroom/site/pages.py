"""HTML pages of the reader site, rendered from articles and the site configuration."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from newsroom.models.article import Article, Photo, PhotoStatus, Rendition
from newsroom.site.body import render_body
from newsroom.site.config import SiteConfig
from newsroom.site.dates import iso_local, vietnamese_date, vietnamese_datetime

_HERE = Path(__file__).parent
PHOTO_SIZES = "(min-width: 48rem) 44rem, 100vw"
FALLBACK_WIDTH = 960


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(_HERE / "templates")),
        autoescape=select_autoescape(["html", "xml"], default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@dataclass(frozen=True)
class Stylesheet:
    """The site's one stylesheet, named by its content so it can be cached for a year."""

    key: str
    body: bytes

    @property
    def href(self) -> str:
        return f"/{self.key}"


@lru_cache(maxsize=1)
def stylesheet() -> Stylesheet:
    """The stylesheet and its content-hashed key."""
    body = (_HERE / "static" / "site.css").read_bytes()
    digest = hashlib.sha256(body).hexdigest()[:12]
    return Stylesheet(key=f"assets/site.{digest}.css", body=body)


@dataclass(frozen=True)
class SiteContext:
    """What every page needs to know about the site it belongs to."""

    config: SiteConfig
    base_url: str

    def absolute(self, path: str) -> str:
        return self.base_url.rstrip("/") + path


def _src(rendition: Rendition) -> str:
    return f"/{rendition.key}"


def _srcset(photo: Photo, fmt: str) -> str:
    same = sorted((r for r in photo.renditions if r.format == fmt), key=lambda r: r.width)
    return ", ".join(f"{_src(r)} {r.width}w" for r in same)


def _fallback(photo: Photo) -> Rendition | None:
    jpegs = sorted((r for r in photo.renditions if r.format == "jpeg"), key=lambda r: r.width)
    if not jpegs:
        return None
    fitting = [r for r in jpegs if r.width <= FALLBACK_WIDTH]
    return fitting[-1] if fitting else jpegs[0]


def render_figure(photo: Photo, alt: str = "", *, lead: bool = False) -> str:
    """A photo as `figure` > `picture` (WebP first) > `img`, with its caption."""
    fallback = _fallback(photo)
    if fallback is None:
        return ""
    template = _environment().get_template("figure.html")
    return template.render(
        lead=lead,
        webp_srcset=_srcset(photo, "webp"),
        jpeg_srcset=_srcset(photo, "jpeg"),
        sizes=PHOTO_SIZES,
        fallback={"src": _src(fallback), "width": fallback.width, "height": fallback.height},
        alt=photo.alt or alt or photo.caption,
        caption=photo.caption,
        credit=photo.credit,
    )


def render_article_page(article: Article, site: SiteContext) -> str:
    """The article's own page."""
    body_html, placed = render_body(article.body, article.photos, render_figure)
    unplaced = [p for p in article.photos if p.status is PhotoStatus.READY and p.name not in placed]
    lead, rest = (unplaced[0], unplaced[1:]) if unplaced else (None, [])
    lead_photo = lead or next((p for p in article.photos if p.name in placed), None)
    og_rendition = lead_photo.largest("jpeg") if lead_photo else None
    published = article.published_at or article.created_at
    return (
        _environment()
        .get_template("article.html")
        .render(
            site=site.config,
            stylesheet=stylesheet().href,
            canonical=site.absolute(article.path),
            article=article,
            category=site.config.category(article.category),
            published_iso=iso_local(published),
            published_text=vietnamese_datetime(published),
            lead_html=Markup(render_figure(lead, lead=True)) if lead else "",  # noqa: S704 - escaped by its template
            body_html=Markup(body_html),  # noqa: S704 - sanitized by nh3
            gallery_html=Markup("".join(render_figure(p) for p in rest)),  # noqa: S704 - escaped
            og_image=site.absolute(_src(og_rendition)) if og_rendition else "",
        )
    )


@dataclass(frozen=True)
class ListingBlock:
    """A titled list of articles on a listing page."""

    title: str
    href: str
    articles: list[Article] = field(default_factory=list)


def _entry(article: Article) -> dict[str, object]:
    published = article.published_at or article.created_at
    return {
        "path": article.path,
        "title": article.title,
        "summary": article.summary,
        "published_iso": iso_local(published),
        "published_text": vietnamese_date(published),
    }


def render_listing_page(
    site: SiteContext, *, path: str, heading: str, blocks: list[ListingBlock], breadcrumb: bool
) -> str:
    """A page of article lists: the home page or a category."""
    return (
        _environment()
        .get_template("listing.html")
        .render(
            site=site.config,
            stylesheet=stylesheet().href,
            canonical=site.absolute(path),
            heading=heading,
            breadcrumb=breadcrumb,
            blocks=[
                {"title": b.title, "href": b.href, "entries": [_entry(a) for a in b.articles]}
                for b in blocks
            ],
        )
    )


def render_not_found_page(site: SiteContext) -> str:
    """The page readers get for an address the site does not have."""
    return (
        _environment()
        .get_template("404.html")
        .render(
            site=site.config, stylesheet=stylesheet().href, canonical=site.absolute("/404.html")
        )
    )
