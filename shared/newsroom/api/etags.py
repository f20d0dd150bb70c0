"""ETags of article versions, and the `If-Match` precondition that guards against lost updates."""

from __future__ import annotations

from newsroom.api.problems import Problem
from newsroom.i18n import Message


def etag(version: int) -> str:
    """The strong ETag of an article version."""
    return f'"{version}"'


def expected_version(if_match: str | None, current: int) -> int:
    """The version the caller saw, from its `If-Match` header (428 when there is none).

    `*` matches whatever version is current; a tag that names no version never matches.
    """
    if if_match is None or not if_match.strip():
        raise Problem(428, Message("etag.missing"))
    tags = [t.strip().removeprefix("W/").strip('"') for t in if_match.split(",")]
    if "*" in tags:
        return current
    versions = [int(t) for t in tags if t.isdigit() and len(t) < 10]
    if current in versions:
        return current
    if not versions:
        raise Problem(412, Message("etag.no_version", if_match=if_match.strip()))
    return versions[0]
