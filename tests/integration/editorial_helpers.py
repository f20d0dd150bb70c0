"""Calling the editorial API in-process as each role, for the editorial tests."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Unpack

from tests.integration.conftest import EDITOR, REPORTER, ApiRequest, Stack

ADMIN = {"sub": "0003-admin", "cognito:username": "quan.tri", "cognito:groups": "[admin]"}
OTHER_REPORTER = {
    "sub": "0004-reporter",
    "cognito:username": "phong.vien.2",
    "cognito:groups": "[reporter]",
}
NO_ROLE = {"sub": "0005-reader", "cognito:username": "ban.doc", "cognito:groups": "[]"}
ROLES = {"reporter": REPORTER, "editor": EDITOR, "admin": ADMIN, "no role": NO_ROLE}

__all__ = ["ADMIN", "EDITOR", "NO_ROLE", "OTHER_REPORTER", "REPORTER", "ROLES", "Answer", "api"]


@dataclass
class Answer:
    """An API response as a client sees it."""

    status: int
    body: Any
    headers: dict[str, str]

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "")


def api(stack: Stack, method: str, route: str, **request: Unpack[ApiRequest]) -> Answer:
    """Send one request through the ingest handler, as API Gateway would (asking for
    answers in `language`; None: the API's default): the answer as a client sees it."""
    response = stack.invoke_api(method, route, **request)
    text = response.get("body") or ""
    content_type = response.get("headers", {}).get("Content-Type", "")
    payload = json.loads(text) if text and "json" in content_type else text or None
    return Answer(response["statusCode"], payload, response.get("headers", {}))


def on_photo(
    stack: Stack,
    method: str,
    article_id: str,
    name: str,
    *,
    body: Any = None,
    claims: dict[str, Any] | None = None,
) -> Answer:
    """`METHOD /articles/{id}/photos/{name}`: PATCH changes the photo's texts, DELETE
    removes it."""
    params = {"id": article_id, "name": name}
    return api(
        stack, method, "/articles/{id}/photos/{name}", params=params, body=body, claims=claims
    )


def draft(**changes: Any) -> dict[str, Any]:
    """A valid article body."""
    return {
        "title": "Tỉnh khánh thành cầu Bến Lức mới",
        "summary": "Cây cầu rút ngắn thời gian đi lại giữa hai huyện.",
        "body": "Sáng nay, cầu Bến Lức mới chính thức thông xe.\n\nCầu dài 420 m.",
        "category": "tin-tuc",
        "tags": ["giao thông", "hạ tầng"],
        "author": "Trần Văn Nam",
        "source": "Sở Giao thông Vận tải",
        **changes,
    }


def create(stack: Stack, claims: dict[str, Any] | None = None, **changes: Any) -> Answer:
    answer = api(stack, "POST", "/articles", body=draft(**changes), claims=claims or REPORTER)
    assert answer.status == 201, answer.body
    return answer


def act(
    stack: Stack,
    action: str,
    article_id: str,
    claims: dict[str, Any],
    body: Any = None,
    **options: Any,
) -> Answer:
    """POST /articles/{id}/<action> (`options`: the request's `headers`, `language`)."""
    return api(
        stack,
        "POST",
        f"/articles/{{id}}/{action}",
        params={"id": article_id},
        body=body,
        claims=claims,
        **options,
    )


def get_article(stack: Stack, article_id: str, claims: dict[str, Any] | None = None) -> Answer:
    """GET /articles/{id} (by default as an editor)."""
    return api(stack, "GET", "/articles/{id}", params={"id": article_id}, claims=claims)


def put_article(
    stack: Stack,
    article_id: str,
    body: Any,
    etag: str | None,
    claims: dict[str, Any] | None = None,
) -> Answer:
    """PUT /articles/{id} over the version `etag` names (None: no If-Match), by default
    as an editor."""
    headers = {"If-Match": etag} if etag is not None else {}
    return api(
        stack,
        "PUT",
        "/articles/{id}",
        params={"id": article_id},
        body=body,
        claims=claims or EDITOR,
        headers=headers,
    )


def ingest_module() -> ModuleType:
    """The ingest function's module as the stack loaded it."""
    return sys.modules["newsroom_function_ingestfunction"]
