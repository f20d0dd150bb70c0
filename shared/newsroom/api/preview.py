"""`GET` and `POST /articles/{id}/preview`: the article's page as readers will get it,
rendered by the site's own renderer, for the desk's preview frame.

Imported by those routes when they are first called: the site's renderer and its
templates are no part of any other request's cold start.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from newsroom.api.router import Response
from newsroom.editorial.preview import ArticlePreview
from newsroom.i18n import Message, say
from newsroom.models.article import ArticleStatus
from newsroom.site.config import load_site_config
from newsroom.site.dates import vietnamese_datetime
from newsroom.site.pages import ORIGINAL, SiteContext
from newsroom.site.preview import PreviewBanner, render_preview
from newsroom.site.renderer import SiteRenderer
from newsroom.site.state import TableState
from newsroom.storage.stores import SiteStores

HTML = "text/html; charset=utf-8"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def preview_banner(preview: ArticlePreview, language: str) -> PreviewBanner:
    """What the banner says, in the caller's language: where the article is, whether the
    text shown is saved, and each photo the page cannot show as it will."""
    article = preview.article
    if article.status is ArticleStatus.PUBLISHED:
        heading = Message("preview.banner.published")
    elif article.status is ArticleStatus.SCHEDULED and article.scheduled_for is not None:
        heading = Message(
            "preview.banner.scheduled", time=vietnamese_datetime(article.scheduled_for)
        )
    else:
        heading = Message("preview.banner.not_published")
    notes = [] if preview.saved else [Message("preview.unsaved")]
    notes += [Message("preview.photo.awaiting", name=p.name) for p in preview.awaiting]
    notes += [Message("preview.photo.processing", name=p.name) for p in preview.processing]
    notes += [
        Message("preview.photo.rejected", name=p.name, reason=p.reason or "—")
        for p in preview.rejected
    ]
    return PreviewBanner(say(heading, language), [say(note, language) for note in notes])


def content_security_policy(site_base_url: str, image_origins: list[str]) -> str:
    """The page's own policy, for when it is opened by itself rather than in the desk's
    frame (whose document's policy it then follows): styles, fonts and images from the
    site, photos being processed from the content bucket, nothing else."""
    site = _origin(site_base_url)
    images = " ".join(dict.fromkeys([site, *image_origins, "data:"]))
    return (
        f"default-src 'none'; style-src {site}; font-src {site}; img-src {images}; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


def preview_response(
    preview: ArticlePreview, site_stores: SiteStores, site_base_url: str, language: str
) -> Response:
    """The preview page, never cached (the router adds `Cache-Control: no-store`)."""
    site = SiteContext(load_site_config(), site_base_url)
    renderer = SiteRenderer(TableState(site_stores), site)
    html = render_preview(
        preview.article, renderer, site_base_url, preview_banner(preview, language)
    )
    originals = [
        _origin(r.key) for p in preview.article.photos for r in p.renditions if r.format == ORIGINAL
    ]
    headers = {
        "Content-Security-Policy": content_security_policy(site_base_url, originals),
        "X-Robots-Tag": "noindex",
        "X-Content-Type-Options": "nosniff",
    }
    return Response(200, html, headers, content_type=HTML)
