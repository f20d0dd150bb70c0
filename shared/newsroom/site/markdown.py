"""Converting a body once, when it is saved: Markdown (with embedded HTML) to sanitized
HTML with a numbered slot where each photo goes (see `newsroom.site.sanitize`)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from newsroom.models.article import PhotoSlot, PreparedBody
from newsroom.site.sanitize import BODY_FORMAT, SLOT_CLOSE, SLOT_OPEN, sanitize_html

# A DynamoDB item holds at most 400 KB: the body and its conversion must fit in it
# together with the rest of the article. A body whose conversion would not fit is
# stored without it, and converted each time its page is rendered.
STORED_BYTES = 300 * 1024

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


def _image(renderer: Any, tokens: Sequence[Token], index: int, options: Any, env: Any) -> str:
    """An image becomes a slot for the article's photo of that name (its `src`)."""
    token = tokens[index]
    name = str(token.attrGet("src") or "")
    alt = "".join(c.content for c in (token.children or []) if c.type == "text")
    slots: list[PhotoSlot] = env["slots"]
    slots.append(PhotoSlot(name=name, alt=alt, alone=bool(token.meta.get("alone"))))
    return f"{SLOT_OPEN}{len(slots) - 1}{SLOT_CLOSE}"


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Made once and reused: what differs between bodies travels in the render `env`.
    # Imported here, not with the module: of the API's requests only a save or a preview
    # converts Markdown, so the others' cold starts never load the parser.
    from markdown_it import MarkdownIt

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
            meaningful[0].meta["alone"] = True
            inline.children = meaningful


def prepare_body(markdown: str) -> PreparedBody:
    """The body as sanitized HTML with a slot for each image; slots name the photo.

    The slot characters are taken out of the text first, so a body cannot make slots
    of its own.
    """
    text = markdown.replace(SLOT_OPEN, "").replace(SLOT_CLOSE, "")
    markdown_it = _parser()
    tokens = markdown_it.parse(text)
    _lone_images(tokens)
    env: dict[str, Any] = {"slots": []}
    html = markdown_it.renderer.render(tokens, markdown_it.options, env)
    return PreparedBody(format=BODY_FORMAT, html=sanitize_html(html), slots=env["slots"])


def body_to_store(markdown: str) -> PreparedBody | None:
    """The conversion to keep with the article, or None when it would not fit beside it."""
    prepared = prepare_body(markdown)
    if len(markdown.encode()) + len(prepared.html.encode()) > STORED_BYTES:
        return None
    return prepared


def is_current(prepared: PreparedBody | None) -> bool:
    """Whether a stored conversion was made by this version of it."""
    return prepared is not None and prepared.format == BODY_FORMAT
