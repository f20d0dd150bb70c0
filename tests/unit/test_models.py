"""The models: what editors send is normalised, bounded, and refused with a field and a reason."""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from newsroom.api.problems import validation_problem
from newsroom.models.article import MAX_TAGS, MAX_TITLE
from newsroom.models.editorial import (
    ArticleDraft,
    PhotoChanges,
    PhotoUploadRequest,
    PublishRequest,
    latest_publication,
)
from newsroom.models.messages import PhotosRequested, RenderRequested
from pydantic import BaseModel, ValidationError

ARTICLE_ID = "01jdq2x3y4z5a6b7c8d9e0f1g2"


def _draft(**fields: Any) -> dict[str, Any]:
    return {
        "title": "Khai mạc hội chợ",
        "body": "Đoạn mở đầu.",
        "category": "tin-tuc",
        "author": "Nguyễn Thị Hoa",
        **fields,
    }


def _reasons(model: type[BaseModel], data: dict[str, Any], language: str = "en") -> dict[str, str]:
    """What the API would answer (in `language`): each invalid field and its reason."""
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    problem = validation_problem(caught.value)
    assert problem.status == 422
    return {e["field"]: e["reason"] for e in problem.as_json(language=language)["errors"]}


def test_text_is_stored_in_nfc_whatever_form_it_was_typed_in() -> None:
    nfd = {k: unicodedata.normalize("NFD", v) for k, v in _draft(source="Sở Công Thương").items()}
    draft = ArticleDraft.model_validate({**nfd, "category": "tin-tuc"})
    for field in ("title", "body", "author", "source"):
        value = getattr(draft, field)
        assert value == unicodedata.normalize("NFC", value), field
    assert draft.title == "Khai mạc hội chợ"


def test_surrounding_spaces_are_trimmed_and_duplicate_tags_dropped() -> None:
    draft = ArticleDraft.model_validate(
        _draft(title="  Khai mạc  ", tags=["hội chợ", "hàng Việt", "hội chợ"])
    )
    assert draft.title == "Khai mạc"
    assert draft.tags == ["hội chợ", "hàng Việt"]


def test_missing_fields_are_named() -> None:
    reasons = _reasons(ArticleDraft, {"body": "x"})
    assert reasons == {"title": "is required", "category": "is required", "author": "is required"}


def test_reasons_are_vietnamese_by_default_and_name_the_field_in_words() -> None:
    assert _reasons(ArticleDraft, {"body": "x"}, "vi") == {
        "title": "Tiêu đề là bắt buộc",
        "category": "Chuyên mục là bắt buộc",
        "author": "Tác giả là bắt buộc",
    }
    reasons = _reasons(ArticleDraft, _draft(title="  ", tags=["x" * 61], views=1), "vi")
    assert reasons == {
        "title": "Tiêu đề không được để trống",
        "tags[0]": "Thẻ thứ 1 chỉ được dài tối đa 60 ký tự (hiện có 61 ký tự)",
        "views": "Trường “views” không phải là trường của yêu cầu này",
    }
    hidden = _reasons(ArticleDraft, _draft(title="Tin\u2060giả"), "vi")["title"]
    assert hidden.startswith("Tiêu đề chứa ký tự U+2060 WORD JOINER (ký tự độ rộng bằng không)")
    script = _reasons(PhotoUploadRequest, {"name": "a.jpg", "caption": "<script>x"}, "vi")
    assert script == {"caption": "Chú thích ảnh chứa thẻ <script>, là thẻ không được phép"}


@pytest.mark.parametrize(
    ("fields", "field", "reason"),
    [
        ({"title": "x" * (MAX_TITLE + 1)}, "title", f"at most {MAX_TITLE} characters"),
        ({"title": "   "}, "title", "must not be blank"),
        ({"body": ""}, "body", "must not be empty"),
        ({"body": "á" * 150_000}, "body", "bytes"),
        ({"tags": [f"thẻ {n}" for n in range(MAX_TAGS + 1)]}, "tags", f"at most {MAX_TAGS}"),
        ({"tags": ["x" * 61]}, "tags[0]", "at most 60 characters"),
        ({"title": "Tin\u202egiả"}, "title", "bidirectional"),
        ({"author": "Hoa\x00"}, "author", "control"),
        ({"views": 10}, "views", "is not a field of this request"),
    ],
)
def test_limits_and_bad_text_are_refused_with_field_and_reason(
    fields: dict[str, Any], field: str, reason: str
) -> None:
    reasons = _reasons(ArticleDraft, _draft(**fields))
    assert field in reasons, reasons
    assert reason in reasons[field]


def test_an_unknown_category_is_refused_naming_the_choices() -> None:
    reasons = _reasons(ArticleDraft, _draft(category="the-thao"))
    assert "unknown category 'the-thao'" in reasons["category"]
    assert "tin-tuc" in reasons["category"]


@pytest.mark.parametrize(
    "name",
    ["../anh.jpg", "a/b.jpg", "/etc/passwd.jpg", "a\\b.jpg", ".an.jpg", "anh.jpg/", "anh.exe", ""],
)
def test_photo_names_that_are_paths_or_not_photos_are_refused(name: str) -> None:
    reasons = _reasons(PhotoUploadRequest, {"name": name, "caption": "Chú thích"})
    assert "name" in reasons


@pytest.mark.parametrize("name", ["gian-hang.jpg", "IMG_2041.JPEG", "anh.1.png", "so-do.webp"])
def test_plain_photo_file_names_are_accepted(name: str) -> None:
    assert PhotoUploadRequest.model_validate({"name": name}).name == name


def test_photo_content_types_are_images_only() -> None:
    reasons = _reasons(PhotoUploadRequest, {"name": "a.jpg", "content_type": "text/html"})
    assert "content_type" in reasons


@pytest.mark.parametrize("message", [PhotosRequested, RenderRequested])
def test_queue_messages_carry_ids_and_versions_and_a_schema_version(
    message: type[PhotosRequested] | type[RenderRequested],
) -> None:
    sent = message(article_id=ARTICLE_ID, version=3)
    received = message.model_validate_json(sent.model_dump_json())
    assert received == sent
    assert received.schema_version == 1
    assert f"{ARTICLE_ID}:v3" in received.idempotency_key
    with pytest.raises(ValidationError):
        message.model_validate({"article_id": "../../etc", "version": 1})
    with pytest.raises(ValidationError):
        message.model_validate({"article_id": ARTICLE_ID, "version": 1, "body": "nội dung"})


# Characters that are not text: one such article would make every feed unreadable.
NOT_TEXT = {
    "noncharacter U+FFFE": "\ufffe",
    "noncharacter U+FFFF": "\uffff",
    "noncharacter U+FDD0": "\ufdd0",
    "noncharacter U+10FFFF": "\U0010ffff",
    "lone high surrogate": "\ud800",
    "lone low surrogate": "\udfff",
    "C1 control U+0085": "\x85",
    "vertical tab": "\x0b",
}
ARTICLE_TEXT_FIELDS = ("title", "summary", "author", "source", "body")


@pytest.mark.parametrize("character", NOT_TEXT.values(), ids=NOT_TEXT.keys())
@pytest.mark.parametrize("field", [*ARTICLE_TEXT_FIELDS, "tags"])
def test_characters_that_are_not_text_are_refused_in_every_article_field(
    field: str, character: str
) -> None:
    value: Any = f"Khai mạc{character} hội chợ"
    reasons = _reasons(ArticleDraft, _draft(**{field: [value] if field == "tags" else value}))
    named = "tags[0]" if field == "tags" else field
    assert list(reasons) == [named], reasons
    assert f"U+{ord(character):04X}" in reasons[named]
    assert "not allowed" in reasons[named]


@pytest.mark.parametrize("character", NOT_TEXT.values(), ids=NOT_TEXT.keys())
@pytest.mark.parametrize("field", ["caption", "alt", "credit"])
def test_characters_that_are_not_text_are_refused_in_photo_fields(
    field: str, character: str
) -> None:
    value = f"Toàn cảnh{character} hội chợ"
    assert list(_reasons(PhotoUploadRequest, {"name": "a.jpg", field: value})) == [field]
    assert list(_reasons(PhotoChanges, {field: value})) == [field]


def test_a_json_lone_surrogate_is_refused_naming_the_field() -> None:
    data = json.loads('{"title": "Tin \\ud800 m\\u1edbi"}')
    reasons = _reasons(ArticleDraft, _draft(**data))
    assert list(reasons) == ["title"]
    assert "U+D800" in reasons["title"]


# Titles that show nothing: each character is blank or invisible.
INVISIBLE = {
    "word joiner": "\u2060",
    "Hangul filler": "\u3164",
    "Braille blank": "\u2800",
    "soft hyphen": "\u00ad",
    "Mongolian vowel separator": "\u180e",
    "combining grapheme joiner": "\u034f",
    "invisible times": "\u2062",
    "halfwidth Hangul filler": "\uffa0",
    "tag space": "\U000e0020",
    "ideographic space and a word joiner": "\u3000\u2060\u3000",
}


@pytest.mark.parametrize("blank", INVISIBLE.values(), ids=INVISIBLE.keys())
@pytest.mark.parametrize("field", ["title", "author"])
def test_a_title_or_author_of_invisible_characters_is_refused(field: str, blank: str) -> None:
    reasons = _reasons(ArticleDraft, _draft(**{field: blank * 3}))
    assert list(reasons) == [field]


@pytest.mark.parametrize(
    "text",
    ["\u2800\u2800", "...", "—", "\u0301", "\ufe0f", "📷", "\u00a0\u2800", "* * *"],
    ids=[
        "braille-blank",
        "dots",
        "dash",
        "lone-accent",
        "variation-selector",
        "emoji",
        "nbsp-braille",
        "asterisks",
    ],
)
def test_a_title_needs_a_letter_or_a_digit(text: str) -> None:
    reasons = _reasons(ArticleDraft, _draft(title=text))
    assert "letter or digit" in reasons["title"] or "not allowed" in reasons["title"]


@pytest.mark.parametrize(
    ("character", "name"),
    [
        ("\u2060", "WORD JOINER"),
        ("\u2061", "FUNCTION APPLICATION"),
        ("\u2062", "INVISIBLE TIMES"),
        ("\u2063", "INVISIBLE SEPARATOR"),
        ("\u2064", "INVISIBLE PLUS"),
        ("\u180e", "MONGOLIAN VOWEL SEPARATOR"),
        ("\u00ad", "SOFT HYPHEN"),
        ("\u3164", "HANGUL FILLER"),
    ],
)
def test_invisible_characters_inside_a_title_are_refused_and_named(
    character: str, name: str
) -> None:
    reasons = _reasons(ArticleDraft, _draft(title=f"Khai{character}mạc hội chợ"))
    assert name in reasons["title"]


@pytest.mark.parametrize("field", ["caption", "alt", "credit"])
def test_a_photo_text_is_empty_or_has_a_letter_or_digit(field: str) -> None:
    assert getattr(PhotoUploadRequest.model_validate({"name": "a.jpg", field: ""}), field) == ""
    assert getattr(PhotoChanges.model_validate({field: "Ảnh: Lê Minh"}), field) == "Ảnh: Lê Minh"
    for blank in ("\u2800", "\u3164\u3164", "—", "\u00ad"):
        assert list(_reasons(PhotoUploadRequest, {"name": "a.jpg", field: blank})) == [field]
        assert list(_reasons(PhotoChanges, {field: blank})) == [field]


VIETNAMESE_TITLES = [
    "Đắk Lắk: Khánh thành nhà máy điện mặt trời đầu tiên",
    "Hội nghị tổng kết công tác năm 2025, triển khai nhiệm vụ năm 2026",
    "Ưu tiên nguồn vốn cho đường tỉnh 741 qua huyện Phú Riềng",
    "Người dân xã Ẳng Nưa, Mường Ảng đón Tết Độc lập",
    "Quỹ hỗ trợ nông dân: giải ngân 12,5 tỷ đồng trong quý I",
    "ỐC, ỔI, ỠM, ỢT, ỲNH: chữ hoa có dấu vẫn là chữ",
    "Kỷ niệm 50 năm Ngày Giải phóng miền Nam, thống nhất đất nước (30/4/1975 – 30/4/2025)",
    "“Xuân yêu thương” – chương trình trao 1.000 suất quà Tết",
]


@pytest.mark.parametrize("title", VIETNAMESE_TITLES)
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_real_vietnamese_titles_are_accepted_in_any_normal_form(
    title: str, form: Literal["NFC", "NFD"]
) -> None:
    typed = unicodedata.normalize(form, title)
    draft = ArticleDraft.model_validate(
        _draft(
            title=typed,
            author=unicodedata.normalize(form, "Trần Thị Ngọc Ánh"),
            tags=[unicodedata.normalize(form, "Điện mặt trời")],
        )
    )
    assert draft.title == title
    assert draft.author == "Trần Thị Ngọc Ánh"
    photo = PhotoUploadRequest.model_validate(
        {"name": "a.jpg", "caption": typed, "alt": typed, "credit": "Ảnh: Đỗ Quỳnh"}
    )
    assert photo.caption == title


def test_every_vietnamese_letter_with_every_tone_is_accepted() -> None:
    letters = "aăâeêioôơuưy"
    tones = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
    words = [
        unicodedata.normalize("NFC", base + tone)
        for letter in letters
        for base in (letter, letter.upper())
        for tone in tones
    ]
    title = " ".join(words) + " đ Đ"
    assert len(ArticleDraft.model_validate(_draft(title=title[:MAX_TITLE])).title) > 0


# Times in request bodies: a validation error, never a crash.
@pytest.mark.parametrize(
    "publish_at",
    [
        "9999-12-31T23:30:00-01:00",
        "0001-01-01T00:30:00+01:00",
        "9999-12-31T23:59:59.999999-23:59",
        "0001-01-01T00:00:00+23:59",
    ],
)
def test_a_time_that_leaves_the_calendar_in_utc_is_a_validation_error(publish_at: str) -> None:
    reasons = _reasons(PublishRequest, {"publish_at": publish_at})
    assert list(reasons) == ["publish_at"]


@pytest.mark.parametrize("publish_at", [1_800_000_000, 1_800_000_000_000, 1.5, True, [], {}])
def test_a_time_must_be_written_not_counted(publish_at: Any) -> None:
    reasons = _reasons(PublishRequest, {"publish_at": publish_at})
    assert list(reasons) == ["publish_at"]


def test_a_time_in_the_past_is_refused_saying_to_omit_it_to_publish_now() -> None:
    past = (datetime.now(UTC) - timedelta(minutes=5)).isoformat()
    reason = _reasons(PublishRequest, {"publish_at": past})["publish_at"]
    assert "in the past" in reason
    assert "omit publish_at" in reason
    assert "5 years" in reason


def test_a_time_within_a_minute_of_clock_skew_means_now() -> None:
    skewed = datetime.now(UTC) - timedelta(seconds=45)
    assert PublishRequest.model_validate({"publish_at": skewed.isoformat()}).publish_at


def test_a_time_more_than_five_years_ahead_is_refused_with_the_accepted_range() -> None:
    now = datetime.now(UTC)
    latest = latest_publication(now)
    reason = _reasons(PublishRequest, {"publish_at": (latest + timedelta(days=1)).isoformat()})
    assert "more than 5 years ahead" in reason["publish_at"]
    assert "between now" in reason["publish_at"]
    soon_enough = latest - timedelta(days=1)
    assert PublishRequest.model_validate({"publish_at": soon_enough.isoformat()}).publish_at


def test_five_years_from_29_february_is_28_february() -> None:
    leap = datetime(2028, 2, 29, 9, 0, tzinfo=UTC)
    assert latest_publication(leap) == datetime(2033, 2, 28, 9, 0, tzinfo=UTC)


OFFSETS = st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
MOMENTS = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59)),
    # The first and the last day of the calendar, where an offset leaves it.
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(1, 1, 1, 23, 59)),
    st.datetimes(min_value=datetime(9999, 12, 31), max_value=datetime(9999, 12, 31, 23, 59)),
)
WRITTEN_TIMES = st.one_of(
    st.builds(lambda moment, zone: moment.replace(tzinfo=zone).isoformat(), MOMENTS, OFFSETS),
    st.text(),
    st.integers(),
    st.floats(),
    st.none(),
)


@settings(max_examples=300, deadline=None)
@given(publish_at=WRITTEN_TIMES)
def test_any_publish_at_is_accepted_or_refused_never_a_crash(publish_at: object) -> None:
    try:
        request = PublishRequest.model_validate({"publish_at": publish_at})
    except ValidationError as error:
        refused = [e.field for e in validation_problem(error).errors]
        assert refused == ["publish_at"]
    else:
        assert request.publish_at is None or request.publish_at.tzinfo is UTC


def test_a_render_queue_message_is_read_by_its_kind_building_only_that_model() -> None:
    import subprocess
    import sys

    # In a fresh interpreter: which message models a first message builds.
    code = """
from newsroom.models.rebuild import RENDER_MESSAGES, RebuildRequested, SiteChanged
from newsroom.models.messages import RenderRequested
message = RENDER_MESSAGES.model_validate_json(
    '{"kind":"render_requested","article_id":"01m8fqfkj4y1249km2jt3hk999","version":2}'
)
assert isinstance(message, RenderRequested) and message.version == 2
built = [m.__name__ for m in (RenderRequested, RebuildRequested, SiteChanged)
         if m.__pydantic_complete__]
print(",".join(built))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "RenderRequested"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ('{"kind":"photos_requested"}', "'photos_requested' is not one of this queue's"),
        ('{"article_id":"x"}', "None is not one of this queue's"),
        ("[1, 2]", "None is not one of this queue's"),
        ("not json", "None is not one of this queue's"),
    ],
)
def test_a_message_of_a_kind_the_queue_does_not_carry_is_refused_naming_the_kinds(
    body: str, reason: str
) -> None:
    from newsroom.models.messages import UnknownKind
    from newsroom.models.rebuild import RENDER_MESSAGES

    with pytest.raises(UnknownKind) as refused:
        RENDER_MESSAGES.model_validate_json(body)
    assert reason in str(refused.value)
    assert "invalidation_due, rebuild_requested, render_requested, site_changed" in str(
        refused.value
    )


def test_a_message_of_a_known_kind_is_still_checked_field_by_field() -> None:
    from newsroom.models.rebuild import RENDER_MESSAGES

    with pytest.raises(ValidationError) as refused:
        RENDER_MESSAGES.model_validate_json('{"kind":"rebuild_requested","part":"everything"}')
    assert refused.value.errors()[0]["loc"] == ("part",)
