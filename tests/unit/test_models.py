"""The models: what editors send is normalised, bounded, and refused with a field and a reason."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from newsroom.api.problems import validation_problem
from newsroom.models.article import MAX_TAGS, MAX_TITLE, ArticleDraft, PhotoUploadRequest
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


def _reasons(model: type[BaseModel], data: dict[str, Any]) -> dict[str, str]:
    """What the API would answer: each invalid field and its reason."""
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    problem = validation_problem(caught.value)
    assert problem.status == 422
    return {error["field"]: error["reason"] for error in problem.errors}


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
