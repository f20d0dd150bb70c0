"""Requests the workflow refuses, each with the HTTP status that says why.

A refusal carries what it means as a message (`newsroom.i18n.Message`: an id and its
parameters), never a sentence: the API says it in the caller's language. Its English
text (`detail`, `str(error)`) is for logs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsroom.i18n import Message, say


class EditorialError(Exception):
    """A request the workflow refuses, with the HTTP status that says why.

    `kind` names the problem's `type` when it is more particular than the status;
    `errors` lists each field concerned, with its reason (a message).
    """

    status = 400
    kind: str | None = None

    def __init__(
        self,
        message_id: str,
        /,
        *,
        errors: Sequence[tuple[str, Message]] = (),
        **params: Any,
    ) -> None:
        self.message = Message(message_id, **params)
        self.errors = list(errors)
        super().__init__(self.detail)

    @property
    def detail(self) -> str:
        """What was refused, in English (for logs and tests)."""
        return say(self.message, "en")


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
