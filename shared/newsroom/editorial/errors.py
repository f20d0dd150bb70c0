"""Requests the workflow refuses, each with the HTTP status that says why."""

from __future__ import annotations


class EditorialError(Exception):
    """A request the workflow refuses, with the HTTP status that says why."""

    status = 400

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class Forbidden(EditorialError):
    """The caller's role does not allow this."""

    status = 403


class NotFound(EditorialError):
    status = 404


class Conflict(EditorialError):
    """Not possible in the article's present state (an invalid status change, for one)."""

    status = 409


class PreconditionFailed(EditorialError):
    """The article changed since the caller read it (a stale ETag)."""

    status = 412


class TooMany(EditorialError):
    status = 422
