"""The body format stored with an article: HTML cleaned to an allow-list of tags and
attributes, with a numbered slot where each photo goes.

Written when a body is saved (`newsroom.site.markdown`), read when its page is
rendered (`newsroom.site.body`); both depend on this module, and on nothing of each
other's, but for converting a body stored before conversions existed.
"""

from __future__ import annotations

import re

_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "cite",
    "code",
    "del",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "li",
    "mark",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "s",
    "small",
    "source",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "figure": {"class"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding", "class"},
    "source": {"srcset", "sizes", "type"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
}

BODY_FORMAT = 1  # the conversion's version: a stored body of another one is converted again
SLOT_OPEN, SLOT_CLOSE = "\ue000", "\ue001"  # private-use characters around a slot's number
SLOT = re.compile(f"{SLOT_OPEN}(\\d+){SLOT_CLOSE}")


def _on_this_site(url: str) -> bool:
    return url.startswith("/") and not url.startswith("//")


def _images_from_this_site(tag: str, attribute: str, value: str) -> str | None:
    """Images come from the site's own renditions, never from elsewhere (no tracking pixels)."""
    if tag in ("img", "source") and attribute == "src" and not _on_this_site(value):
        return None
    if attribute == "srcset":
        candidates = [c.strip().split(" ")[0] for c in value.split(",") if c.strip()]
        if not all(_on_this_site(c) for c in candidates):
            return None
    return value


def sanitize_html(html: str) -> str:
    """HTML with only the tags and attributes an article may carry: no script, no style."""
    # Imported here: a page is rendered from the body cleaned when it was saved, and only
    # a photo placed inside a paragraph needs cleaning again, so most renders never load it.
    import nh3

    return str(
        nh3.clean(
            html,
            tags=_TAGS,
            attributes=_ATTRIBUTES,
            url_schemes={"http", "https", "mailto", "tel"},
            link_rel="noopener noreferrer",
            attribute_filter=_images_from_this_site,
        )
    )
