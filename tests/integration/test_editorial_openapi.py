"""The API against its own OpenAPI document, with requests that hypothesis makes up.

Bodies, query parameters and headers are drawn from the document's schemas (and
sometimes broken on purpose); whatever the request, the answer is never a 5xx, its
status is one the document lists for that operation, and its body fits the schema
the document gives for that status.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from newsroom_local.template import PROJECT_ROOT

from tests.integration.conftest import Stack
from tests.integration.editorial_helpers import ROLES, api, create, draft

DOCUMENT = json.loads(Path(PROJECT_ROOT / "openapi.json").read_text(encoding="utf-8"))
COMPONENTS = DOCUMENT["components"]
OPERATIONS = [
    (method.upper(), path, operation)
    for path, operations in DOCUMENT["paths"].items()
    for method, operation in operations.items()
]


def _with_components(schema: dict[str, Any]) -> dict[str, Any]:
    return {**schema, "components": COMPONENTS}


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = COMPONENTS["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


def from_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values that fit the (small) part of JSON Schema pydantic writes for our models."""
    schema = _resolve(schema)
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "const" in schema:
        return st.just(schema["const"])
    if "anyOf" in schema:
        return st.one_of([from_schema(s) for s in schema["anyOf"]])
    kind = schema.get("type")
    if kind == "string":
        if schema.get("format") == "date-time":
            return st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat())
        if "pattern" in schema:
            return st.from_regex(schema["pattern"], fullmatch=True)
        return st.text(
            st.characters(blacklist_categories=("Cs",)),
            min_size=schema.get("minLength", 0),
            max_size=min(schema.get("maxLength", 40), 40),
        )
    if kind == "integer":
        return st.integers(schema.get("minimum", -(2**31)), schema.get("maximum", 2**31))
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if kind == "array":
        return st.lists(
            from_schema(schema.get("items", {})), max_size=min(schema.get("maxItems", 5), 5)
        )
    if kind == "object" and "properties" in schema:
        required = set(schema.get("required", []))
        properties = schema["properties"]
        return st.fixed_dictionaries(
            {k: from_schema(v) for k, v in properties.items() if k in required},
            optional={k: from_schema(v) for k, v in properties.items() if k not in required},
        )
    return st.none() | st.booleans() | st.integers() | _TEXT


_SEGMENT = st.text(
    alphabet=st.characters(blacklist_characters="/?#", blacklist_categories=("Cs",)),
    min_size=1,
    max_size=40,
)


_VALID_BODIES: dict[str, st.SearchStrategy[Any]] = {
    "/articles": st.builds(
        lambda title, tags: draft(title=title, tags=tags),
        st.text(min_size=1, max_size=300).filter(str.strip),
        st.lists(st.text(min_size=1, max_size=60).filter(str.strip), max_size=20),
    ),
    "/articles/{id}": st.builds(lambda summary: draft(summary=summary), _TEXT),
    "/articles/{id}/photos": st.builds(
        lambda n: {"name": f"anh-{n}.jpg", "caption": "Ảnh"}, st.integers(0, 60)
    ),
    "/articles/{id}/photos/{name}": st.fixed_dictionaries(
        {}, optional={"caption": _TEXT, "alt": _TEXT, "credit": _TEXT}
    ),
    "/articles/{id}/publish": st.one_of(
        st.just({}),
        st.datetimes(timezones=st.timezones()).map(lambda d: {"publish_at": d.isoformat()}),
    ),
}


@st.composite
def requests_for(draw: st.DrawFn, known_ids: list[str]) -> dict[str, Any]:
    method, path, operation = draw(st.sampled_from(OPERATIONS))
    params: dict[str, str] = {}
    query: dict[str, str] = {}
    headers: dict[str, str] = {}
    for parameter in operation.get("parameters", []):
        name, where = parameter["name"], parameter["in"]
        if where == "path":
            if name == "id":
                known = st.sampled_from(known_ids)
                value = draw(st.one_of(known, known, known, _SEGMENT))
            elif name == "n":
                value = str(draw(st.integers(min_value=-1, max_value=5)))
            else:
                value = draw(st.sampled_from(["anh.jpg"]) | _SEGMENT)
            params[name] = value
        elif where == "query" and draw(st.booleans()):
            value = draw(from_schema(_with_components(parameter["schema"])) | _SEGMENT)
            query[name] = value if isinstance(value, str) else json.dumps(value).strip('"')
        elif where == "header" and name == "Idempotency-Key" and draw(st.booleans()):
            headers[name] = draw(st.one_of(st.uuids().map(str), st.uuids().map(str), _SEGMENT))
        elif where == "header" and (parameter["required"] or draw(st.booleans())):
            headers[name] = draw(st.sampled_from(['"1"', '"2"', '"3"', "*"]) | _SEGMENT)
    body: Any = None
    if "requestBody" in operation:
        schema = operation["requestBody"]["content"]["application/json"]["schema"]
        generated = from_schema(_with_components(schema))
        valid = _VALID_BODIES.get(path, generated)
        body = draw(
            st.one_of(
                valid,
                valid,
                generated,
                st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
            )
        )
    role = draw(st.sampled_from(["editor", "editor", "admin", "reporter", "reporter", "no role"]))
    return {
        "method": method,
        "path": path,
        "operation": operation,
        "params": params,
        "query": query,
        "headers": headers,
        "body": body,
        "role": role,
    }


def _check_against_document(
    request: dict[str, Any], status: int, body: Any, content_type: str
) -> None:
    responses = request["operation"]["responses"]
    where = f"{request['method']} {request['path']} -> {status}: {body!r:.300}"
    assert status < 500, where
    assert str(status) in responses, f"undocumented status: {where}"
    documented = responses[str(status)]
    if "content" not in documented:
        assert not body, where
        return
    ((media_type, media),) = documented["content"].items()
    assert content_type.split(";")[0] == media_type.split(";")[0], where
    if media_type.endswith("json"):
        jsonschema.validate(body, _with_components(media["schema"]))


_known: list[str] = []


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_request_gets_a_5xx_or_an_answer_the_document_does_not_describe(
    stack: Stack, data: st.DataObject
) -> None:
    if not _known or _known[0] != stack.env.ref("ArticlesTable") + str(id(stack)):
        _known.clear()
        _known.append(stack.env.ref("ArticlesTable") + str(id(stack)))
        for _ in range(4):
            article_id = create(stack).body["id"]
            _known.append(article_id)
            photo = {"name": "anh.jpg", "caption": "Ảnh"}
            added = api(
                stack, "POST", "/articles/{id}/photos", params={"id": article_id}, body=photo
            )
            assert added.status == 201
    request = data.draw(requests_for(_known[1:]))
    answer = api(
        stack,
        request["method"],
        request["path"],
        params=request["params"] or None,
        query=request["query"] or None,
        body=request["body"],
        claims=ROLES[request["role"]],
        headers=request["headers"],
    )
    _check_against_document(request, answer.status, answer.body, answer.content_type)
