"""An article body: Markdown (with embedded HTML) to safe HTML, photos as figures."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from newsroom.models.article import Photo, PhotoStatus

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

FigureRenderer = Callable[[Photo, str], str]


def _image(renderer: Any, tokens: Sequence[Token], index: int, options: Any, env: Any) -> str:
    """An image is the article's photo of that name, drawn by the figure renderer in `env`."""
    token = tokens[index]
    name = str(token.attrGet("src") or "")
    photo = env["ready"].get(name)
    if photo is None:
        return ""
    env["placed"].add(name)
    alt = "".join(c.content for c in (token.children or []) if c.type == "text")
    return str(env["figure"](photo, alt))


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Made once and reused: what differs between articles travels in the render `env`.
    markdown_it = MarkdownIt("commonmark", {"html": True, "typographer": False}).enable(
        ["table", "strikethrough"]
    )
    markdown_it.add_render_rule("image", _image)
    return markdown_it


def _lone_images(tokens: list[Token]) -> None:
    """A paragraph holding only an image becomes a figure: drop the `p` around it."""
    for index in range(1, len(tokens) - 1):
        inline = tokens[index]
        if inline.type != "inline" or not inline.children:
            continue
        meaningful = [
            c
            for c in inline.children
            if not (c.type == "text" and not c.content.strip()) and c.type != "softbreak"
        ]
        if (
            len(meaningful) == 1
            and meaningful[0].type == "image"
            and tokens[index - 1].type == "paragraph_open"
            and tokens[index + 1].type == "paragraph_close"
        ):
            tokens[index - 1].hidden = True
            tokens[index + 1].hidden = True
            inline.children = meaningful


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


def render_body(
    markdown: str, photos: Sequence[Photo], figure: FigureRenderer
) -> tuple[str, set[str]]:
    """The body as safe HTML, and the names of the photos it placed.

    `![alt](name.jpg)` places the article's photo of that name, drawn by `figure`;
    images from anywhere else, and photos that are not ready, are left out.
    """
    ready = {p.name: p for p in photos if p.status is PhotoStatus.READY}
    placed: set[str] = set()
    markdown_it = _parser()
    tokens = markdown_it.parse(markdown)
    _lone_images(tokens)
    env = {"ready": ready, "placed": placed, "figure": figure}
    html = markdown_it.renderer.render(tokens, markdown_it.options, env)
    return sanitize_html(html), placed
