"""A listing entry's picture as HTML (its 3:2 crop, WebP first, at the widths `sizes`
asks), and an entry as an item of the short lists beside an article.

The same entry shows on many pages (its listings, the home page, the pages of the
articles around it), so these are drawn once per shape of page and kept: a full build
draws each a few times instead of dozens. Every value is escaped.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from newsroom.site.dates import iso_local, vietnamese_date
from newsroom.site.placeholders import colour_class

if TYPE_CHECKING:
    # Types only: the templates are compiled by importing this module, for the layer's
    # platform, where the models' compiled core may not load.
    from newsroom.storage.listings import ListingEntry, Thumbnail


@lru_cache(maxsize=8192)
def picture(thumb: Thumbnail, sizes: str, eager: bool = False, kind: str = "thumb") -> Markup:
    """`picture` > `source` (WebP) + `img` (JPEG) for the thumbnail, or a plain `img` for a
    photo processed before crops were made; loaded lazily unless `eager`."""
    loading = ' fetchpriority="high"' if eager else ' loading="lazy"'
    size = f'width="{thumb.width}" height="{thumb.height}"'
    classes = f"{escape(kind)} {colour_class(thumb.colour)}"
    if not thumb.webp:
        return Markup(  # noqa: S704 - every value is escaped or a number
            f'<img class="{classes}" src="{escape(thumb.src)}" {size} alt=""{loading}'
            ' decoding="async">'
        )
    return Markup(  # noqa: S704 - every value is escaped or a number
        f'<picture><source type="image/webp" srcset="{escape(thumb.webp)}"'
        f' sizes="{escape(sizes)}"><img class="{classes}" src="{escape(thumb.src)}"'
        f' srcset="{escape(thumb.jpeg)}" sizes="{escape(sizes)}" {size} alt=""{loading}'
        ' decoding="async"></picture>'
    )


@lru_cache(maxsize=8192)
def mini_entry(entry: ListingEntry) -> Markup:
    """One item of a short list of articles: a small picture, the title, the date."""
    thumb = entry.thumbnail
    picture_html = picture(thumb, "6rem") if thumb is not None else ""
    moment = entry.published_at
    return Markup(  # noqa: S704 - every value is escaped
        f'<li class="card{" with-photo" if thumb is not None else ""}">{picture_html}'
        f'<div><a href="{escape(entry.path)}">{escape(entry.title)}</a> <span class="meta">'
        f'<time datetime="{iso_local(moment)}">{vietnamese_date(moment)}</time></span></div>'
        "</li>\n"
    )
