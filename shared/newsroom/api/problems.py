"""Errors as `application/problem+json` (RFC 9457), said in the caller's language.

A `Problem` holds what went wrong as messages (`newsroom.i18n`), not sentences: its
`title`, `detail` and each `errors[].reason` are said in the language of the request
when it is answered. `type`, `status`, `instance` and each `errors[].field` stay the
same in every language, for programs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from pydantic import ValidationError

from newsroom.i18n import DEFAULT_LANGUAGE, Clauses, Invalid, Message, catalogue, say

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPES = "https://newsroom.example/problems/"

# The short titles of the statuses problems are answered with (in English, as HTTP names
# them: the problem's `type` and the OpenAPI document are made from these).
_TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    412: "Precondition Failed",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    428: "Precondition Required",
    500: "Internal Server Error",
}


class FieldReason(NamedTuple):
    """One invalid field (`title`, `tags[2]`, `photos.cau.jpg`) and why, as a message."""

    field: str
    reason: Message


class Problem(Exception):
    """An error the API answers with: status, what exactly went wrong, and each field.

    `detail` is a `Message`; plain text is taken as it is, in every language (for a
    router's own tests, not for the newsroom's answers).
    """

    def __init__(
        self,
        status: int,
        detail: Message | str,
        *,
        errors: Sequence[FieldReason] = (),
        kind: str | None = None,
    ) -> None:
        super().__init__(detail if isinstance(detail, str) else say(detail, "en"))
        self.status = status
        self.message = detail
        self.errors = list(errors)
        self.kind = kind or _TITLES.get(status, "Error").lower().replace(" ", "-")

    def detail(self, language: str = DEFAULT_LANGUAGE) -> str:
        """What went wrong, in `language`."""
        return self.message if isinstance(self.message, str) else say(self.message, language)

    def title(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The status's short title, in `language`."""
        known = f"status.{self.status}" in catalogue(DEFAULT_LANGUAGE)
        return say(Message(f"status.{self.status}" if known else "status.other"), language)

    def as_json(self, instance: str = "", language: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
        """The problem document, said in `language`."""
        document: dict[str, Any] = {
            "type": PROBLEM_TYPES + self.kind,
            "title": self.title(language),
            "status": self.status,
            "detail": self.detail(language),
        }
        if instance:
            document["instance"] = instance
        if self.errors:
            document["errors"] = [
                {"field": error.field, "reason": say(error.reason, language)}
                for error in self.errors
            ]
        return document


# ---------------------------------------------------------------- validation

# Pydantic's error types, and the message each becomes (those with limits are below).
VALIDATION_REASONS = {
    "missing": "validation.missing",
    "extra_forbidden": "validation.extra_forbidden",
    "string_type": "validation.not_text",
    "string_unicode": "validation.not_text",
    "string_pattern_mismatch": "validation.pattern",
    "int_type": "validation.not_integer",
    "int_parsing": "validation.not_integer",
    "int_from_float": "validation.not_integer",
    "bool_type": "validation.not_boolean",
    "bool_parsing": "validation.not_boolean",
    "enum": "validation.one_of",
    "literal_error": "validation.one_of",
    "datetime_type": "time.not_written",
    "datetime_parsing": "time.not_written",
    "datetime_from_date_parsing": "time.not_written",
    "datetime_object_invalid": "time.not_written",
    "model_type": "validation.not_an_object",
    "dict_type": "validation.not_an_object",
    "model_attributes_type": "validation.not_an_object",
    "list_type": "validation.not_a_list",
    "greater_than_equal": "validation.at_least",
    "greater_than": "validation.more_than",
    "less_than_equal": "validation.at_most",
    "less_than": "validation.less_than",
}


def _field_path(location: tuple[int | str, ...]) -> str:
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "body"


def field_label(location: tuple[int | str, ...]) -> Message:
    """How a field is named to people: `tags[2]` is "the third tag" (`Thẻ thứ 3`)."""
    names = [part for part in location if isinstance(part, str)]
    if not names:
        return Message("field.body")
    name = names[-1]
    label = (
        Message(f"field.{name}")
        if f"field.{name}" in catalogue(DEFAULT_LANGUAGE)
        else Message("field.unknown", name=_field_path(location))
    )
    if isinstance(location[-1], int):
        return Message("field.item", label=label, number=location[-1] + 1)
    return label


def _length_reason(kind: str, error: Any) -> Message | None:
    """A length refused: pydantic speaks of "items" even for a text checked after a
    validator, so texts are told apart by their input."""
    context = error.get("ctx", {})
    value = error.get("input")
    if isinstance(value, str):
        if kind.endswith("too_short") and context.get("min_length") == 1:
            return Message("validation.empty")
        if kind.endswith("too_long"):
            return Message(
                "validation.too_many_characters", limit=context.get("max_length"), length=len(value)
            )
        return Message(
            "validation.too_few_characters", limit=context.get("min_length"), length=len(value)
        )
    if kind == "too_long":
        return Message(
            "validation.too_many_items",
            limit=context.get("max_length"),
            count=context.get("actual_length"),
        )
    if kind == "too_short":
        return Message("validation.too_few_items", limit=context.get("min_length"))
    return None


def _reason(error: Any) -> Message:
    kind = str(error["type"])
    context = error.get("ctx", {})
    if kind in ("value_error", "assertion_error"):
        refused = context.get("error")
        if isinstance(refused, Invalid):
            return refused.message
    if kind in ("too_long", "too_short", "string_too_long", "string_too_short"):
        length = _length_reason(kind, error)
        if length is not None:
            return length
    message_id = VALIDATION_REASONS.get(kind)
    if message_id is None:
        detail = str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
        return Message("validation.other", detail=detail)
    limit = next((context[k] for k in ("ge", "gt", "le", "lt") if k in context), None)
    return Message(
        message_id,
        pattern=context.get("pattern", ""),
        expected=context.get("expected", ""),
        limit=limit,
    )


def validation_problem(error: ValidationError, where: str = "body") -> Problem:
    """A 422 listing each invalid field and the reason (`where`: `body` or `query`)."""
    errors = [
        FieldReason(
            _field_path(tuple(e["loc"])),
            _reason(e).with_params(label=field_label(tuple(e["loc"]))),
        )
        for e in error.errors()
    ]
    summary = Clauses(
        Message("validation.summary_item", field=e.field, reason=e.reason) for e in errors[:5]
    )
    return Problem(
        422,
        Message(f"validation.invalid_{where}", summary=summary),
        errors=errors,
        kind="validation",
    )


def unexpected_problem() -> Problem:
    """The 500 that answers an error nobody foresaw: it tells the caller nothing of it."""
    return Problem(500, Message("api.unexpected"))


def title_for(status: int) -> str:
    """The short title of an HTTP status (in English, as the OpenAPI document names it)."""
    return _TITLES.get(status, "Error")
