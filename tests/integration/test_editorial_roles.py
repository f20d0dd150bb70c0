"""Every endpoint, called by every role: allowed, or 403 with the reason."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.integration.conftest import Stack
from tests.integration.editorial_helpers import (
    EDITOR,
    OTHER_REPORTER,
    REPORTER,
    ROLES,
    act,
    api,
    create,
    draft,
)

EVERYONE = {"reporter", "editor", "admin"}
EDITORS = {"editor", "admin"}


@dataclass(frozen=True)
class Endpoint:
    method: str
    route: str
    allowed: set[str]
    success: int
    published: bool = False
    submitted: bool = False
    photo: bool = False
    body: Any = None
    etag: bool = False


ENDPOINTS = [
    Endpoint("GET", "/articles", EVERYONE, 200),
    Endpoint("POST", "/articles", EVERYONE, 201, body=draft()),
    Endpoint("GET", "/articles/{id}", EVERYONE, 200),
    Endpoint("PUT", "/articles/{id}", EVERYONE, 200, body=draft(title="Tiêu đề mới"), etag=True),
    Endpoint("DELETE", "/articles/{id}", EDITORS, 204),
    Endpoint("POST", "/articles/{id}/submit", EVERYONE, 200),
    Endpoint(
        "POST",
        "/articles/{id}/send-back",
        EDITORS,
        200,
        submitted=True,
        body={"note": "Thêm nguồn tin."},
    ),
    Endpoint("POST", "/articles/{id}/publish", EDITORS, 202),
    Endpoint("POST", "/articles/{id}/unpublish", EDITORS, 202, published=True),
    Endpoint("GET", "/articles/{id}/preview", EVERYONE, 200),
    Endpoint("POST", "/articles/{id}/preview", EVERYONE, 200, body=draft(title="Bản sửa")),
    Endpoint("GET", "/articles/{id}/revisions", EVERYONE, 200),
    Endpoint("GET", "/articles/{id}/revisions/{n}", EVERYONE, 200),
    Endpoint("GET", "/articles/{id}/photos", EVERYONE, 200, photo=True),
    Endpoint("POST", "/articles/{id}/photos", EVERYONE, 201, body={"name": "anh.jpg"}),
    Endpoint(
        "PATCH", "/articles/{id}/photos/{name}", EVERYONE, 200, photo=True, body={"caption": "Mới"}
    ),
    Endpoint("DELETE", "/articles/{id}/photos/{name}", EVERYONE, 204, photo=True),
    Endpoint(
        "PUT",
        "/articles/{id}/photo-order",
        EVERYONE,
        200,
        photo=True,
        body={"order": ["cau.jpg"]},
        etag=True,
    ),
]


def _call(stack: Stack, endpoint: Endpoint, claims: dict[str, Any]) -> Any:
    article = create(stack, REPORTER)
    article_id = article.body["id"]
    if endpoint.photo:
        added = act(stack, "photos", article_id, REPORTER, {"name": "cau.jpg", "caption": "Cầu"})
        assert added.status == 201, added.body
    if endpoint.published:
        assert act(stack, "publish", article_id, EDITOR).status == 202
    if endpoint.submitted:
        assert act(stack, "submit", article_id, REPORTER).status == 200
    params = {"id": article_id, "n": "1", "name": "cau.jpg"}
    used = {k: v for k, v in params.items() if "{" + k + "}" in endpoint.route}
    headers = {"If-Match": article.headers["ETag"]} if endpoint.etag else {}
    return api(
        stack,
        endpoint.method,
        endpoint.route,
        params=used,
        body=endpoint.body,
        claims=claims,
        headers=headers,
    )


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: f"{e.method} {e.route}")
def test_each_role_is_allowed_or_refused_with_a_reason(stack: Stack, endpoint: Endpoint) -> None:
    # Every role calls the endpoint on an article of its own, in one stack.
    wrong = {}
    for role, claims in ROLES.items():
        answer = _call(stack, endpoint, claims)
        if role in endpoint.allowed:
            if answer.status != endpoint.success:
                wrong[role] = (answer.status, answer.body)
        elif not (
            answer.status == 403
            and answer.content_type == "application/problem+json"
            and answer.body["title"] == "Forbidden"
            and "you are signed in as" in answer.body["detail"]
        ):
            wrong[role] = (answer.status, answer.body)
    assert wrong == {}


def test_a_reporter_may_not_edit_another_reporters_draft(stack: Stack) -> None:
    article = create(stack, REPORTER)
    answer = api(
        stack,
        "PUT",
        "/articles/{id}",
        params={"id": article.body["id"]},
        body=draft(title="Sửa bài của người khác"),
        claims=OTHER_REPORTER,
        headers={"If-Match": article.headers["ETag"]},
    )
    assert answer.status == 403
    assert "only change its own drafts" in answer.body["detail"]
    assert "phong.vien" in answer.body["detail"]


def test_a_reporter_may_not_edit_its_article_once_submitted(stack: Stack) -> None:
    article = create(stack, REPORTER)
    submitted = act(stack, "submit", article.body["id"], REPORTER)
    assert submitted.status == 200
    answer = api(
        stack,
        "PUT",
        "/articles/{id}",
        params={"id": article.body["id"]},
        body=draft(title="Sửa sau khi gửi"),
        claims=REPORTER,
        headers={"If-Match": submitted.headers["ETag"]},
    )
    assert answer.status == 403
    assert "in_review" in answer.body["detail"]
    photo = act(stack, "photos", article.body["id"], REPORTER, {"name": "muon.jpg"})
    assert photo.status == 403


def test_a_reporter_is_told_who_may_publish(stack: Stack) -> None:
    article = create(stack, REPORTER)
    answer = act(stack, "publish", article.body["id"], REPORTER)
    assert answer.status == 403
    assert answer.body["detail"].startswith("Only editor or admin may publish")


def test_without_a_token_every_route_but_the_description_is_401(stack: Stack) -> None:
    assert api(stack, "GET", "/articles", claims={}).status == 401
    assert api(stack, "GET", "/openapi.json", claims={}).status == 200
    docs = api(stack, "GET", "/docs", claims={})
    assert docs.status == 200
    assert docs.content_type.startswith("text/html")
    assert "swagger-ui" in docs.body and "/openapi.json" in docs.body
