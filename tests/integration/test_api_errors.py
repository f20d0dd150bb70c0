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


@pytest.mark.parametrize(
    ("photo", "field"),
    [
        ({"name": "../../anh.jpg", "caption": "Chú thích"}, "name"),
        ({"name": "anh.jpg", "caption": "\u2800\u2800", "alt": "Toàn cảnh"}, "caption"),
    ],
    ids=["a name that is a path", "a caption of invisible characters"],
)
def test_a_photo_with_a_path_for_a_name_or_an_invisible_caption_gets_422(
    stack: Stack, photo: dict[str, str], field: str
) -> None:
    article_id = _create(stack)
    status, payload, headers = stack.call_api(
        "POST", "/articles/{id}/photos", params={"id": article_id}, body=photo
    )
    _is_problem(status, payload, headers, 422)
    assert [error["field"] for error in payload["errors"]] == [field]


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


# A title, a name or a caption that would break the feeds, or show readers nothing.
@pytest.mark.parametrize(
    ("field", "raw"),
    [
        ("title", '"Khai m\\u1ea1c \\ufffe h\\u1ed9i ch\\u1ee3"'),
        ("title", '"Khai m\\u1ea1c \\ud800 h\\u1ed9i ch\\u1ee3"'),
        ("summary", '"T\\u00f3m t\\u1eaft \\uffff"'),
        ("author", '"Nguy\\u1ec5n \\udfff Hoa"'),
        ("source", '"S\\u1edf \\u0085 C\\u00f4ng Th\\u01b0\\u01a1ng"'),
        ("title", '"\\u2060\\u3164\\u2800"'),
        ("author", '"\\u00ad\\u180e\\u034f"'),
    ],
    ids=["U+FFFE", "lone-surrogate", "U+FFFF", "low-surrogate", "C1", "invisible", "blank"],
)
def test_text_that_is_not_text_or_shows_nothing_gets_422_naming_the_field(
    stack: Stack, field: str, raw: str
) -> None:
    body = json.dumps({**ARTICLE, field: "x"}).replace('"x"', raw).encode()
    status, payload, headers = stack.call_api("POST", "/articles", body=body)
    _is_problem(status, payload, headers, 422)
    assert [error["field"] for error in payload["errors"]] == [field]


# A date: never a 500, and never from a caller who may not publish anyway.
HOSTILE_PUBLISH_BODIES = [
    {"publish_at": "9999-12-31T23:30:00-01:00"},
    {"publish_at": "0001-01-01T00:30:00+01:00"},
    {"publish_at": "2020-01-01T00:00:00Z"},
    {"publish_at": 1e300},
    {"publish_at": "\ud800"},
    {"publish_at": "2030-01-01T00:00:00Z", "force": True},
]


@pytest.mark.parametrize("body", HOSTILE_PUBLISH_BODIES, ids=range(len(HOSTILE_PUBLISH_BODIES)))
def test_a_reporter_posting_a_hostile_publish_body_gets_403(
    stack: Stack, body: dict[str, Any]
) -> None:
    article_id = _create(stack)
    status, payload, headers = stack.call_api(
        "POST", "/articles/{id}/publish", params={"id": article_id}, body=body, claims=REPORTER
    )
    _is_problem(status, payload, headers, 403)
    assert "publish or schedule" in payload["detail"]


@pytest.mark.parametrize(
    "publish_at",
    ["9999-12-31T23:30:00-01:00", "0001-01-01T00:30:00+01:00", "9999-12-31T23:59:59+00:00"],
)
def test_an_editor_publishing_at_the_edge_of_the_calendar_gets_422(
    stack: Stack, publish_at: str
) -> None:
    article_id = _create(stack)
    status, payload, headers = stack.call_api(
        "POST", "/articles/{id}/publish", params={"id": article_id}, body={"publish_at": publish_at}
    )
    _is_problem(status, payload, headers, 422)
    assert [error["field"] for error in payload["errors"]] == ["publish_at"]
    status, article, _ = stack.call_api("GET", "/articles/{id}", params={"id": article_id})
    assert article["status"] == "draft"


# What a signed-in caller receives is not for any cache to keep.
def test_every_answer_to_a_signed_in_route_is_not_stored(stack: Stack) -> None:
    article_id = _create(stack)
    answers = [
        stack.call_api("POST", "/articles", body=ARTICLE),
        stack.call_api("GET", "/articles/{id}", params={"id": article_id}),
        stack.call_api("GET", "/articles/{id}", params={"id": UNKNOWN_ID}),
        stack.call_api("POST", "/articles", body=ARTICLE, claims={}),
        stack.call_api("POST", "/articles", body={"title": "x"}),
        stack.call_api(
            "POST", "/articles/{id}/publish", params={"id": article_id}, claims=REPORTER
        ),
    ]
    assert [status for status, _, _ in answers] == [201, 200, 404, 401, 422, 403]
    for _, _, headers in answers:
        assert headers["Cache-Control"] == "no-store"


def test_the_public_description_keeps_its_own_caching(stack: Stack) -> None:
    status, _, headers = stack.call_api("GET", "/openapi.json", claims={})
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=300"
    answer = stack.invoke_api("GET", "/docs", claims={})
    assert answer["statusCode"] == 200
    assert "no-store" not in answer["headers"].get("Cache-Control", "")
