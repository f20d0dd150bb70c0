"""Bad files are refused before any pixel is decoded, each with a reason an editor can act on."""

from __future__ import annotations

import io

import pytest
from newsroom.photos.formats import MAX_PHOTO_BYTES, accepted_format, sniff_format
from newsroom.photos.renditions import PhotoRejected, make_renditions, read_header
from PIL import Image

from tests.photo_samples import (
    SVG,
    encode,
    make_heic,
    make_webp,
    png_with_size_in_header,
    with_segments,
)
from tests.photos import make_jpeg, make_png


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (make_jpeg(64, 48), "jpeg"),
        (make_png(64, 48), "png"),
        (make_webp(64, 48), "webp"),
        (make_heic(64, 48), "heif"),
    ],
    ids=["jpeg", "png", "webp", "heic"],
)
def test_the_type_is_read_from_the_bytes(data: bytes, kind: str) -> None:
    assert sniff_format(data[:32]) == kind
    assert accepted_format(data) == kind


def _rejection(data: bytes) -> str:
    with pytest.raises(PhotoRejected) as caught:
        make_renditions(data)
    return str(caught.value)


def test_text_is_not_a_photo() -> None:
    assert "not a photo in a supported format" in _rejection(b"Hello, this is a PDF? no.\n" * 4)


def test_a_gif_is_an_unsupported_type() -> None:
    gif = encode(Image.new("P", (10, 10)), "GIF")
    assert "not a photo in a supported format (JPEG, PNG, WebP or HEIC)" in _rejection(gif)


def test_svg_is_refused_as_such() -> None:
    assert "SVG drawings are not accepted" in _rejection(SVG)
    assert "SVG" in _rejection(b"\xef\xbb\xbf  <svg xmlns='http://www.w3.org/2000/svg'/>")


def test_a_file_over_25_mb_is_refused() -> None:
    huge = make_jpeg(64, 48) + b"\x00" * MAX_PHOTO_BYTES
    assert "the file is 26 MB; at most 25 MB are accepted" in _rejection(huge)


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_an_image_over_100_megapixels_is_refused_from_its_header() -> None:
    bomb = png_with_size_in_header(12_000, 9_000)  # 108 megapixels, a few bytes of data
    with pytest.raises(PhotoRejected, match=r"\(108 megapixels\); at most 100 megapixels"):
        read_header(bomb)


def test_a_decompression_bomb_beyond_pillows_own_limit_is_refused() -> None:
    bomb = png_with_size_in_header(30_000, 30_000)
    assert "100 megapixels" in _rejection(bomb)


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (make_jpeg(400, 300)[:-2000], "JPEG"),
        (make_png(400, 300)[:-30], "PNG"),
        (make_webp(400, 300)[:-100], "WebP"),
        (make_heic(400, 300)[:-100], "HEIC"),
    ],
    ids=["jpeg", "png", "webp", "heic"],
)
def test_a_truncated_file_is_refused(data: bytes, label: str) -> None:
    assert f"the {label} file is truncated" in _rejection(data)


def test_a_corrupt_jpeg_is_refused() -> None:
    jpeg = bytearray(make_jpeg(400, 300))
    jpeg[4:6] = b"\x00\x01"  # the first segment claims a length shorter than its header
    assert "the JPEG file is damaged" in _rejection(bytes(jpeg))


def test_damaged_pixels_are_refused_when_decoded() -> None:
    jpeg = bytearray(make_jpeg(400, 300))
    table = jpeg.index(b"\xff\xc4")  # a Huffman table whose code counts are nonsense
    jpeg[table + 5 : table + 21] = b"\xff" * 16
    assert "cannot be decoded" in _rejection(bytes(jpeg))


def test_html_after_the_image_is_a_polyglot() -> None:
    polyglot = make_jpeg(200, 100) + b"<html><script>alert(document.cookie)</script></html>"
    assert "other data after the end of the image (a polyglot file)" in _rejection(polyglot)


def test_an_archive_after_the_image_is_a_polyglot() -> None:
    polyglot = make_png(64, 48) + b"PK\x03\x04" + b"\x14\x00" * 20
    assert "polyglot" in _rejection(polyglot)


def test_script_hidden_in_a_comment_is_a_polyglot() -> None:
    polyglot = with_segments(make_jpeg(200, 100), (0xFE, b"<?php system($_GET['c']); ?>"))
    assert "hides web page or script content in its metadata" in _rejection(polyglot)


def test_padding_after_the_image_is_harmless() -> None:
    padded = make_jpeg(200, 100) + b"\x00" * 64
    assert make_renditions(padded).width == 200


def test_an_image_is_checked_by_content_not_by_pillow_plugins_for_other_types() -> None:
    tiff = encode(Image.new("RGB", (10, 10)), "TIFF")
    assert "not a photo in a supported format" in _rejection(tiff)
    assert Image.open(io.BytesIO(tiff)).format == "TIFF"  # Pillow alone would have opened it
