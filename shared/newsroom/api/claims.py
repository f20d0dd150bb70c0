"""Who is calling the API: the caller that the JWT authorizer's claims describe."""

from __future__ import annotations

from typing import Any

from newsroom.models.caller import Caller, Role


def _groups(value: Any) -> list[str]:
    # HTTP APIs pass an array claim as a string: "[editor reporter]".
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, str):
        return [g for g in value.strip("[]").replace(",", " ").split() if g]
    return []


def caller_from_claims(claims: dict[str, Any]) -> Caller | None:
    """The caller described by the token's claims, or None without a subject."""
    subject = claims.get("sub")
    if not subject:
        return None
    known = {r.value for r in Role}
    roles = frozenset(Role(g) for g in _groups(claims.get("cognito:groups")) if g in known)
    username = str(claims.get("cognito:username") or claims.get("username") or subject)
    return Caller(user_id=str(subject), username=username, roles=roles)
