"""Slugs: Vietnamese titles become short, readable, ASCII URL paths."""

from __future__ import annotations

import unicodedata

import pytest
from newsroom.text.slug import MAX_SLUG_LENGTH, ascii_fold, slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Khai mạc Hội chợ hàng Việt năm 2026", "khai-mac-hoi-cho-hang-viet-nam-2026"),
        ("Người dân phấn khởi đón Tết Nguyên đán", "nguoi-dan-phan-khoi-don-tet-nguyen-dan"),
        ("Ưu tiên ổn định đời sống", "uu-tien-on-dinh-doi-song"),
        ("Quốc lộ 1A: sửa chữa mặt đường", "quoc-lo-1a-sua-chua-mat-duong"),
    ],
)
def test_diacritics_are_dropped(title: str, slug: str) -> None:
    assert slugify(title) == slug


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("đường", "duong"),
        ("Đà Nẵng", "da-nang"),
        ("ĐẮK LẮK", "dak-lak"),
        ("Nghị định 15/2026/NĐ-CP", "nghi-dinh-15-2026-nd-cp"),
    ],
)
def test_d_with_stroke_becomes_d(title: str, slug: str) -> None:
    # "đ" and "Đ" do not decompose under NFD: they must be mapped, not dropped.
    assert slugify(title) == slug


def test_nfc_and_nfd_spellings_give_the_same_slug() -> None:
    title = "Đắk Lắk: khởi công cầu Ea Nao, tổng vốn hơn 100 tỷ đồng"
    nfc = unicodedata.normalize("NFC", title)
    nfd = unicodedata.normalize("NFD", title)
    assert nfc != nfd
    assert slugify(nfc) == slugify(nfd) == "dak-lak-khoi-cong-cau-ea-nao-tong-von-hon-100-ty-dong"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Giá xăng giảm 1,5% — “tin vui” cho người dân!",
            "gia-xang-giam-1-5-tin-vui-cho-nguoi-dan",
        ),
        ("  (Cập nhật)   Bão số 3…  ", "cap-nhat-bao-so-3"),
        ("Hỏi & đáp: thủ tục cấp đổi CCCD?", "hoi-dap-thu-tuc-cap-doi-cccd"),
        ("a__b--c..d", "a-b-c-d"),
    ],
)
def test_punctuation_becomes_single_hyphens_and_never_leads_or_trails(
    title: str, slug: str
) -> None:
    assert slugify(title) == slug


def test_text_without_letters_or_digits_gives_an_empty_slug() -> None:
    assert slugify("!!! — ???") == ""


def test_long_titles_are_cut_at_a_word_within_the_limit() -> None:
    title = (
        "Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác cải cách hành chính "
        "năm 2026 và triển khai nhiệm vụ trọng tâm năm 2027 tại hội trường lớn"
    )
    slug = slugify(title)
    full = slugify(title, max_length=1000)
    assert len(slug) <= MAX_SLUG_LENGTH
    assert full.startswith(slug)
    # The cut falls between two words, not inside one.
    assert full[len(slug)] == "-"
    assert not slug.endswith("-")


def test_a_cut_exactly_at_a_word_boundary_keeps_the_whole_word() -> None:
    assert slugify("một hai ba", max_length=7) == "mot-hai"
    assert slugify("một hai ba", max_length=6) == "mot"


def test_a_single_word_longer_than_the_limit_is_cut_inside_it() -> None:
    assert slugify("x" * 200) == "x" * MAX_SLUG_LENGTH


def test_ascii_fold_keeps_case_and_spacing() -> None:
    assert ascii_fold("Đà Nẵng, Việt Nam") == "Da Nang, Viet Nam"
