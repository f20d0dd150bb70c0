"""An article body on its page: safe HTML with the article's photos as figures.

A body is converted once, when it is saved (`newsroom.site.markdown.prepare_body`):
Markdown with embedded HTML becomes sanitized HTML with a slot where each photo goes,
stored with the article. A page fills the slots with the photos that are ready, so
rendering a page never parses Markdown again. A body stored without that conversion,
or by an older version of it, is converted on the fly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from newsroom.models.article import Article, Photo, PhotoStatus, PreparedBody
from newsroom.site.sanitize import BODY_FORMAT, SLOT, sanitize_html

FigureRenderer = Callable[[Photo, str], str]


def fill_body(
    prepared: PreparedBody, photos: Sequence[Photo], figure: FigureRenderer
) -> tuple[str, set[str]]:
    """The prepared body with each slot holding its photo drawn by `figure` (nothing when
    the article has no ready photo of that name), and the names of the photos placed."""
    if not prepared.slots:
        return prepared.html, set()
    ready = {p.name: p for p in photos if p.status is PhotoStatus.READY}
    placed: set[str] = set()
    inline = False

    def place(match: re.Match[str]) -> str:
        nonlocal inline
        number = int(match[1])
        if number >= len(prepared.slots):
            return ""
        slot = prepared.slots[number]
        photo = ready.get(slot.name)
        if photo is None:
            return ""
        placed.add(slot.name)
        inline = inline or not slot.alone
        return figure(photo, slot.alt)

    html = SLOT.sub(place, prepared.html)
    # A figure inside a paragraph of text closes it, as the sanitizer's HTML parser
    # does; figures that stand alone are our own markup, already safe where they are.
    return (sanitize_html(html) if inline else html), placed


def prepared_body(article: Article) -> PreparedBody:
    """The article's body as stored when it was saved, or converted now if it was not."""
    stored = article.body_prepared
    if stored is not None and stored.format == BODY_FORMAT:
        return stored
    from newsroom.site.markdown import prepare_body  # only for bodies saved before conversion

    return prepare_body(article.body)


def render_body(
    markdown: str, photos: Sequence[Photo], figure: FigureRenderer
) -> tuple[str, set[str]]:
    """The body as safe HTML, and the names of the photos it placed.

    `![alt](name.jpg)` places the article's photo of that name, drawn by `figure`;
    images from anywhere else, and photos that are not ready, are left out.
    """
    from newsroom.site.markdown import prepare_body

    return fill_body(prepare_body(markdown), photos, figure)
