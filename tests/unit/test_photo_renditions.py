"""Renditions: every width in WebP and JPEG, upright, sRGB, and with no metadata left."""

from __future__ import annotations

import base64
import io

import pytest
from newsroom.photos.renditions import CROP_WIDTHS, WIDTHS, EncodedRendition, make_renditions
from PIL import Image, ImageCms

from tests.photo_samples import (
    XMP_HEADER,
    display_p3_jpeg,
    encode,
    iptc_block,
    jpeg_with_iptc,
    make_heic,
    make_webp,
    with_segments,
    xmp_packet,
)
from tests.photos import make_jpeg, make_png


def _open(rendition: EncodedRendition) -> Image.Image:
    image = Image.open(io.BytesIO(rendition.data))
    assert image.format == rendition.format.upper()
    assert image.size == (rendition.width, rendition.height)
    return image


@pytest.mark.parametrize(
    "data",
    [make_jpeg(2400, 1600), make_png(2400, 1600), make_webp(2400, 1600), make_heic(2400, 1600)],
    ids=["jpeg", "png", "webp", "heic"],
)
def test_each_format_in_gives_every_width_in_webp_and_jpeg(data: bytes) -> None:
    photo = make_renditions(data)
    assert (photo.width, photo.height) == (2400, 1600)
    made = sorted((r.format, r.width, r.height) for r in photo.renditions)
    assert made == sorted(
        (fmt, width, round(width * 1600 / 2400)) for fmt in ("jpeg", "webp") for width in WIDTHS
    )
    for rendition in photo.renditions:
        assert _open(rendition).mode == "RGB"


def test_a_small_photo_is_never_enlarged() -> None:
    photo = make_renditions(make_jpeg(700, 500))
    assert sorted({r.width for r in photo.renditions}) == [320, 640, 700]


def test_a_photo_tagged_rotate_90_comes_out_portrait() -> None:
    photo = make_renditions(make_jpeg(1600, 1200, orientation=6))
    assert (photo.width, photo.height) == (1200, 1600)
    for rendition in photo.renditions:
        image = _open(rendition)
        assert image.height > image.width
    # The red corner of the landscape original is now top right.
    widest = _open(max(photo.renditions, key=lambda r: (r.format == "jpeg", r.width)))
    top_right = widest.convert("RGB").getpixel((widest.width - 20, 20))
    assert isinstance(top_right, tuple) and top_right[0] > 180 and top_right[2] < 90


def test_no_output_keeps_exif_gps_xmp_iptc_or_comments() -> None:
    original = with_segments(
        jpeg_with_iptc(iptc_block("Chú thích", "Tác giả"), gps=True, orientation=1),
        (0xE1, XMP_HEADER + xmp_packet("Mô tả", ("Tác giả",))),
        (0xFE, b"taken near the market"),
    )
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the sample has GPS
    photo = make_renditions(original)
    for rendition in [*photo.renditions, photo.social]:
        image = _open(rendition)
        assert not image.getexif()
        assert not image.getexif().get_ifd(0x8825)
        for key in ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "photoshop"):
            assert key not in image.info, (rendition.format, rendition.width, key)
        assert b"Exif" not in rendition.data[:2000]
        assert b"Photoshop" not in rendition.data and b"xmpmeta" not in rendition.data


def test_a_display_p3_photo_is_converted_to_srgb_with_the_profile_kept() -> None:
    original = display_p3_jpeg()
    before = Image.open(io.BytesIO(original))
    assert (
        "srgb"
        not in ImageCms.getProfileDescription(
            ImageCms.ImageCmsProfile(io.BytesIO(before.info["icc_profile"]))
        ).lower()
    )
    photo = make_renditions(original)
    for rendition in photo.renditions:
        image = _open(rendition)
        profile = ImageCms.ImageCmsProfile(io.BytesIO(image.info["icc_profile"]))
        assert "srgb" in ImageCms.getProfileDescription(profile).lower()
    jpeg = _open(next(r for r in photo.renditions if r.format == "jpeg"))
    red, green, blue = jpeg.convert("RGB").getpixel((10, 10))  # type: ignore[misc]
    assert abs(red - 200) < 8 and abs(green - 30) < 8 and abs(blue - 30) < 8


def test_a_transparent_png_is_flattened_on_white() -> None:
    image = Image.new("RGBA", (800, 600), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    photo = make_renditions(out.getvalue())
    jpeg = _open(next(r for r in photo.renditions if r.format == "jpeg"))
    assert jpeg.convert("RGB").getpixel((5, 5)) == (255, 255, 255)


def test_the_social_card_is_1200_by_630() -> None:
    photo = make_renditions(make_jpeg(4000, 3000))
    assert (photo.social.width, photo.social.height) == (1200, 630)
    assert _open(photo.social).size == (1200, 630)


def test_a_small_photo_gets_a_social_card_of_the_same_shape_without_enlarging() -> None:
    photo = make_renditions(make_jpeg(800, 800))
    assert photo.social.width == 800 and abs(photo.social.height - 420) <= 1


@pytest.mark.parametrize(("width", "height"), [(2400, 1600), (1200, 1800), (1600, 1600)])
def test_listings_get_crops_of_one_shape_at_a_few_widths_in_webp_and_jpeg(
    width: int, height: int
) -> None:
    photo = make_renditions(make_jpeg(width, height))
    made = sorted((c.format, c.width, c.height) for c in photo.crops)
    assert made == sorted(
        (fmt, w, round(w * 2 / 3)) for fmt in ("jpeg", "webp") for w in CROP_WIDTHS
    )
    for crop in photo.crops:
        assert _open(crop).mode == "RGB"


def test_a_small_photo_is_cropped_without_enlarging() -> None:
    photo = make_renditions(make_jpeg(600, 300))
    assert sorted({(c.width, c.height) for c in photo.crops}) == [(320, 213), (450, 300)]


def test_the_crop_keeps_the_part_of_the_photo_that_draws_the_eye() -> None:
    # A portrait photo, flat but for a busy patch near its top: the middle 3:2 band
    # would miss it, the attention crop keeps it.
    image = Image.new("RGB", (1200, 1800), (128, 128, 128))
    for x in range(300, 900, 20):
        for y in range(150, 450, 20):
            colour = (230, 30, 30) if (x + y) // 20 % 2 else (250, 250, 250)
            image.paste(colour, (x, y, x + 20, y + 20))
    photo = make_renditions(encode(image, "JPEG"))
    crop = _open(max(photo.crops, key=lambda c: (c.format == "jpeg", c.width))).convert("RGB")
    reds = sum(1 for pixel in crop.getdata() if pixel[0] > 200 and pixel[1] < 80)
    assert reds > crop.width * crop.height // 20


def test_the_placeholder_is_a_tiny_inline_image_and_a_colour() -> None:
    photo = make_renditions(make_jpeg(1600, 1200, colour=(30, 110, 180)))
    assert photo.placeholder.startswith("data:image/webp;base64,")
    assert len(photo.placeholder) < 600
    tiny = Image.open(io.BytesIO(base64.b64decode(photo.placeholder.split(",", 1)[1])))
    assert tiny.width == 16
    assert photo.colour.startswith("#") and len(photo.colour) == 7
    red, _green, blue = (int(photo.colour[i : i + 2], 16) for i in (1, 3, 5))
    assert blue > red  # mostly the blue background of the sample


@pytest.mark.parametrize(
    ("mode", "fmt", "value", "expected"),
    [
        ("CMYK", "JPEG", (0, 0, 0, 0), (255, 255, 255)),
        ("L", "PNG", 100, (100, 100, 100)),
        ("I;16", "PNG", 65535, (255, 255, 255)),
    ],
    ids=["cmyk-jpeg", "grey-png", "16-bit-png"],
)
def test_other_colour_modes_come_out_as_8_bit_rgb(
    mode: str, fmt: str, value: object, expected: tuple[int, int, int]
) -> None:
    original = encode(Image.new(mode, (800, 600), value), fmt)  # type: ignore[arg-type]
    for rendition in make_renditions(original).renditions:
        image = _open(rendition)
        assert image.mode == "RGB"
        pixel = image.getpixel((5, 5))
        assert isinstance(pixel, tuple)
        assert all(abs(a - b) <= 3 for a, b in zip(pixel, expected, strict=True)), pixel
