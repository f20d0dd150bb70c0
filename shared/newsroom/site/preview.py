"""An article's page as it will be published, for the editors' preview.

The page is the site's own: `SiteRenderer.article_html` renders it with the site's
templates, stylesheet and configuration, beside the articles it would be shown with.
What changes is only what a preview needs to stand on its own, shown by the desk in a
sandboxed `<iframe srcdoc>` (which has no address of its own to resolve a path against,
and is not the site):

- every address the page gives as a path on the site (`/assets/…`, `/media/…`, links)
  is made absolute on the site's origin: the stylesheet, the fonts, the logo and the
  photos' renditions (written to the site bucket when a photo is processed, long before
  the article is published) load from where readers get them;
- a photo whose upload has arrived but is not processed yet is drawn from its original
  (a presigned GET), and the banner says which photos the page cannot show yet;
- `<meta name="robots" content="noindex">` in the head, the banner first in the body,
  and no script (the frame runs none).

The `<article>` element is therefore the one readers will get once the article is
published, with its addresses made absolute (tests/integration/test_preview.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from markupsafe import escape

from newsroom.models.article import Article

BANNER_CLASS = "preview-banner"
NOINDEX = '<meta name="robots" content="noindex">'

# Addresses as the site's templates write them: always in double quotes, a path on the
# site starting with one slash (two would name another host).
_SITE_PATH = re.compile(r'\b(href|src|action)="/(?!/)')
_SRCSET = re.compile(r'\bsrcset="([^"]*)"')
_SCRIPT_FILE = re.compile(r'<script src="[^"]*"[^>]*></script>\n?')


def absolute_addresses(html: str, base_url: str) -> str:
    """`html` with every path on the site (in `href`, `src`, `action` and `srcset`)
    made absolute on `base_url`; addresses that name a host are left as they are."""
    origin = base_url.rstrip("/")
    html = _SITE_PATH.sub(lambda found: f'{found[1]}="{origin}/', html)

    def candidates(found: re.Match[str]) -> str:
        sources = [
            (origin + source if source.startswith("/") and not source.startswith("//") else source)
            for source in (part.strip() for part in found[1].split(","))
        ]
        return f'srcset="{", ".join(sources)}"'

    return _SRCSET.sub(candidates, html)


class ArticleRenderer(Protocol):
    """What renders an article's page (`newsroom.site.renderer.SiteRenderer`)."""

    def article_html(self, article: Article) -> str: ...


@dataclass(frozen=True)
class PreviewBanner:
    """What the banner says: that this is a preview, and what readers will not see yet
    (each line already in the reader's language)."""

    heading: str
    notes: Sequence[str] = ()


def _banner_html(banner: PreviewBanner) -> str:
    notes = "".join(f"<li>{escape(note)}</li>" for note in banner.notes)
    listed = f"<ul>{notes}</ul>" if notes else ""
    return (
        f'<aside class="{BANNER_CLASS}" role="note" aria-label="{escape(banner.heading)}">'
        f"<p><strong>{escape(banner.heading)}</strong></p>{listed}</aside>\n"
    )


def preview_html(page: str, base_url: str, banner: PreviewBanner) -> str:
    """The site's page `page` as a preview: absolute addresses, not indexed, no script,
    and the banner before everything else in the body."""
    html = absolute_addresses(_SCRIPT_FILE.sub("", page), base_url)
    html = html.replace('<meta charset="utf-8">\n', f'<meta charset="utf-8">\n{NOINDEX}\n', 1)
    return html.replace("<body>\n", f"<body>\n{_banner_html(banner)}", 1)


def render_preview(
    article: Article, renderer: ArticleRenderer, base_url: str, banner: PreviewBanner
) -> str:
    """The preview of `article`: its page as `renderer` (the site's) renders it."""
    return preview_html(renderer.article_html(article), base_url, banner)
