"""Reading what a request sends: its body as a pydantic model, its query as another.

The body is read as a careful client would want it read: its size first, then its
content type, its encoding (UTF-8), its JSON, how deeply it nests, and last the model's
own rules. Each way it can fail is a problem that says what is wrong, with the status
that fits (413, 415, 400 or 422), never a 500.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from pydantic import BaseModel, ValidationError

from newsroom.api.problems import FieldReason, Problem, validation_problem
from newsroom.i18n import Message

MAX_BODY_BYTES = 512 * 1024
MAX_JSON_DEPTH = 20


def raw_body(event: dict[str, Any]) -> bytes:
    """The bytes the client sent (API Gateway base64-encodes what is not text)."""
    raw: str | bytes = event.get("body") or ""
    if event.get("isBase64Encoded") and raw:
        try:
            return base64.b64decode(raw, validate=True)
        except (binascii.Error, ValueError) as error:
            raise Problem(400, Message("body.not_base64")) from error
    return raw.encode() if isinstance(raw, str) else raw


def _depth(value: Any, limit: int) -> int:
    stack = [(value, 1)]
    deepest = 0
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        children = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        )
        stack.extend((child, level + 1) for child in children)
    return deepest


def _json_object(data: bytes, headers: dict[str, str]) -> dict[str, Any]:
    if len(data) > MAX_BODY_BYTES:
        raise Problem(413, Message("body.too_large", size=len(data), limit=MAX_BODY_BYTES))
    media_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        shown = media_type or Message("body.no_content_type")
        raise Problem(415, Message("body.not_json_type", content_type=shown))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Problem(400, Message("body.not_utf8", byte=error.start)) from error
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as error:
        raise Problem(
            400,
            Message("body.not_json", error=error.msg, line=error.lineno, column=error.colno),
        ) from error
    except RecursionError as error:
        raise Problem(400, Message("body.too_deep", limit=MAX_JSON_DEPTH)) from error
    if _depth(parsed, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        raise Problem(400, Message("body.too_deep", limit=MAX_JSON_DEPTH))
    if not isinstance(parsed, dict):
        raise Problem(
            422,
            Message("body.not_an_object"),
            errors=[
                FieldReason(
                    "body",
                    Message("validation.not_an_object").with_params(label=Message("field.body")),
                )
            ],
        )
    return parsed


def parse_body(data: bytes, headers: dict[str, str], model: type[BaseModel]) -> BaseModel:
    """The body as `model`, or the problem that says why it is not one.

    `headers` are the request's, with lower-case names.
    """
    parsed = _json_object(data, headers)
    try:
        return model.model_validate(parsed)
    except ValidationError as error:
        raise validation_problem(error) from error


def parse_query(query: dict[str, str], model: type[BaseModel]) -> BaseModel:
    """The query parameters as `model`, or a 422 naming each invalid one."""
    try:
        return model.model_validate(query)
    except ValidationError as error:
        raise validation_problem(error, "query") from error
