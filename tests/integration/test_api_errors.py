"""The editors' API answers every bad request with problem+json naming what is wrong."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.integration.conftest import REPORTER, Stack

ARTICLE = {
    "title": "Khai mạc Hội chợ hàng Việt năm 2026",
    "body": "Đoạn mở đầu.",
    "category": "tin-tuc",
    "author": "Nguyễn Thị Hoa",
}
UNKNOWN_ID = "01jdq2x3y4z5a6b7c8d9e0f1g2"


def _is_problem(status: int, payload: Any, headers: dict[str, str], code: int) -> None:
    assert status == code, payload
    assert headers["Content-Type"] == "application/problem+json"
    assert payload["status"] == code
    assert payload["detail"]


def _create(stack: Stack) -> str:
    status, article, _ = stack.call_api("POST", "/articles", body=ARTICLE)
    assert status == 201, article
    return str(article["id"])


def test_an_invalid_article_gets_422_naming_each_field_and_reason(stack: Stack) -> None:
    status, payload, headers = stack.call_api(
        "POST",
        "/articles",
        body={"body": "", "category": "the-thao", "author": "A", "views": 3},
    )
    _is_problem(status, payload, headers, 422)
    reasons = {error["field"]: error["reason"] for error in payload["errors"]}
    assert reasons["title"] == "is required"
    assert reasons["body"] == "must not be empty"
    assert "unknown category 'the-thao'" in reasons["category"]
    assert reasons["views"] == "is not a field of this request"


def test_a_photo_name_that_is_a_path_gets_422(stack: Stack) -> None:
    article_id = _create(stack)
    status, payload, headers = stack.call_api(
        "POST",
        "/articles/{id}/photos",
        params={"id": article_id},
        body={"name": "../../anh.jpg", "caption": "Chú thích"},
    )
    _is_problem(status, payload, headers, 422)
    assert [error["field"] for error in payload["errors"]] == ["name"]


@pytest.mark.parametrize(
    ("method", "route"),
    [
        ("GET", "/articles/{id}"),
        ("POST", "/articles/{id}/publish"),
    ],
)
def test_an_unknown_article_gets_404(stack: Stack, method: str, route: str) -> None:
    status, payload, headers = stack.call_api(method, route, params={"id": UNKNOWN_ID})
    _is_problem(status, payload, headers, 404)


def test_an_id_that_is_not_an_article_id_gets_404(stack: Stack) -> None:
    status, payload, headers = stack.call_api(
        "GET", "/articles/{id}", params={"id": "..%2F..%2Fetc"}
    )
    _is_problem(status, payload, headers, 404)


def test_a_body_that_is_not_json_gets_415(stack: Stack) -> None:
    status, payload, headers = stack.call_api(
        "POST",
        "/articles",
        body=json.dumps(ARTICLE).encode(),
        headers={"content-type": "text/plain"},
    )
    _is_problem(status, payload, headers, 415)


@pytest.mark.parametrize(
    "body",
    [
        b'{"title": "Khai m',
        b'{"title": "Khai m\xe1c", "body": "x"}',
        b'{"tags": ' + b"[" * 64 + b"]" * 64 + b"}",
        b"[" * 50_000 + b"]" * 50_000,
    ],
    ids=["invalid-json", "invalid-utf8", "deep", "very-deep"],
)
def test_a_body_that_cannot_be_read_gets_400(stack: Stack, body: bytes) -> None:
    status, payload, headers = stack.call_api("POST", "/articles", body=body)
    _is_problem(status, payload, headers, 400)


def test_without_a_token_the_api_answers_401(stack: Stack) -> None:
    status, payload, headers = stack.call_api("POST", "/articles", body=ARTICLE, claims={})
    _is_problem(status, payload, headers, 401)


def test_a_reporter_publishing_gets_403_and_the_article_stays_a_draft(stack: Stack) -> None:
    article_id = _create(stack)
    status, payload, headers = stack.call_api(
        "POST", "/articles/{id}/publish", params={"id": article_id}, claims=REPORTER
    )
    _is_problem(status, payload, headers, 403)
    status, article, _ = stack.call_api("GET", "/articles/{id}", params={"id": article_id})
    assert status == 200
    assert article["status"] == "draft"
