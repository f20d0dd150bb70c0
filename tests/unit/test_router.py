"""The API router: every bad request gets a problem+json answer that says what is wrong."""

from __future__ import annotations

import json
from typing import Any

import pytest
from newsroom.api.callers import Role
from newsroom.api.problems import Problem
from newsroom.api.router import MAX_JSON_DEPTH, Request, Response, Router
from newsroom_local.events import http_api_event
from pydantic import BaseModel, ConfigDict, Field

EDITOR = {"sub": "0001", "cognito:username": "bien.tap", "cognito:groups": "[editor]"}
REPORTER = {"sub": "0002", "cognito:username": "phong.vien", "cognito:groups": "[reporter]"}


class Note(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=20)
    pages: int = Field(ge=1)


router = Router()
NOTES = {"n1": {"title": "Ghi chú", "pages": 1}}


@router.route("POST", "/notes", body=Note)
def create_note(request: Request[Note]) -> Response:
    request.require_role(Role.REPORTER, Role.EDITOR, action="write notes")
    return Response(201, request.require_body().model_dump())


@router.route("GET", "/notes/{id}")
def read_note(request: Request[Any]) -> Response:
    note = NOTES.get(request.path_params["id"])
    if note is None:
        raise Problem(404, f"No note {request.path_params['id']}.")
    return Response(200, note)


@router.route("POST", "/notes/{id}/publish")
def publish_note(request: Request[Any]) -> Response:
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
) -> tuple[int, dict[str, Any], dict[str, str]]:
    event = http_api_event(
        method=method,
        route_path=route,
        raw_path=raw_path or route,
        path_parameters=params,
        headers={"content-type": content_type},
        body=body,
        claims=EDITOR if claims is None else claims,
    )
    response = router.handle(event)
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
    assert router.handle(event)["statusCode"] == 404
    event = http_api_event(method="DELETE", route_path="$default", raw_path="/notes", claims=EDITOR)
    response = router.handle(event)
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
    failing = Router()
    seen: list[Exception] = []
    failing.on_error = lambda error, event: seen.append(error)

    @failing.route("GET", "/boom")
    def boom(request: Request[Any]) -> Response:
        raise RuntimeError("secret table name")

    response = failing.handle(
        http_api_event(method="GET", route_path="/boom", raw_path="/boom", claims=EDITOR)
    )
    assert response["statusCode"] == 500
    assert "secret" not in response["body"]
    assert len(seen) == 1
