"""The API router: every bad request gets a problem+json answer that says what is wrong."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
from newsroom.api.body import MAX_BODY_BYTES, MAX_JSON_DEPTH
from newsroom.api.problems import Problem
from newsroom.api.router import Request, Response, Router
from newsroom.editorial.policy import Action
from newsroom.models.caller import Role
from newsroom_local.events import http_api_event
from pydantic import BaseModel, ConfigDict, Field

EDITOR = {"sub": "0001", "cognito:username": "bien.tap", "cognito:groups": "[editor]"}
REPORTER = {"sub": "0002", "cognito:username": "phong.vien", "cognito:groups": "[reporter]"}
NO_ROLE = {"sub": "0003", "cognito:username": "ban.doc", "cognito:groups": "[]"}


class Note(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=20)
    pages: int = Field(ge=1)


router = Router(None)
NOTES = {"n1": {"title": "Ghi chú", "pages": 1}}


@router.post("/notes", body=Note)
def create_note(request: Request[Note], _: None) -> Response:
    request.require_role(Role.REPORTER, Role.EDITOR, action="write notes")
    return Response(201, request.require_body().model_dump())


@router.get("/notes/{id}")
def read_note(request: Request[Any], _: None) -> Response:
    note = NOTES.get(request.path_params["id"])
    if note is None:
        raise Problem(404, f"No note {request.path_params['id']}.")
    return Response(200, note)


@router.post("/notes/{id}/publish")
def publish_note(request: Request[Any], _: None) -> Response:
    request.require_role(Role.EDITOR, action="publish notes")
    return Response(200, {"published": request.path_params["id"]})


def _call(
    method: str,
    route: str,
    *,
    raw_path: str | None = None,
    params: dict[str, str] | None = None,
    body: bytes | None = None,
    content_type: str = "application/json",
    claims: dict[str, Any] | None = None,
    language: str | None = "en",
) -> tuple[int, dict[str, Any], dict[str, str]]:
    """Send one request (asking for answers in `language`; None: the router's default)."""
    event = http_api_event(
        method=method,
        route_path=route,
        raw_path=raw_path or route,
        path_parameters=params,
        headers={
            "content-type": content_type,
            **({"accept-language": language} if language else {}),
        },
        body=body,
        claims=EDITOR if claims is None else claims,
    )
    response = router.resolve(event)
    payload = json.loads(response["body"]) if response["body"] else {}
    return response["statusCode"], payload, response["headers"]


def _problem(status: int, payload: dict[str, Any], headers: dict[str, str], code: int) -> None:
    assert status == code, payload
    assert headers["Content-Type"] == "application/problem+json"
    assert payload["status"] == code
    assert payload["title"]
    assert payload["detail"]


def test_a_valid_request_reaches_its_route() -> None:
    status, payload, headers = _call("POST", "/notes", body=b'{"title": "Ghi", "pages": 2}')
    assert status == 201
    assert headers["Content-Type"] == "application/json"
    assert payload == {"title": "Ghi", "pages": 2}


def test_an_invalid_body_gets_422_with_each_field_and_its_reason() -> None:
    status, payload, headers = _call(
        "POST", "/notes", body=json.dumps({"title": "", "pages": 0, "colour": "đỏ"}).encode()
    )
    _problem(status, payload, headers, 422)
    reasons = {e["field"]: e["reason"] for e in payload["errors"]}
    assert set(reasons) == {"title", "pages", "colour"}
    assert "greater than or equal to 1" in reasons["pages"]
    assert reasons["colour"] == "is not a field of this request"
    assert "title" in payload["detail"]


def test_a_body_that_is_not_an_object_gets_422() -> None:
    status, payload, headers = _call("POST", "/notes", body=b'["title"]')
    _problem(status, payload, headers, 422)
    assert payload["errors"] == [{"field": "body", "reason": "must be a JSON object"}]


def test_an_unknown_id_gets_404() -> None:
    status, payload, headers = _call(
        "GET", "/notes/{id}", raw_path="/notes/khong-co", params={"id": "khong-co"}
    )
    _problem(status, payload, headers, 404)
    assert "khong-co" in payload["detail"]


def test_a_path_without_a_route_gets_404_and_a_wrong_method_405() -> None:
    event = http_api_event(method="GET", route_path="$default", raw_path="/khac", claims=EDITOR)
    assert router.resolve(event)["statusCode"] == 404
    event = http_api_event(method="DELETE", route_path="$default", raw_path="/notes", claims=EDITOR)
    response = router.resolve(event)
    assert response["statusCode"] == 405
    assert "POST" in json.loads(response["body"])["detail"]


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", ""])
def test_a_body_that_is_not_json_gets_415(content_type: str) -> None:
    status, payload, headers = _call(
        "POST", "/notes", body=b'{"title": "Ghi", "pages": 2}', content_type=content_type
    )
    _problem(status, payload, headers, 415)
    assert "application/json" in payload["detail"]


def test_json_with_a_charset_is_accepted() -> None:
    status, _, _ = _call(
        "POST",
        "/notes",
        body='{"title": "Ghi chú", "pages": 2}'.encode(),
        content_type="application/json; charset=utf-8",
    )
    assert status == 201


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (b'{"title": "Ghi", "pages": ', "not valid JSON"),
        (b"{'title': 'Ghi'}", "not valid JSON"),
        (b'{"title": "Gh\xff\xfe", "pages": 1}', "not valid UTF-8"),
        (
            b'{"title": ' + b"[" * (MAX_JSON_DEPTH + 5) + b"]" * (MAX_JSON_DEPTH + 5) + b"}",
            "nested",
        ),
        (b"[" * 100_000 + b"]" * 100_000, "nested"),
    ],
    ids=["truncated", "single-quotes", "bad-utf8", "deep", "very-deep"],
)
def test_a_body_that_cannot_be_read_gets_400(body: bytes, detail: str) -> None:
    status, payload, headers = _call("POST", "/notes", body=body)
    _problem(status, payload, headers, 400)
    assert detail in payload["detail"]


def test_a_request_without_claims_gets_401() -> None:
    status, payload, headers = _call(
        "POST", "/notes", body=b'{"title": "a", "pages": 1}', claims={}
    )
    _problem(status, payload, headers, 401)
    assert "Bearer" in payload["detail"]


def test_a_reporter_may_write_but_not_publish() -> None:
    status, _, _ = _call("POST", "/notes", body=b'{"title": "a", "pages": 1}', claims=REPORTER)
    assert status == 201
    status, payload, headers = _call(
        "POST",
        "/notes/{id}/publish",
        raw_path="/notes/n1/publish",
        params={"id": "n1"},
        claims=REPORTER,
    )
    _problem(status, payload, headers, 403)
    assert "editor" in payload["detail"] and "phong.vien" in payload["detail"]


def test_a_caller_with_no_known_group_may_do_nothing() -> None:
    stranger = {"sub": "0003", "cognito:username": "khach", "cognito:groups": "[readers]"}
    status, _, _ = _call("POST", "/notes", body=b'{"title": "a", "pages": 1}', claims=stranger)
    assert status == 403


def test_an_unexpected_error_gets_500_without_details() -> None:
    failing = Router(None)
    seen: list[Exception] = []

    @failing.exception_handler(Exception)
    def unexpected(error: Exception) -> Problem:
        seen.append(error)
        return Problem(500, "Something went wrong on our side.")

    @failing.get("/boom")
    def boom(request: Request[Any], _: None) -> Response:
        raise RuntimeError("secret table name")

    response = failing.resolve(
        http_api_event(method="GET", route_path="/boom", raw_path="/boom", claims=EDITOR)
    )
    assert response["statusCode"] == 500
    assert "secret" not in response["body"]
    assert len(seen) == 1


# Routes that declare their action: the policy decides before anything sent is read.
class Schedule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    publish_at: datetime


class Page(BaseModel):
    model_config = ConfigDict(extra="forbid")

    limit: int = Field(default=20, ge=1, le=100)


guarded = Router(None)
reached: list[str] = []


@guarded.post("/articles/{id}/publish", body=Schedule, action=Action.PUBLISH)
def publish_article(request: Request[Schedule], _: None) -> Response:
    reached.append(request.path_params["id"])
    return Response(202, {"publish_at": request.require_body().publish_at.isoformat()})


@guarded.get("/articles", query=Page, action=Action.READ)
def list_articles(request: Request[Any], _: None) -> Response:
    return Response(200, {"articles": []})


@guarded.get("/openapi.json", authorized=False)
def describe(request: Request[Any], _: None) -> Response:
    return Response(200, {"openapi": "3.1.0"}, {"Cache-Control": "public, max-age=300"})


def _guarded(
    method: str,
    route: str,
    *,
    body: bytes | None = None,
    claims: dict[str, Any] | None = None,
    query: dict[str, str] | None = None,
) -> dict[str, Any]:
    raw_path = route.replace("{id}", "a1")
    event = http_api_event(
        method=method,
        route_path=route,
        raw_path=raw_path,
        path_parameters={"id": "a1"} if "{id}" in route else None,
        query=query,
        headers={"content-type": "application/json", "accept-language": "en"},
        body=body,
        claims=EDITOR if claims is None else claims,
    )
    return guarded.resolve(event)


HOSTILE_SCHEDULES = [
    b'{"publish_at": "9999-12-31T23:30:00-01:00"}',
    b'{"publish_at": "0001-01-01T00:30:00+01:00"}',
    b'{"publish_at": ',
    b'{"publish_at": "2026-01-01T00:00:00Z", "extra": 1}',
    b"[" * 10_000 + b"]" * 10_000,
    b"x" * (MAX_BODY_BYTES + 1),
]


@pytest.mark.parametrize("body", HOSTILE_SCHEDULES, ids=range(len(HOSTILE_SCHEDULES)))
@pytest.mark.parametrize("claims", [REPORTER, NO_ROLE], ids=["reporter", "no role"])
def test_a_caller_without_the_role_gets_403_whatever_the_body(
    body: bytes, claims: dict[str, Any]
) -> None:
    reached.clear()
    response = _guarded("POST", "/articles/{id}/publish", body=body, claims=claims)
    payload = json.loads(response["body"])
    assert response["statusCode"] == 403, payload
    assert "publish or schedule articles" in payload["detail"]
    assert reached == []


def test_a_caller_without_any_role_gets_403_before_the_query_is_read() -> None:
    response = _guarded("GET", "/articles", claims=NO_ROLE, query={"limit": "100000"})
    assert response["statusCode"] == 403
    response = _guarded("GET", "/articles", claims=REPORTER, query={"limit": "100000"})
    assert response["statusCode"] == 422


def test_an_editor_gets_the_route_and_its_validation() -> None:
    reached.clear()
    ok = _guarded("POST", "/articles/{id}/publish", body=b'{"publish_at": "2030-01-01T00:00Z"}')
    assert ok["statusCode"] == 202
    assert reached == ["a1"]
    bad = _guarded("POST", "/articles/{id}/publish", body='{"publish_at": "hôm nay"}'.encode())
    assert bad["statusCode"] == 422


def test_a_public_route_cannot_require_a_role() -> None:
    with pytest.raises(ValueError, match="open to anyone"):
        Router(None).get("/docs", authorized=False, action=Action.READ)


# Answers meant for one signed-in caller are never cached.
@pytest.mark.parametrize(
    ("method", "route", "body", "claims", "status"),
    [
        ("GET", "/articles", None, EDITOR, 200),
        ("POST", "/articles/{id}/publish", b'{"publish_at": "2030-01-01T00:00Z"}', EDITOR, 202),
        ("POST", "/articles/{id}/publish", b"{}", {}, 401),
        ("POST", "/articles/{id}/publish", b"{}", REPORTER, 403),
        ("POST", "/articles/{id}/publish", b'{"publish_at": "x"}', EDITOR, 422),
        ("POST", "/articles/{id}/publish", b"{", EDITOR, 400),
    ],
)
def test_every_answer_of_a_route_that_needs_a_token_is_not_stored(
    method: str, route: str, body: bytes | None, claims: dict[str, Any], status: int
) -> None:
    response = _guarded(method, route, body=body, claims=claims)
    assert response["statusCode"] == status
    assert response["headers"]["Cache-Control"] == "no-store"


def test_the_notes_router_answers_are_not_stored_either() -> None:
    status, _, headers = _call("POST", "/notes", body=b'{"title": "a", "pages": 1}', claims={})
    assert status == 401
    assert headers["Cache-Control"] == "no-store"
    event = http_api_event(method="GET", route_path="$default", raw_path="/khac", claims=EDITOR)
    assert router.resolve(event)["headers"]["Cache-Control"] == "no-store"


def test_a_public_route_keeps_its_own_cache_control() -> None:
    response = _guarded("GET", "/openapi.json", claims={})
    assert response["statusCode"] == 200
    assert response["headers"]["Cache-Control"] == "public, max-age=300"
