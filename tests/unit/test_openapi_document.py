"""openapi.json is the API the code declares, and the template routes exactly those routes."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from newsroom_local.template import PROJECT_ROOT, load_template
from openapi_spec_validator import validate

from tests.scripts import load_script


@pytest.fixture(scope="module")
def script() -> ModuleType:
    path = PROJECT_ROOT / "infra" / "scripts" / "openapi.py"
    return load_script(path, "newsroom_openapi_script", register=True)


@pytest.fixture(scope="module")
def document(script: ModuleType) -> dict[str, Any]:
    generated: dict[str, Any] = script.current_document()
    return generated


def test_openapi_json_in_the_repository_is_what_the_code_declares(
    script: ModuleType, document: dict[str, Any]
) -> None:
    stored = Path(PROJECT_ROOT / "openapi.json").read_text(encoding="utf-8")
    assert stored == script.as_text(document), "openapi.json is stale: run `make openapi`"


def test_the_document_is_valid_openapi(document: dict[str, Any]) -> None:
    validate(document)
    assert document["openapi"].startswith("3.")


def test_every_route_answers_problems_as_problem_json(document: dict[str, Any]) -> None:
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    content = response["content"]
                    assert list(content) == ["application/problem+json"], (method, path, status)


def test_the_update_route_documents_its_preconditions(document: dict[str, Any]) -> None:
    put = document["paths"]["/articles/{id}"]["put"]
    assert {"412", "428", "200"} <= set(put["responses"])
    assert "ETag" in put["responses"]["200"]["headers"]
    if_match = next(p for p in put["parameters"] if p["name"] == "If-Match")
    assert if_match == {**if_match, "in": "header", "required": True}


def test_every_post_takes_an_idempotency_key(document: dict[str, Any]) -> None:
    for path, operations in document["paths"].items():
        if "post" in operations:
            names = [p["name"] for p in operations["post"].get("parameters", [])]
            assert "Idempotency-Key" in names, path


def _template_routes() -> dict[tuple[str, str], bool]:
    ingest = load_template()["Resources"]["IngestFunction"]["Properties"]
    routes = {}
    for event in ingest["Events"].values():
        if event["Type"] == "HttpApi":
            properties = event["Properties"]
            authorized = properties.get("Auth", {}).get("Authorizer") != "NONE"
            routes[(properties["Method"].upper(), properties["Path"])] = authorized
    return routes


def test_the_template_routes_every_declared_route_and_no_other(document: dict[str, Any]) -> None:
    declared = {
        (method.upper(), path): operation.get("security") != []
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
    }
    assert _template_routes() == declared
    assert declared[("GET", "/openapi.json")] is False
    assert declared[("GET", "/docs")] is False
