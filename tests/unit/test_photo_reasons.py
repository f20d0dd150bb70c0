"""Why a photo is refused, and what to check about it, in the editor's language: each
reason is a message with its facts (sizes in MB, pixels, the format found), kept on the
photo as its id and parameters and said in Vietnamese or English when it is shown."""

from __future__ import annotations

import struct
import sys
import zlib
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from newsroom.api.views import article_view, photo_view
from newsroom.i18n import Message, current_language, say, speaking
from newsroom.models.article import Photo, PhotoStatus
from newsroom.photos import pipeline
from newsroom.photos.captions import NO_CAPTION_WARNING, caption_photo, embedded_text
from newsroom.photos.formats import MAX_PHOTO_BYTES, MEGABYTE, too_large
from newsroom.photos.renditions import PhotoRejected, make_renditions, read_header
from newsroom.storage.articles import photo_from_item, photo_item
from PIL import Image

from tests.articles import published_article
from tests.photo_samples import (
    SVG,
    encode,
    iptc_block,
    make_heic,
    png_with_size_in_header,
    with_segments,
)
from tests.photos import make_jpeg

NOW = datetime(2026, 11, 27, 8, 30, tzinfo=UTC)


def _png_without_header() -> bytes:
    """A PNG whose chunks are whole but whose first chunk is not its header (IHDR)."""
    end = b"IEND"
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 0) + end + struct.pack(">I", zlib.crc32(end))


def _damaged_jpeg() -> bytes:
    jpeg = bytearray(make_jpeg(400, 300))
    jpeg[4:6] = b"\x00\x01"  # the first segment claims a length shorter than its header
    return bytes(jpeg)


def _undecodable_jpeg() -> bytes:
    jpeg = bytearray(make_jpeg(400, 300))
    table = jpeg.index(b"\xff\xc4")  # a Huffman table whose code counts are nonsense
    jpeg[table + 5 : table + 21] = b"\xff" * 16
    return bytes(jpeg)


# What is sent, and why it is refused: the message, then its words in each language.
REFUSALS: list[tuple[str, Callable[[], bytes], str, str, str]] = [
    (
        "too_large",
        lambda: make_jpeg(64, 48) + b"\x00" * MAX_PHOTO_BYTES,
        "photo.rejected.too_large",
        "Ảnh quá lớn: 26 MB, tối đa 25 MB",
        "the file is 26 MB; at most 25 MB are accepted",
    ),
    (
        "empty",
        lambda: b"",
        "photo.rejected.empty",
        "Tệp ảnh trống, không có dữ liệu nào",
        "the file is empty",
    ),
    (
        "svg",
        lambda: SVG,
        "photo.rejected.svg",
        "Không nhận hình vẽ SVG làm ảnh (tệp SVG có thể chứa mã chạy được); hãy tải lên ảnh "
        "JPEG, PNG, WebP hoặc HEIC",
        "SVG drawings are not accepted as photos (they can carry scripts); upload a JPEG, PNG, "
        "WebP or HEIC photo",
    ),
    (
        "gif",
        lambda: encode(Image.new("P", (10, 10)), "GIF"),
        "photo.rejected.other_format",
        "Tệp này là tệp GIF, không phải ảnh ở định dạng được hỗ trợ (JPEG, PNG, WebP hoặc HEIC)",
        "the file is a GIF file, not a photo in a supported format (JPEG, PNG, WebP or HEIC)",
    ),
    (
        "pdf",
        lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        "photo.rejected.other_format",
        "Tệp này là tệp PDF, không phải ảnh ở định dạng được hỗ trợ (JPEG, PNG, WebP hoặc HEIC)",
        "the file is a PDF file, not a photo in a supported format (JPEG, PNG, WebP or HEIC)",
    ),
    (
        "text",
        lambda: "Biên bản cuộc họp ngày 27/11".encode(),
        "photo.rejected.not_a_photo",
        "Tệp này không phải là ảnh ở định dạng được hỗ trợ (JPEG, PNG, WebP hoặc HEIC)",
        "the file is not a photo in a supported format (JPEG, PNG, WebP or HEIC)",
    ),
    (
        "truncated",
        lambda: make_jpeg(400, 300)[:-2000],
        "photo.rejected.truncated",
        "Tệp JPEG không đầy đủ: bị mất phần cuối",
        "the JPEG file is truncated (cut short)",
    ),
    (
        "damaged",
        _damaged_jpeg,
        "photo.rejected.damaged",
        "Tệp JPEG bị hỏng (lỗi tại byte 4)",
        "the JPEG file is damaged (at byte 4)",
    ),
    (
        "script_in_metadata",
        lambda: with_segments(make_jpeg(200, 100), (0xFE, b"<?php system($_GET['c']); ?>")),
        "photo.rejected.hidden_content",
        "Tệp giấu nội dung trang web hoặc mã lệnh trong phần siêu dữ liệu (tệp vừa là ảnh vừa "
        "là một loại tệp khác)",
        "the file hides web page or script content in its metadata (a polyglot file)",
    ),
    (
        "data_after_image",
        lambda: make_jpeg(200, 100) + b"<html><script>alert(1)</script></html>",
        "photo.rejected.data_after_image",
        "Tệp có dữ liệu khác nằm sau phần cuối của ảnh (tệp vừa là ảnh vừa là một loại tệp khác)",
        "the file carries other data after the end of the image (a polyglot file)",
    ),
    (
        "too_many_pixels",
        lambda: png_with_size_in_header(12_000, 9_000),
        "photo.rejected.too_many_pixels",
        "Ảnh có quá nhiều điểm ảnh: 12000×9000 (108 megapixel), tối đa 100 megapixel",
        "the image is 12000×9000 pixels (108 megapixels); at most 100 megapixels are accepted",
    ),
    (
        "pixels_beyond_pillows_limit",
        lambda: png_with_size_in_header(30_000, 30_000),
        "photo.rejected.pixels_beyond",
        "Ảnh có quá nhiều điểm ảnh: hơn 100 megapixel",
        "the image has more than 100 megapixels",
    ),
    (
        "unreadable_header",
        _png_without_header,
        "photo.rejected.unreadable",
        "Tệp PNG bị hỏng: không đọc được phần đầu của tệp",
        "the PNG file is damaged: its header cannot be read",
    ),
    (
        "undecodable",
        _undecodable_jpeg,
        "photo.rejected.undecodable",
        "Tệp JPEG không đầy đủ hoặc bị hỏng: không giải mã được ảnh",
        "the JPEG file is truncated or damaged: it cannot be decoded",
    ),
]


def _refusal(data: bytes) -> PhotoRejected:
    with pytest.raises(PhotoRejected) as caught:
        make_renditions(data)
    return caught.value


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize(
    ("data", "message_id", "vietnamese", "english"),
    [case[1:] for case in REFUSALS],
    ids=[case[0] for case in REFUSALS],
)
def test_each_refusal_is_a_message_said_in_vietnamese_and_in_english(
    data: Callable[[], bytes], message_id: str, vietnamese: str, english: str
) -> None:
    refused = _refusal(data())
    assert refused.message.id == message_id
    assert say(refused.message, "vi") == say(refused.message) == vietnamese
    assert say(refused.message, "en") == english
    assert str(refused) == english  # what logs say


def test_sizes_are_in_whole_megabytes_never_rounded_down_to_the_limit() -> None:
    assert say(too_large(44 * MEGABYTE), "vi") == "Ảnh quá lớn: 44 MB, tối đa 25 MB"
    assert say(too_large(44 * MEGABYTE), "en") == "the file is 44 MB; at most 25 MB are accepted"
    assert too_large(MAX_PHOTO_BYTES + 1).params == {"size_mb": 26, "limit_mb": 25}


def test_a_heic_photo_where_heic_is_not_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    heic = make_heic(64, 48)
    monkeypatch.setitem(sys.modules, "pillow_heif", None)  # importing it fails
    refused = _refusal(heic)
    assert refused.message == Message("photo.rejected.heic_unsupported")
    assert say(refused.message, "vi") == (
        "Hệ thống này chưa nhận ảnh HEIC; hãy lưu ảnh sang JPEG rồi tải lên lại"
    )
    assert say(refused.message, "en") == (
        "HEIC photos are not supported by this deployment; save the photo as a JPEG and upload that"
    )


def test_a_photo_no_image_library_can_process() -> None:
    class Failing:
        def photo_file(self, data: bytes, content_hash: str) -> None:
            raise RuntimeError("unexpected end of a tile")

    with pytest.raises(PhotoRejected) as caught:
        pipeline._made(Failing(), b"", "0" * 64)  # type: ignore[arg-type]
    assert caught.value.message == Message("photo.rejected.unprocessable", error="RuntimeError")
    assert say(caught.value.message, "vi") == (
        "Không xử lý được ảnh (RuntimeError); hãy lưu lại ảnh dưới dạng JPEG hoặc PNG rồi tải "
        "tệp đó lên"
    )
    assert say(caught.value.message, "en") == (
        "the photo could not be processed (RuntimeError); save it again as a JPEG or PNG and "
        "upload that"
    )


def test_embedded_texts_too_large_to_keep() -> None:
    message = Message("photo.rejected.texts_too_large")
    assert say(message, "vi") == (
        "Phần chữ nhúng trong tệp ảnh (chú thích, tác giả…) quá dài, không lưu lại được"
    )
    assert say(message, "en") == "the photo's embedded texts are too large to keep"


def _photo(**fields: object) -> Photo:
    return Photo.model_validate({"name": "anh.jpg", "created_at": NOW, "updated_at": NOW, **fields})


def test_the_warnings_are_said_in_both_languages_with_numbers_written_as_each_writes_them() -> None:
    bare = caption_photo(_photo(), read_header(make_jpeg(64, 48)).text)
    assert bare["warnings"] == [NO_CAPTION_WARNING]
    assert say(NO_CAPTION_WARNING, "vi") == (
        "Ảnh chưa có cả chú thích lẫn mô tả: bạn đọc dùng trình đọc màn hình sẽ không biết gì "
        "về ảnh"
    )
    assert say(NO_CAPTION_WARNING, "en") == (
        "the photo has neither a caption nor alt text: readers using a screen reader learn "
        "nothing about it"
    )
    long_caption = "Lễ hội đường phố ở Huế " * 100
    found = embedded_text(iptc_block(long_caption), b"")
    warnings = caption_photo(_photo(), found)["warnings"]
    assert isinstance(warnings, list)
    (caption_cut,) = warnings
    assert caption_cut == Message("photo.warning.caption_cut", length=2_299, limit=1_000)
    assert say(caption_cut, "vi") == (
        "Chú thích trong tệp ảnh dài 2.299 ký tự; chỉ giữ lại 1.000 ký tự đầu: hãy kiểm tra lại"
    )
    assert say(caption_cut, "en") == (
        "the caption in the file has 2,299 characters; only the first 1,000 are kept: check it"
    )
    for field, vietnamese, english in (
        ("alt", "Mô tả ảnh trong tệp dài 1.200 ký tự", "the alt text in the file has 1,200"),
        ("credit", "Nguồn ảnh trong tệp dài 1.200 ký tự", "the credit in the file has 1,200"),
    ):
        warning = Message(f"photo.warning.{field}_cut", length=1_200, limit=500)
        assert say(warning, "vi").startswith(vietnamese)
        assert say(warning, "en").startswith(english)


def test_the_reason_is_stored_as_its_id_and_parameters() -> None:
    rejected = _photo(
        status=PhotoStatus.REJECTED,
        reason=Message("photo.rejected.too_large", size_mb=44, limit_mb=25),
        warnings=[NO_CAPTION_WARNING],
    )
    item = photo_item("01ARTICLE", rejected)
    assert item["reason"] == {
        "id": "photo.rejected.too_large",
        "params": {"size_mb": 44, "limit_mb": 25},
    }
    assert item["warnings"] == [{"id": "photo.warning.no_caption", "params": {}}]
    again = photo_from_item(item)
    assert again == rejected
    assert again.reason == Message("photo.rejected.too_large", size_mb=44, limit_mb=25)
    assert _photo().reason is None
    assert photo_item("01ARTICLE", _photo())["reason"] is None


def test_a_record_from_before_keeps_its_english_reason_and_warnings() -> None:
    stored = {
        **photo_item("01ARTICLE", _photo()),
        "status": "rejected",
        "reason": "the file is not a photo in a supported format (JPEG, PNG, WebP or HEIC)",
        "warnings": ["the photo has neither a caption nor alt text"],
    }
    old = photo_from_item(stored)
    assert old.reason is not None
    assert say(old.reason, "vi") == say(old.reason, "en") == stored["reason"]
    assert [say(w, "vi") for w in old.warnings] == ["the photo has neither a caption nor alt text"]
    assert photo_from_item({**stored, "status": "ready", "reason": ""}).reason is None


def test_the_api_says_the_reason_in_the_language_of_the_answer() -> None:
    rejected = _photo(
        status=PhotoStatus.REJECTED,
        reason=Message("photo.rejected.truncated", format="PNG"),
        warnings=[NO_CAPTION_WARNING],
    )
    assert current_language() == "vi"
    assert photo_view(rejected).reason == "Tệp PNG không đầy đủ: bị mất phần cuối"
    assert photo_view(rejected, language="en").reason == "the PNG file is truncated (cut short)"
    with speaking("en"):
        assert current_language() == "en"
        view = photo_view(rejected)
        assert view.reason == "the PNG file is truncated (cut short)"
        assert view.warnings[0].startswith("the photo has neither a caption nor alt text")
    assert current_language() == "vi"
    article = published_article(photos=[rejected])
    shown = article_view(article, "https://tin.example", language="vi")
    assert shown.rejected_photos[0].reason == "Tệp PNG không đầy đủ: bị mất phần cuối"
    assert shown.photos[0].warnings[0].startswith("Ảnh chưa có cả chú thích lẫn mô tả")
    assert photo_view(_photo()).reason == ""
