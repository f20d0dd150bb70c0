"""HTML pages of the reader site, rendered from articles, listing entries and the configuration.

Every page is a pure function of its inputs: no clock, no randomness, so the same
database state gives the same bytes whether a page is rendered on publish or in a
full build.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any, NamedTuple

from markupsafe import Markup

from newsroom.models.article import Article, Photo, PhotoStatus, Rendition
from newsroom.site.assets import AssetLinks, asset_links
from newsroom.site.body import fill_body, prepared_body
from newsroom.site.config import Category, SiteConfig
from newsroom.site.dates import iso_local
from newsroom.site.listings import LATEST_ROOT, lead_photo
from newsroom.site.placeholders import colour_class, portrait_class
from newsroom.site.templating import render
from newsroom.storage.listings import ListingEntry
from newsroom.text.slug import slugify

# The article's column is at most 40rem wide (a readable measure), the window less its
# margins below that.
PHOTO_SIZES = "(min-width: 42rem) 40rem, calc(100vw - 2rem)"
FALLBACK_WIDTH = 960
SHOWN_UPDATE_AFTER = timedelta(minutes=5)


class SiteContext(NamedTuple):
    """What every page needs to know about the site it belongs to."""

    config: SiteConfig
    base_url: str

    def absolute(self, path: str) -> str:
        """`path` on the site (an address that names its host already stays as it is)."""
        if "://" in path:
            return path
        return self.base_url.rstrip("/") + path

    @property
    def assets(self) -> AssetLinks:
        return asset_links(self.config.logo)

    def section(self, path: str) -> str:
        """The navigation link `path` is under (its longest prefix but "/"), or ""."""
        under = [
            link.href
            for link in self.config.navigation
            if link.href != "/" and link.href.startswith("/") and path.startswith(link.href)
        ]
        return max(under, key=len) if under else ""

    def render(self, template: str, path: str, **values: Any) -> str:
        """Render a template with what every page gets: the site, its assets, the canonical
        URL, and where the page sits in the navigation."""
        return render(
            template,
            site=self.config,
            assets=self.assets,
            canonical=self.absolute(path),
            absolute=self.absolute,
            current=path,
            section=self.section(path),
            category_names={c.slug: c.name for c in self.config.categories},
            latest_href=LATEST_ROOT,
            **values,
        )


def _src(rendition: Rendition) -> str:
    # A key of the site bucket is served at its path; a preview may draw a photo not yet
    # processed from its original's own (presigned) address (`newsroom.site.preview`).
    if "://" in rendition.key:
        return rendition.key
    return f"/{rendition.key}"


def _srcset(photo: Photo, fmt: str) -> str:
    same = sorted((r for r in photo.renditions if r.format == fmt), key=lambda r: r.width)
    return ", ".join(f"{_src(r)} {r.width}w" for r in same)


# A photo whose upload has arrived but is not processed yet: a preview draws it from its
# original (`newsroom.site.preview`), of unknown size, as the one "rendition" it has.
ORIGINAL = "original"


def _fallback(photo: Photo) -> Rendition | None:
    jpegs = sorted((r for r in photo.renditions if r.format == "jpeg"), key=lambda r: r.width)
    if not jpegs:
        return next((r for r in photo.renditions if r.format == ORIGINAL), None)
    fitting = [r for r in jpegs if r.width <= FALLBACK_WIDTH]
    return fitting[-1] if fitting else jpegs[0]


def _portrait_sizes(width: int, height: int) -> str:
    """How wide a portrait photo shows: 80% of the window's height in its shape, on a
    window wider than high; the column on one higher than wide."""
    return f"(orientation: landscape) {round(80 * width / height)}vh, {PHOTO_SIZES}"


def render_figure(photo: Photo, alt: str = "", *, lead: bool = False) -> str:
    """A photo as `figure` > `picture` (WebP first) > `img`, with its caption. Its
    placeholder colour, and a portrait photo's width, are classes (the site allows no
    inline style)."""
    fallback = _fallback(photo)
    if fallback is None:
        return ""
    portrait = portrait_class(fallback.width, fallback.height)
    return render(
        "figure.html",
        lead=lead,
        portrait=portrait,
        webp_srcset=_srcset(photo, "webp"),
        jpeg_srcset=_srcset(photo, "jpeg"),
        sizes=_portrait_sizes(fallback.width, fallback.height) if portrait else PHOTO_SIZES,
        fallback={"src": _src(fallback), "width": fallback.width, "height": fallback.height},
        alt=photo.alt or alt or photo.caption,
        caption=photo.caption,
        credit=photo.credit,
        placeholder=colour_class(photo.colour),
    )


_TABLE = re.compile(r"<table\b|</table>")
TABLE_BOX = '<div class="table-box" tabindex="0" role="region" aria-label="Bảng (cuộn ngang)">'


def scrollable_tables(body_html: str) -> str:
    """Each table of a (sanitized) body in a box of its own that scrolls sideways, so a
    wide table never widens the page; the box takes the keyboard's focus, so that it can
    be scrolled without a mouse."""
    return _TABLE.sub(
        lambda found: (
            TABLE_BOX + found.group(0) if found.group(0) != "</table>" else "</table></div>"
        ),
        body_html,
    )


class Crumb(NamedTuple):
    """One step of a breadcrumb."""

    name: str
    href: str


def _json_ld(data: list[dict[str, Any]]) -> Markup:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Inside <script>, "</" would end the element early and "<!--" would change how the
    # rest is read: no "<", ">" or "&" at all, as JSON escapes (the data is unchanged).
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return Markup(text)  # noqa: S704 - JSON with <, > and & escaped


def _breadcrumb_ld(crumbs: list[Crumb], site: SiteContext) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": index,
                "name": crumb.name,
                "item": site.absolute(crumb.href),
            }
            for index, crumb in enumerate(crumbs, start=1)
        ],
    }


class ShareImage(NamedTuple):
    url: str
    width: int
    height: int


def _share_image(photo: Photo | None, site: SiteContext) -> ShareImage | None:
    if photo is None:
        return None
    social = getattr(photo, "social", None)
    chosen = social or photo.largest("jpeg")
    if chosen is None:
        return None
    return ShareImage(site.absolute(_src(chosen)), chosen.width, chosen.height)


def tag_links(article: Article) -> list[Crumb]:
    """The article's tags, each with the path of its tag page."""
    return [Crumb(tag, f"/chu-de/{slugify(tag)}/") for tag in article.tags if slugify(tag)]


def render_article_page(
    article: Article,
    site: SiteContext,
    related: list[ListingEntry] | None = None,
    newer: list[ListingEntry] | None = None,
) -> str:
    """The article's own page; `related` are up to five articles before it in its
    category, `newer` the few after it (for its newest articles, the newest of the
    category), offered beside it on wide screens and after it on phones."""
    body_html, placed = fill_body(prepared_body(article), article.photos, render_figure)
    unplaced = [p for p in article.photos if p.status is PhotoStatus.READY and p.name not in placed]
    lead, rest = (unplaced[0], unplaced[1:]) if unplaced else (None, [])
    image = _share_image(lead_photo(article), site)
    category = _category(site.config, article.category)
    crumbs = [
        Crumb("Trang chủ", "/"),
        Crumb(category.name, f"/{category.slug}/"),
        Crumb(article.title, article.path),
    ]
    published = article.sort_time
    updated = max(article.updated_at, published)
    canonical = site.absolute(article.path)
    publisher = {
        "@type": "Organization",
        "name": site.config.name,
        "logo": {"@type": "ImageObject", "url": site.absolute(site.assets.logo)},
    }
    news_article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": canonical,
        "headline": article.title[:110],
        "description": article.summary or article.title,
        "datePublished": iso_local(published),
        "dateModified": iso_local(updated),
        "author": [{"@type": "Person", "name": article.author}],
        "publisher": publisher,
        "inLanguage": "vi",
        "articleSection": category.name,
    }
    if image:
        news_article["image"] = [image.url]
    if article.tags:
        news_article["keywords"] = ", ".join(article.tags)
    return site.render(
        "article.html",
        article.path,
        article=article,
        category=category,
        crumbs=crumbs,
        tags=tag_links(article),
        published=published,
        updated=updated,
        show_updated=updated - published >= SHOWN_UPDATE_AFTER,
        lead_html=Markup(render_figure(lead, lead=True)) if lead else "",  # noqa: S704 - escaped by its template
        body_html=Markup(scrollable_tables(body_html)),  # noqa: S704 - sanitized by nh3
        gallery_html=Markup("".join(render_figure(p) for p in rest)),  # noqa: S704 - escaped
        image=image,
        related=related or [],
        newer=newer or [],
        json_ld=_json_ld([news_article, _breadcrumb_ld(crumbs, site)]),
    )


def _category(config: SiteConfig, slug: str) -> Category:
    try:
        return config.category(slug)
    except KeyError:
        return Category(slug=slug, name=slug)


class ListingBlock(NamedTuple):
    """A titled list of articles on the home page."""

    title: str
    href: str
    entries: list[ListingEntry]


class HomeView(NamedTuple):
    """What the home page shows: the lead story, the next newest, the announcements, and
    a block per category."""

    lead: ListingEntry | None
    latest: list[ListingEntry]
    announcements: ListingBlock | None
    blocks: list[ListingBlock]


class ListingPageView(NamedTuple):
    """One page of a listing, as readers see it."""

    path: str
    heading: str
    crumbs: list[Crumb]
    entries: list[ListingEntry]
    page: int
    newer: str
    older: str
    feed: str = ""
    empty: str = ""
    """What the page says when the listing has no article."""


def render_listing_page(site: SiteContext, view: ListingPageView) -> str:
    """A page of a category, a tag, a month or the latest articles, newest first."""
    return site.render(
        "listing.html",
        view.path,
        heading=view.heading,
        crumbs=view.crumbs,
        entries=view.entries,
        page=view.page,
        links={"newer": view.newer, "older": view.older},
        feed=view.feed,
        empty=view.empty,
    )


def render_home_page(site: SiteContext, home: HomeView) -> str:
    """The home page: the lead story with its photo large, the next newest, the
    announcements, then a block per category (its newest with a photo, then titles)."""
    return site.render("home.html", "/", home=home)


class ArchiveYear(NamedTuple):
    year: str
    months: list[Crumb]


def render_archive_page(site: SiteContext, years: list[ArchiveYear]) -> str:
    """The list of months that have articles, newest first."""
    crumbs = [Crumb("Trang chủ", "/"), Crumb("Lưu trữ", "/luu-tru/")]
    return site.render("archive.html", "/luu-tru/", years=years, crumbs=crumbs)


def render_search_page(site: SiteContext) -> str:
    """The search page: a form that the search script brings to life."""
    crumbs = [Crumb("Trang chủ", "/"), Crumb("Tìm kiếm", "/tim-kiem/")]
    return site.render("search.html", "/tim-kiem/", crumbs=crumbs)


def render_not_found_page(site: SiteContext) -> str:
    """The page readers get for an address the site does not have."""
    return site.render("404.html", "/404.html")
