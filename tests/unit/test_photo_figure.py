"""A photo on the page: picture with WebP first, srcset and sizes, a placeholder colour and
a portrait's width by class, lazy or eager."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from newsroom.models.article import Photo, PhotoStatus, Rendition
from newsroom.site.pages import PHOTO_SIZES, render_figure
from newsroom.site.placeholders import colour_class, photo_css

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


def test_the_placeholder_colour_is_a_class_not_an_inline_style() -> None:
    page = render_figure(_photo())
    assert "style=" not in page
    tag = re.search(r"<img [^>]+>", page)
    assert tag and 'class="ph-112"' in tag.group(0)  # #6a7b8c, rounded to 4 levels
    assert colour_class("#6a7b8c") == "ph-112"
    assert ".ph-112{background-color:" in photo_css()


def test_a_portrait_photo_is_sized_by_its_shape_to_fit_the_window() -> None:
    tall = _photo().model_copy(
        update={
            "width": 2000,
            "height": 3000,
            "renditions": [
                Rendition(width=w, height=w * 3 // 2, format=fmt, key=f"media/ab/t/{w}.{fmt}")
                for w in (320, 640, 960)
                for fmt in ("webp", "jpeg")
            ],
        }
    )
    page = render_figure(tall)
    assert '<figure class="photo portrait tall-65">' in page
    assert 'sizes="(orientation: landscape) 53vh, ' in page
    assert ".tall-65{width:min(100%,52vh)}" in photo_css()
    assert "portrait" not in render_figure(_photo())


def test_the_lead_photo_loads_eagerly_with_high_priority_and_the_others_lazily() -> None:
    lead = render_figure(_photo(), lead=True)
    other = render_figure(_photo())
    assert 'loading="eager"' in lead and 'fetchpriority="high"' in lead
    assert 'loading="lazy"' in other and "fetchpriority" not in other
