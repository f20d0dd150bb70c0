"""Problems speak Vietnamese by default and English when the caller prefers it, while what
programs read (`type`, `status`, `instance`, each field's name) stays the same."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.conftest import Stack
from tests.integration.editorial_helpers import EDITOR, REPORTER, api, create

MISSING_ID = "01m8fqsj12cyzdgt56pfrapd1g"


def _in(stack: Stack, language: str | None, **request: Any) -> dict[str, Any]:
    answer = api(stack, language=language, **request)
    assert answer.content_type == "application/problem+json", answer.body
    return dict(answer.body)


def test_an_invalid_article_is_refused_in_vietnamese_naming_each_field(stack: Stack) -> None:
    problem = _in(
        stack, None, method="POST", route="/articles", body={"body": "x"}, claims=REPORTER
    )
    assert problem["status"] == 422
    assert problem["title"] == "Dữ liệu không hợp lệ"
    assert problem["errors"] == [
        {"field": "title", "reason": "Tiêu đề là bắt buộc"},
        {"field": "category", "reason": "Chuyên mục là bắt buộc"},
        {"field": "author", "reason": "Tác giả là bắt buộc"},
    ]
    assert problem["detail"] == (
        "Dữ liệu gửi lên không hợp lệ: Tiêu đề là bắt buộc; Chuyên mục là bắt buộc; "
        "Tác giả là bắt buộc."
    )


def test_a_reporter_who_publishes_is_told_who_may_in_vietnamese(stack: Stack) -> None:
    article_id = create(stack, REPORTER).body["id"]
    problem = _in(
        stack,
        None,
        method="POST",
        route="/articles/{id}/publish",
        params={"id": article_id},
        claims=REPORTER,
    )
    assert problem["status"] == 403
    assert problem["title"] == "Không được phép"
    assert problem["detail"] == (
        "Chỉ biên tập viên hoặc quản trị viên mới được xuất bản bài viết; bạn đang đăng "
        "nhập với tài khoản phong.vien (phóng viên)."
    )


def test_deleting_a_published_article_is_refused_in_vietnamese(stack: Stack) -> None:
    article_id = create(stack, REPORTER).body["id"]
    published = api(
        stack, "POST", "/articles/{id}/publish", params={"id": article_id}, claims=EDITOR
    )
    assert published.status == 202
    problem = _in(stack, None, method="DELETE", route="/articles/{id}", params={"id": article_id})
    assert problem["status"] == 409
    assert problem["detail"] == "Bài viết đã được xuất bản; hãy gỡ bài trước khi xóa."


def test_a_caller_without_a_token_is_told_how_to_sign_in_again(stack: Stack) -> None:
    vietnamese = _in(stack, None, method="GET", route="/articles", claims={})
    english = _in(stack, "en", method="GET", route="/articles", claims={})
    assert vietnamese["status"] == english["status"] == 401
    assert vietnamese["detail"].startswith("Vui lòng đăng nhập lại")
    assert "newsroom token" in vietnamese["detail"] and "Bearer" in vietnamese["detail"]
    assert english["detail"].startswith("Sign in again")
    assert "newsroom token" in english["detail"]


@pytest.mark.parametrize(
    ("accept_language", "language"),
    [
        ("en", "en"),
        ("en-US;q=0.9", "en"),
        ("fr-FR, en-GB;q=0.8, vi;q=0.5", "en"),
        ("vi;q=0.4, en;q=0.6", "en"),
        ("vi", "vi"),
        ("vi-VN, en;q=0.9", "vi"),
        ("en;q=0.1, vi;q=0.2", "vi"),
        ("en;q=0", "vi"),
        ("*", "vi"),
        ("fr", "vi"),
        ("en;q=nonsense", "vi"),
    ],
)
def test_the_caller_s_preferred_language_is_taken_by_weight(
    stack: Stack, accept_language: str, language: str
) -> None:
    answer = api(
        stack,
        "GET",
        "/articles/{id}",
        params={"id": MISSING_ID},
        headers={"Accept-Language": accept_language},
        language=None,
    )
    assert answer.status == 404
    expected = {"en": "Not Found", "vi": "Không tìm thấy"}[language]
    assert answer.body["title"] == expected


def test_only_the_words_change_with_the_language(stack: Stack) -> None:
    request: dict[str, Any] = {
        "method": "POST",
        "route": "/articles",
        "body": {"title": "x" * 301, "body": "", "category": "the-thao", "author": "A"},
        "claims": REPORTER,
    }
    vietnamese, english = _in(stack, None, **request), _in(stack, "en", **request)
    for name in ("type", "status", "instance"):
        assert vietnamese[name] == english[name]
    assert [e["field"] for e in vietnamese["errors"]] == [e["field"] for e in english["errors"]]
    assert vietnamese["detail"] != english["detail"]
    english_reasons = {e["field"]: e["reason"] for e in english["errors"]}
    assert english_reasons["title"] == "must have at most 300 characters, not 301"
    assert english_reasons["body"] == "must not be empty"
    assert english_reasons["category"].startswith("unknown category 'the-thao'")
    vietnamese_reasons = {e["field"]: e["reason"] for e in vietnamese["errors"]}
    assert vietnamese_reasons["title"] == (
        "Tiêu đề chỉ được dài tối đa 300 ký tự (hiện có 301 ký tự)"
    )
    assert vietnamese_reasons["body"] == "Nội dung không được để trống"
    assert vietnamese_reasons["category"].startswith(
        "Chuyên mục 'the-thao' không có trên trang; các chuyên mục hiện có: tin-tuc"
    )


def test_a_stale_edit_says_so_in_either_language(stack: Stack) -> None:
    article_id = create(stack, REPORTER).body["id"]
    request: dict[str, Any] = {
        "method": "PUT",
        "route": "/articles/{id}",
        "params": {"id": article_id},
        "body": {"title": "Sửa", "body": "Nội dung.", "category": "tin-tuc", "author": "An"},
        "headers": {"If-Match": '"7"'},
        "claims": EDITOR,
    }
    assert _in(stack, "en", **request)["detail"].startswith("The article is at version 1, not 7")
    assert _in(stack, None, **request)["detail"].startswith(
        "Bài viết đang ở phiên bản 1, không phải 7"
    )
