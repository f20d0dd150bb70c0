"""An editor sends an article in review back to its reporter with a note: the article is a
draft again, the note is kept in the revision the send-back makes and shown with the
draft until the reporter submits it again; every revision says what made it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.conftest import Stack
from tests.integration.editorial_helpers import (
    ADMIN,
    EDITOR,
    REPORTER,
    Answer,
    act,
    api,
    create,
    draft,
    get_article,
    put_article,
)

NOTE = "Cần thêm ý kiến của Sở Giao thông và ảnh hiện trường.\nKiểm tra lại số liệu."


def _send_back(stack: Stack, article_id: str, body: Any, claims: Any = EDITOR, **kw: Any) -> Answer:
    return act(stack, "send-back", article_id, claims, body, **kw)


def _in_review(stack: Stack) -> str:
    article_id = str(create(stack, REPORTER).body["id"])
    assert act(stack, "submit", article_id, REPORTER).status == 200
    return article_id


def _get(stack: Stack, article_id: str, claims: Any = REPORTER) -> Answer:
    return get_article(stack, article_id, claims)


def _revisions(stack: Stack, article_id: str) -> list[dict[str, Any]]:
    answer = api(stack, "GET", "/articles/{id}/revisions", params={"id": article_id})
    assert answer.status == 200
    return list(answer.body["revisions"])


@pytest.mark.parametrize("claims", [EDITOR, ADMIN], ids=["editor", "admin"])
def test_an_article_in_review_goes_back_to_draft_with_the_note(
    stack: Stack, claims: dict[str, Any]
) -> None:
    article_id = _in_review(stack)
    answer = _send_back(stack, article_id, {"note": f"  {NOTE}  "}, claims)
    assert answer.status == 200, answer.body
    assert answer.body["status"] == "draft"
    assert answer.body["review_note"] == NOTE
    assert answer.headers["ETag"] == '"3"'
    # The reporter sees the note on the draft, and may edit it again.
    seen = _get(stack, article_id)
    assert (seen.body["status"], seen.body["review_note"]) == ("draft", NOTE)
    edited = put_article(
        stack,
        article_id,
        draft(source="Sở Giao thông Vận tải tỉnh"),
        seen.headers["ETag"],
        REPORTER,
    )
    assert edited.status == 200, edited.body
    assert edited.body["review_note"] == NOTE
    # Submitted again, the note has done its work.
    resubmitted = act(stack, "submit", article_id, REPORTER)
    assert resubmitted.body["status"] == "in_review"
    assert resubmitted.body["review_note"] is None


def test_each_revision_says_what_made_it_and_keeps_the_note(stack: Stack) -> None:
    article_id = _in_review(stack)
    assert _send_back(stack, article_id, {"note": NOTE}).status == 200
    etag = _get(stack, article_id).headers["ETag"]
    put_article(stack, article_id, draft(title="Cầu Bến Lức mới thông xe"), etag, REPORTER)
    act(stack, "submit", article_id, REPORTER)
    act(stack, "publish", article_id, EDITOR)
    act(stack, "unpublish", article_id, EDITOR)
    made = [
        (r["number"], r["action"], r["status"], r["note"]) for r in _revisions(stack, article_id)
    ]
    assert made == [
        (1, "create", "draft", None),
        (2, "submit", "in_review", None),
        (3, "send_back", "draft", NOTE),
        (4, "edit", "draft", None),
        (5, "submit", "in_review", None),
        (6, "publish", "published", None),
        (7, "unpublish", "unpublished", None),
    ]
    sent_back = _revisions(stack, article_id)[2]
    assert sent_back["saved_by"] == "bien.tap"
    full = api(
        stack, "GET", "/articles/{id}/revisions/{n}", params={"id": article_id, "n": "3"}
    ).body
    assert (full["action"], full["note"], full["status"]) == ("send_back", NOTE, "draft")


def test_a_reporter_may_not_send_back(stack: Stack) -> None:
    article_id = _in_review(stack)
    refused = _send_back(stack, article_id, {"note": NOTE}, REPORTER, language=None)
    assert refused.status == 403
    assert refused.body["detail"].startswith(
        "Chỉ biên tập viên hoặc quản trị viên mới được trả bài viết về cho phóng viên"
    )
    assert _get(stack, article_id).body["status"] == "in_review"


@pytest.mark.parametrize("steps", [[], ["publish"], ["submit", "publish", "unpublish"]])
def test_only_an_article_in_review_can_be_sent_back(stack: Stack, steps: list[str]) -> None:
    article_id = str(create(stack, REPORTER).body["id"])
    for step in steps:
        assert act(stack, step, article_id, EDITOR).status in (200, 202)
    refused = _send_back(stack, article_id, {"note": NOTE})
    assert refused.status == 409
    assert "Only an article in review can be sent back" in refused.body["detail"]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({}, "is required"),
        ({"note": ""}, "must not be blank"),
        ({"note": "   \n  "}, "must not be blank"),
        ({"note": "x" * 2_001}, "at most 2000 characters"),
        ({"note": "Sửa lại\u200b"}, "zero-width"),
        ({"note": "<script>alert(1)</script>"}, "<script>"),
        ({"note": NOTE, "extra": 1}, "not a field"),
    ],
)
def test_the_note_follows_the_text_rules(stack: Stack, body: dict[str, Any], reason: str) -> None:
    article_id = _in_review(stack)
    refused = _send_back(stack, article_id, body)
    assert refused.status == 422, refused.body
    assert refused.content_type == "application/problem+json"
    errors = {e["field"]: e["reason"] for e in refused.body["errors"]}
    assert any(reason in r for r in errors.values()), errors
    assert set(errors) <= {"note", "extra"}
    assert _get(stack, article_id).body["status"] == "in_review"


def test_a_note_of_2000_characters_is_kept_whole(stack: Stack) -> None:
    article_id = _in_review(stack)
    note = ("Sửa đoạn mở đầu. " * 200)[:2_000].strip()
    answer = _send_back(stack, article_id, {"note": note})
    assert answer.status == 200, answer.body
    assert answer.body["review_note"] == note
    assert _revisions(stack, article_id)[-1]["note"] == note


def test_the_refusal_of_an_empty_note_is_vietnamese_by_default(stack: Stack) -> None:
    article_id = _in_review(stack)
    refused = _send_back(stack, article_id, {"note": " "}, language=None)
    assert refused.status == 422
    reasons = {e["field"]: e["reason"] for e in refused.body["errors"]}
    assert reasons["note"].startswith("Ghi chú")
