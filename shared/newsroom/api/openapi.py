"""The OpenAPI 3.1 document of declared routes: paths, parameters and models' JSON schemas.

Nothing here is written by hand twice: paths, parameters, bodies and responses come
from the `@routes.get(...)`, `@routes.post(...)`… declarations, schemas from the
pydantic models. The editorial API's title, version and description are here too:
`GET /openapi.json` serves its document, and `infra/scripts/openapi.py` writes the
same document to openapi.json.

Imported only where a document is made: pydantic's JSON Schema machinery would cost
every cold start of the API about 50 ms.
"""

from __future__ import annotations

import json
from functools import cache
from html import escape
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from newsroom.api.problems import PROBLEM_CONTENT_TYPE, title_for
from newsroom.api.router import Route, Routes
from newsroom.api.views import ProblemView

API_TITLE = "Newsroom editorial API"
API_VERSION = "2.1.0"
API_DESCRIPTION = (
    "Draft, review, publish, schedule, correct and withdraw articles and their photos. "
    "Sign in with a bearer token from the user pool; your groups (reporter, editor, admin) "
    "decide what you may do. Photos are processed as soon as they are uploaded: each "
    "shows its status (awaiting_upload, ready, rejected, with the reason) and, once "
    "uploaded, a download_url. Errors are application/problem+json (RFC 9457); their "
    "title, detail and errors[].reason are in Vietnamese unless Accept-Language prefers "
    "English (en), while type, status, instance and errors[].field never change with the "
    "language."
)

REF = "#/components/schemas/{model}"

JsonMode = Literal["validation", "serialization"]


def _models(
    routes: Routes[Any], problem: type[BaseModel]
) -> list[tuple[type[BaseModel], JsonMode]]:
    found: dict[tuple[type[BaseModel], JsonMode], None] = {(problem, "serialization"): None}
    for route in routes.routes.values():
        if route.body is not None:
            found[(route.body, "validation")] = None
        if route.query is not None:
            found[(route.query, "validation")] = None
        if route.response is not None:
            found[(route.response, "serialization")] = None
    return list(found)


def _parameters(route: Route[Any], schemas: dict[str, Any], query_ref: str | None) -> list[Any]:
    parameters: list[dict[str, Any]] = []
    for name in route.path_params:
        schema = route_param_schema(name)
        parameters.append({"name": name, "in": "path", "required": True, "schema": schema})
    if query_ref is not None:
        query_schema = schemas[query_ref.rsplit("/", 1)[-1]]
        for name, schema in query_schema.get("properties", {}).items():
            parameter = {"name": name, "in": "query", "required": False, "schema": schema}
            if "description" in schema:
                parameter["description"] = schema["description"]
            parameters.append(parameter)
    if "If-Match" in route.headers:
        parameters.append(
            {
                "name": "If-Match",
                "in": "header",
                "required": True,
                "description": "The ETag of the version you read; a stale one gets 412",
                "schema": {"type": "string"},
            }
        )
    if route.authorized:
        parameters.append(
            {
                "name": "Accept-Language",
                "in": "header",
                "required": False,
                "description": (
                    "The language of problem details: Vietnamese (vi) by default, English "
                    "(en) on request; q-values are honoured"
                ),
                "schema": {"type": "string", "maxLength": 1000},
            }
        )
    if route.method == "POST" and route.authorized:
        parameters.append(
            {
                "name": "Idempotency-Key",
                "in": "header",
                "required": False,
                "description": (
                    "Send a retry with the same key and body to get the first response; "
                    "the work is done once"
                ),
                "schema": {"type": "string", "minLength": 1, "maxLength": 255},
            }
        )
    return parameters


PATH_PARAMETER_SCHEMAS: dict[str, dict[str, Any]] = {
    "id": {"type": "string", "description": "The article's id (26 characters)"},
    "name": {"type": "string", "description": "The photo's file name"},
    "n": {"type": "integer", "minimum": 1, "description": "The version number"},
}


def route_param_schema(name: str) -> dict[str, Any]:
    """The schema of a path parameter, by its name."""
    return dict(PATH_PARAMETER_SCHEMAS.get(name, {"type": "string"}))


def _success(route: Route[Any], refs: dict[Any, str]) -> dict[str, Any]:
    response: dict[str, Any] = {"description": route.summary or "OK"}
    if route.response is not None:
        ref = refs[(route.response, "serialization")]
        response["content"] = {route.content_type: {"schema": {"$ref": ref}}}
    elif route.status != 204:
        kind = "object" if route.content_type == "application/json" else "string"
        response["content"] = {route.content_type: {"schema": {"type": kind}}}
    if "ETag" in route.headers:
        response["headers"] = {
            "ETag": {"description": "The version's tag, for If-Match", "schema": {"type": "string"}}
        }
    if route.status == 201:
        response.setdefault("headers", {})["Location"] = {"schema": {"type": "string"}}
    return response


_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def _order(route: Route[Any]) -> tuple[str, int]:
    method = _METHODS.index(route.method) if route.method in _METHODS else len(_METHODS)
    return route.path, method


def openapi_document(
    routes: Routes[Any],
    *,
    title: str,
    version: str,
    description: str,
    problem: type[BaseModel],
) -> dict[str, Any]:
    """The OpenAPI 3.1 document describing every declared route of `routes`."""
    keyed, top = models_json_schema(_models(routes, problem), ref_template=REF)
    refs = {key: value["$ref"] for key, value in keyed.items()}
    schemas: dict[str, Any] = top.get("$defs", {})
    problem_ref = refs[(problem, "serialization")]
    paths: dict[str, Any] = {}
    for route in sorted(routes.routes.values(), key=_order):
        query_ref = refs[(route.query, "validation")] if route.query else None
        operation: dict[str, Any] = {
            "operationId": route.function.__name__,
            "summary": route.summary,
            "parameters": _parameters(route, schemas, query_ref),
            "responses": {str(route.status): _success(route, refs)},
        }
        if not operation["parameters"]:
            del operation["parameters"]
        if route.body is not None:
            body_ref = refs[(route.body, "validation")]
            operation["requestBody"] = {
                "required": route.body_required,
                "content": {"application/json": {"schema": {"$ref": body_ref}}},
            }
        for status in route.problem_statuses():
            operation["responses"][str(status)] = {
                "description": title_for(status),
                "content": {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": problem_ref}}},
            }
        if not route.authorized:
            operation["security"] = []
        paths.setdefault(route.path, {})[route.method.lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {"title": title, "version": version, "description": description},
        "paths": paths,
        "components": {
            "schemas": dict(sorted(schemas.items())),
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
            },
        },
        "security": [{"bearer": []}],
    }


def editorial_api_document(routes: Routes[Any]) -> dict[str, Any]:
    """The editorial API's document: `routes` (those the ingest function serves) under the
    API's title, version and description."""
    return openapi_document(
        routes,
        title=API_TITLE,
        version=API_VERSION,
        description=API_DESCRIPTION,
        problem=ProblemView,
    )


# Swagger UI's own files, shipped in the layer (`make swagger-ui` copies them from npm,
# pinned by infra/swagger-ui/package-lock.json; VENDORED.json names the version): /docs loads
# nothing from another host, and works offline and under a CSP that names no other host.
SWAGGER_UI = Path(__file__).with_name("swagger_ui")
SWAGGER_UI_FILES = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "swagger-ui-init.js": "text/javascript; charset=utf-8",  # ours: starts it, no inline script
    "LICENSE": "text/plain; charset=utf-8",
    "NOTICE": "text/plain; charset=utf-8",
    "swagger-ui-bundle.js.LICENSE.txt": "text/plain; charset=utf-8",
}
PATH_PARAMETER_SCHEMAS["file"] = {
    "type": "string",
    "enum": sorted(SWAGGER_UI_FILES),
    "description": "One of Swagger UI's files, which /docs loads",
}
# The page, its script and its styles come from this API alone (no inline script or style);
# Swagger UI draws its icons from data: URLs and fetches the document from the API.
DOCS_CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)


@cache
def swagger_ui_version() -> str:
    """The version of Swagger UI in the layer."""
    manifest = json.loads((SWAGGER_UI / "VENDORED.json").read_text(encoding="utf-8"))
    return str(manifest["version"])


def swagger_ui_page(document_url: str, title: str, files_url: str = "/docs") -> str:
    """A page that shows the document with Swagger UI, from this API's own files."""
    version = quote(swagger_ui_version())
    files = escape(files_url.rstrip("/"))
    document = escape(document_url)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{files}/swagger-ui.css?v={version}">
<script src="{files}/swagger-ui-bundle.js?v={version}" defer></script>
<script src="{files}/swagger-ui-init.js?v={version}" defer></script>
</head>
<body>
<div id="swagger-ui" data-openapi-url="{document}"></div>
<noscript>The API is described at <a href="{document}">{document}</a>.</noscript>
</body>
</html>
"""


@cache
def swagger_ui_file(name: str) -> tuple[str, str] | None:
    """One of Swagger UI's files, as (text, content type); None for any other name."""
    content_type = SWAGGER_UI_FILES.get(name)
    if content_type is None:
        return None
    return (SWAGGER_UI / name).read_text(encoding="utf-8"), content_type
