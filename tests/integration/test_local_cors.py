"""The local API gateway answers browsers as the template's CORS configuration says, as
API Gateway does: preflights answered by the gateway itself, before any route or token;
the allowing headers for the allowed origins only, never `*`."""

from __future__ import annotations

import json
from typing import Any

import pytest
from newsroom_local.auth import Unauthorized
from newsroom_local.functions import HttpRoute
from newsroom_local.gateway import ApiGateway, CorsRules, Integration, cors_rules
from newsroom_local.template import (
    Environment,
    evaluate_conditions,
    load_template,
    parameter_defaults,
)

API = "http://127.0.0.1:3000"
SITE = "http://127.0.0.1:8080"
ELSEWHERE = "https://tintuc-gia.example.com"


def _env(template: dict[str, Any], **parameters: str) -> Environment:
    env = Environment()
    env.refs.update({k: v for k, v in parameter_defaults(template).items() if v is not None})
    env.refs.update(parameters)
    env.attributes["SiteDistribution"] = {"DomainName": "127.0.0.1:8080"}
    env.conditions = evaluate_conditions(template, env.ref)
    return env


@pytest.fixture(scope="module")
def rules() -> CorsRules:
    template = load_template()
    found = cors_rules(template, _env(template), [API, SITE])
    assert found is not None
    return found


class RefusingAuthorizer:
    """An authorizer that refuses every token (as the real one refuses a missing one)."""

    def claims(self, headers: dict[str, str]) -> dict[str, Any]:
        raise Unauthorized("no token")


def _gateway(rules: CorsRules, seen: list[dict[str, Any]]) -> ApiGateway:
    def invoker(port: int, function: str, event: dict[str, Any]) -> tuple[Any, bool]:
        seen.append(event)
        return {"statusCode": 200, "headers": {"ETag": '"2"'}, "body": "{}"}, False

    routes = [HttpRoute("GET", "/articles"), HttpRoute("POST", "/articles/{id}/preview")]
    integrations = [Integration(r, "IngestFunction", 1) for r in routes]
    return ApiGateway(integrations, RefusingAuthorizer(), invoker, cors=rules)  # type: ignore[arg-type]


def test_the_rules_are_the_templates(rules: CorsRules) -> None:
    assert rules.allow_origins == {API, SITE}
    assert rules.allow_methods == ("GET", "POST", "PUT", "PATCH", "DELETE")
    assert rules.allow_headers == ("Authorization", "Content-Type", "If-Match", "Idempotency-Key")
    assert rules.expose_headers == ("ETag", "Location")
    assert (rules.max_age, rules.allow_credentials) == (600, False)


def test_desk_origins_are_allowed_besides() -> None:
    template = load_template()
    env = _env(template, DeskOrigins="https://desk.example.gov.vn,http://localhost:5173")
    found = cors_rules(template, env, [API, SITE])
    assert found is not None
    assert found.allow_origins == {
        API,
        SITE,
        "https://desk.example.gov.vn",
        "http://localhost:5173",
    }


def test_a_template_that_allows_any_origin_is_refused() -> None:
    template = json.loads(json.dumps(load_template()))
    template["Resources"]["HttpApi"]["Properties"]["CorsConfiguration"] = {"AllowOrigins": ["*"]}
    with pytest.raises(ValueError, match="any origin"):
        cors_rules(template, _env(template), [API, SITE])


@pytest.mark.parametrize("origin", [API, SITE])
def test_a_preflight_from_an_allowed_origin_is_answered_without_a_token(
    rules: CorsRules, origin: str
) -> None:
    seen: list[dict[str, Any]] = []
    headers = [
        ("Origin", origin),
        ("Access-Control-Request-Method", "POST"),
        ("Access-Control-Request-Headers", "authorization,content-type,idempotency-key"),
    ]
    answer = _gateway(rules, seen).handle("OPTIONS", "/articles/01abc/preview", headers, None)
    assert (answer.status, answer.body) == (204, b"")
    assert answer.headers["Access-Control-Allow-Origin"] == origin
    assert answer.headers["Access-Control-Allow-Methods"] == "GET,POST,PUT,PATCH,DELETE"
    assert answer.headers["Access-Control-Allow-Headers"] == (
        "authorization,content-type,if-match,idempotency-key"
    )
    assert answer.headers["Access-Control-Max-Age"] == "600"
    assert "Access-Control-Allow-Credentials" not in answer.headers
    assert seen == []  # no function ran, and the refusing authorizer was never asked


def test_a_preflight_from_another_origin_allows_nothing(rules: CorsRules) -> None:
    seen: list[dict[str, Any]] = []
    headers = [("Origin", ELSEWHERE), ("Access-Control-Request-Method", "GET")]
    answer = _gateway(rules, seen).handle("OPTIONS", "/articles", headers, None)
    assert answer.status == 204
    assert not [h for h in answer.headers if h.lower().startswith("access-control-")]
    assert seen == []


def test_answers_name_the_allowed_origin_only(rules: CorsRules) -> None:
    seen: list[dict[str, Any]] = []
    gateway = _gateway(rules, seen)
    refused = gateway.handle("GET", "/articles", [("Origin", SITE)], None)
    # Even a 401 reaches the desk's script, which then signs in again.
    assert refused.status == 401
    assert refused.headers["Access-Control-Allow-Origin"] == SITE
    assert refused.headers["Access-Control-Expose-Headers"] == "ETag,Location"
    assert refused.headers["Vary"] == "Origin"
    other = gateway.handle("GET", "/articles", [("Origin", ELSEWHERE)], None)
    assert not [h for h in other.headers if h.lower().startswith("access-control-")]
    plain = gateway.handle("GET", "/articles", [], None)
    assert "Access-Control-Allow-Origin" not in plain.headers


def test_an_options_request_that_is_no_preflight_is_routed_as_any_other(
    rules: CorsRules,
) -> None:
    answer = _gateway(rules, []).handle("OPTIONS", "/articles", [("Origin", SITE)], None)
    assert answer.status == 404
