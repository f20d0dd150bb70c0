"""A photo on the page: picture with WebP first, srcset and sizes, a placeholder, lazy or eager."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

from newsroom.models.article import Photo, PhotoStatus, Rendition
from newsroom.site.pages import PHOTO_SIZES, render_figure

NOW = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
PLACEHOLDER = "data:image/webp;base64,UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA"


def _photo() -> Photo:
    renditions = [
        Rendition(width=w, height=w * 3 // 4, format=fmt, key=f"media/ab/abc-p2/{w}.{ext}")
        for w in (320, 640, 960, 1280, 1920)
        for fmt, ext in (("webp", "webp"), ("jpeg", "jpg"))
    ]
    return Photo(
        name="cho-noi.jpg",
        caption="Chợ nổi Cái Răng lúc bình minh",
        credit="Lê Minh",
        status=PhotoStatus.READY,
        width=4000,
        height=3000,
        renditions=renditions,
        placeholder=PLACEHOLDER,
        colour="#6a7b8c",
        created_at=NOW,
        updated_at=NOW,
    )


def test_picture_offers_webp_first_then_jpeg_with_srcset_and_sizes() -> None:
    page = render_figure(_photo())
    source = page.index('<source type="image/webp"')
    img = page.index("<img ")
    assert source < img
    webp = re.search(r'<source type="image/webp" srcset="([^"]+)" sizes="([^"]+)"', page)
    assert webp and webp.group(2) == PHOTO_SIZES
    assert webp.group(1).startswith("/media/ab/abc-p2/320.webp 320w, ")
    assert webp.group(1).endswith("/media/ab/abc-p2/1920.webp 1920w")
    tag = re.search(r"<img [^>]+>", page)
    assert tag
    assert 'srcset="/media/ab/abc-p2/320.jpg 320w, ' in tag.group(0)
    assert f'sizes="{PHOTO_SIZES}"' in tag.group(0)
    assert 'width="960" height="720"' in tag.group(0)
    assert 'alt="Chợ nổi Cái Răng lúc bình minh"' in tag.group(0)


def test_the_placeholder_fills_the_box_until_the_photo_loads() -> None:
    style = re.search(r'<img [^>]+ style="([^"]+)"', render_figure(_photo()))
    assert style
    assert html.unescape(style.group(1)) == (
        f"background:#6a7b8c url('{PLACEHOLDER}') center/cover no-repeat"
    )


def test_the_lead_photo_loads_eagerly_with_high_priority_and_the_others_lazily() -> None:
    lead = render_figure(_photo(), lead=True)
    other = render_figure(_photo())
    assert 'loading="eager"' in lead and 'fetchpriority="high"' in lead
    assert 'loading="lazy"' in other and "fetchpriority" not in other
