"""Active content in what editors type: refused at input, with the reason.

An article is text, Markdown and a little HTML (emphasis, tables, quotes). Anything
that would make a reader's browser *do* something is refused with 422, in every text
field: script-bearing elements, HTML event handler attributes, `javascript:`-like
URLs, CSS expressions. The check looks through HTML character references (`&#106;`,
`&#x6A`, `&colon;`) and through whitespace inside a URL scheme, as browsers do.

Everything else is accepted and made safe on output: text is escaped by the
templates, and a body's HTML is cleaned to an allow-list of tags and attributes
(`newsroom.site.body.sanitize_html`). The two layers are independent: either alone
keeps script out of the site.
"""

from __future__ import annotations

import html
import re

# Elements that run script, load other documents or change how the page is parsed.
_ELEMENTS = (
    "script|iframe|frame|frameset|object|embed|applet|svg|math|style|link|meta|base|form|"
    "input|button|textarea|select|isindex|template|portal|xml|import|noscript|noembed|"
    "plaintext|xmp|listing|marquee|bgsound|video|audio|body|html|head|title|layer|ilayer"
)
_ELEMENT = re.compile(rf"<\s*/?\s*({_ELEMENTS})(?![a-z0-9-])", re.IGNORECASE)
# An attribute named on…= inside a tag (quotes, slashes and backticks separate too).
_EVENT_HANDLER = re.compile(r"<[^>]*?[\s\"'`/;]on[a-z]+\s*=", re.IGNORECASE | re.DOTALL)
# Schemes that run script or carry a document, once whitespace and references are gone.
_SCHEME = re.compile(
    r"(?:java|vb|live|j|ecma)script:|mocha:|data:(?:text/html|text/xml|image/svg|application/)",
    re.IGNORECASE,
)
_CSS = re.compile(r"expression\s*\(|-moz-binding|behavior\s*:|@import", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f]+")


def _decoded(text: str) -> str:
    """Character references resolved (twice: `&amp;#106;` too), as a browser would read."""
    once = html.unescape(text)
    return html.unescape(once)


def active_content(text: str) -> str | None:
    """Why `text` would run in a reader's browser, or None when it is plain content."""
    decoded = _decoded(text)
    element = _ELEMENT.search(decoded)
    if element:
        return f"contains a <{element.group(1).lower()}> element, which is not allowed"
    if _EVENT_HANDLER.search(decoded):
        return "contains an HTML event handler attribute (on…=), which is not allowed"
    compact = _INVISIBLE.sub("", decoded)
    scheme = _SCHEME.search(compact)
    if scheme:
        return f"contains a {scheme.group(0).lower()} URL, which is not allowed"
    if _CSS.search(decoded):
        return "contains a CSS expression, binding or import, which is not allowed"
    return None


def refuse_active_content(value: object) -> object:
    """A pydantic validator: the value, or ValueError naming what would run."""
    if isinstance(value, str):
        reason = active_content(value)
        if reason:
            raise ValueError(reason)
    return value
