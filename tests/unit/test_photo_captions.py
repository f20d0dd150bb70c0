"""Captions, alt text and credits: the editor's first, else the photo's IPTC or XMP."""

from __future__ import annotations

from datetime import UTC, datetime

from newsroom.models.article import CaptionSource, Photo
from newsroom.photos.captions import NO_CAPTION_WARNING, EmbeddedText, caption_photo
from newsroom.photos.renditions import read_header

from tests.photo_samples import (
    BY_LINE_VI,
    CAPTION_VI,
    CREDIT_VI,
    XMP_HEADER,
    iptc_block,
    jpeg_with_iptc,
    jpeg_with_xmp,
    with_segments,
    xmp_packet,
)
from tests.photos import make_jpeg

NOW = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


def _photo(**fields: object) -> Photo:
    return Photo(name="anh.jpg", created_at=NOW, updated_at=NOW, **fields)  # type: ignore[arg-type]


def test_iptc_caption_by_line_and_credit_in_utf8_with_the_marker() -> None:
    text = read_header(jpeg_with_iptc(iptc_block(CAPTION_VI, BY_LINE_VI, CREDIT_VI))).text
    assert text.caption == CAPTION_VI
    assert text.caption_source is CaptionSource.IPTC
    assert text.credit == f"{BY_LINE_VI} / {CREDIT_VI}"
    assert text.credit_source is CaptionSource.IPTC


def test_iptc_in_utf8_without_the_marker_is_still_read_right() -> None:
    block = iptc_block(CAPTION_VI, BY_LINE_VI, utf8_marker=False)
    assert read_header(jpeg_with_iptc(block)).text.caption == CAPTION_VI


def test_iptc_in_the_vietnamese_windows_code_page_comes_out_as_nfc() -> None:
    block = iptc_block("Hội nghị tổng kết năm", encoding="cp1258", utf8_marker=False)
    caption = read_header(jpeg_with_iptc(block)).text.caption
    assert caption == "Hội nghị tổng kết năm"
    assert caption.encode("utf-8") == "Hội nghị tổng kết năm".encode()  # composed (NFC)


def test_xmp_description_creators_and_credit() -> None:
    xmp = xmp_packet(CAPTION_VI, (BY_LINE_VI, "Trần Văn Nam"), CREDIT_VI)
    text = read_header(jpeg_with_xmp(xmp)).text
    assert text.caption == CAPTION_VI
    assert text.caption_source is CaptionSource.XMP
    assert text.credit == f"{BY_LINE_VI}, Trần Văn Nam / {CREDIT_VI}"
    assert text.credit_source is CaptionSource.XMP


def test_xmp_alt_text_is_read_when_present() -> None:
    text = read_header(jpeg_with_xmp(xmp_packet(CAPTION_VI, alt="Hai người hái cà phê"))).text
    assert (text.alt, text.alt_source) == ("Hai người hái cà phê", CaptionSource.XMP)


def test_iptc_wins_over_xmp_field_by_field() -> None:
    data = with_segments(
        jpeg_with_iptc(iptc_block("Chú thích IPTC")),
        (0xE1, XMP_HEADER + xmp_packet("Chú thích XMP", credit=CREDIT_VI)),
    )
    text = read_header(data).text
    assert (text.caption, text.caption_source) == ("Chú thích IPTC", CaptionSource.IPTC)
    assert (text.credit, text.credit_source) == (CREDIT_VI, CaptionSource.XMP)


def test_xmp_with_a_doctype_is_ignored() -> None:
    evil = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + xmp_packet("&a;")
    assert read_header(jpeg_with_xmp(evil)).text.caption == ""


def test_the_editor_wins_and_alt_falls_back_to_the_caption() -> None:
    found = EmbeddedText(
        caption=CAPTION_VI,
        caption_source=CaptionSource.IPTC,
        credit=CREDIT_VI,
        credit_source=CaptionSource.IPTC,
    )
    updates = caption_photo(_photo(caption="Chú thích của biên tập viên"), found)
    assert updates["caption"] == "Chú thích của biên tập viên"
    assert updates["caption_source"] is CaptionSource.EDITOR
    assert updates["alt"] == "Chú thích của biên tập viên"
    assert updates["alt_source"] is CaptionSource.EDITOR
    assert (updates["credit"], updates["credit_source"]) == (CREDIT_VI, CaptionSource.IPTC)
    assert updates["warnings"] == []


def test_the_file_fills_in_and_alt_follows_its_caption() -> None:
    found = EmbeddedText(caption=CAPTION_VI, caption_source=CaptionSource.XMP)
    updates = caption_photo(_photo(), found)
    assert (updates["caption"], updates["caption_source"]) == (CAPTION_VI, CaptionSource.XMP)
    assert (updates["alt"], updates["alt_source"]) == (CAPTION_VI, CaptionSource.XMP)
    assert updates["credit_source"] is CaptionSource.NONE


def test_a_later_edit_by_the_editor_replaces_the_files_caption() -> None:
    found = EmbeddedText(caption=CAPTION_VI, caption_source=CaptionSource.IPTC)
    processed = _photo(**caption_photo(_photo(), found))
    edited = processed.model_copy(update={"caption": "Chú thích mới"})
    updates = caption_photo(edited, found)
    assert (updates["caption"], updates["caption_source"]) == (
        "Chú thích mới",
        CaptionSource.EDITOR,
    )
    assert caption_photo(processed, found)["caption_source"] is CaptionSource.IPTC


def test_a_photo_with_neither_caption_nor_alt_gets_a_warning() -> None:
    updates = caption_photo(_photo(), read_header(make_jpeg(64, 48)).text)
    assert updates["caption_source"] is CaptionSource.NONE
    assert updates["alt_source"] is CaptionSource.NONE
    assert updates["warnings"] == [NO_CAPTION_WARNING]


def test_text_from_a_file_is_held_to_what_an_editor_may_type() -> None:
    from newsroom.photos.captions import MAX_CAPTION, capped, embedded_text

    long = "Lễ hội đường phố ở Huế " * 100
    hostile = "Cầu\u200b Bến\ufffe Lức\x07 mới\u2060"
    found = embedded_text(iptc_block(hostile + " " + long), b"")
    assert found.caption.startswith("Cầu Bến Lức mới Lễ hội")
    assert len(found.caption) <= MAX_CAPTION and found.caption.endswith("…")
    assert found.cut == {"caption": len("Cầu Bến Lức mới " + long.strip())}
    # Cut at a word, not inside one.
    assert capped("một hai ba bốn năm", 12) == "một hai ba…"
    assert capped("ngắn", 12) == "ngắn"
