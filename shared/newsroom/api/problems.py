"""Errors as `application/problem+json` (RFC 9457)."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

PROBLEM_CONTENT_TYPE = "application/problem+json"

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


class Problem(Exception):
    """An error the API answers with: status, a short title, and what exactly went wrong."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        errors: list[dict[str, str]] | None = None,
        kind: str | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors or []
        self.kind = kind or _TITLES.get(status, "Error").lower().replace(" ", "-")

    @property
    def title(self) -> str:
        return _TITLES.get(self.status, "Error")

    def as_json(self, instance: str = "") -> dict[str, Any]:
        """The problem document."""
        document: dict[str, Any] = {
            "type": f"https://newsroom.example/problems/{self.kind}",
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if instance:
            document["instance"] = instance
        if self.errors:
            document["errors"] = self.errors
        return document


def _field_path(location: tuple[int | str, ...]) -> str:
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "body"


def _reason(error: Any) -> str:
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    if error["type"] == "extra_forbidden":
        return "is not a field of this request"
    if error["type"] == "missing":
        return "is required"
    if error["type"] in ("too_long", "too_short") and isinstance(error.get("input"), str):
        # A length checked after a text validator: pydantic speaks of "items".
        context = error.get("ctx", {})
        if error["type"] == "too_short" and context.get("min_length") == 1:
            return "must not be empty"
        if error["type"] == "too_long":
            limit = f"at most {context.get('max_length')}"
        else:
            limit = f"at least {context.get('min_length')}"
        return f"must have {limit} characters, not {len(error['input'])}"
    return message


def validation_problem(error: ValidationError, where: str = "body") -> Problem:
    """A 422 listing each invalid field and the reason."""
    errors = [{"field": _field_path(tuple(e["loc"])), "reason": _reason(e)} for e in error.errors()]
    summary = "; ".join(f"{e['field']}: {e['reason']}" for e in errors[:5])
    return Problem(
        422, f"The request {where} is invalid: {summary}", errors=errors, kind="validation"
    )


def unexpected_problem() -> Problem:
    """The 500 that answers an error nobody foresaw: it tells the caller nothing of it."""
    return Problem(500, "Something went wrong on our side; the request was not completed.")


def title_for(status: int) -> str:
    """The short title of an HTTP status, as problems show it."""
    return _TITLES.get(status, "Error")
