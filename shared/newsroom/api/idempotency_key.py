"""The `Idempotency-Key` of a POST: checked, tied to what the request was, answered once.

A POST that carries the header is answered through the idempotency store
(`newsroom.api.idempotency`), under the caller's own keys: a retry of the same request
gets the first answer again, and the same key sent with another request is refused.
Two requests are the same when they have the same method, path and body (a JSON body
compared by value, so a client may re-serialize it).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from newsroom.api.body import raw_body
from newsroom.api.problems import Problem
from newsroom.i18n import Message

if TYPE_CHECKING:
    from newsroom.api.idempotency import IdempotencyStore
    from newsroom.api.router import Request

IDEMPOTENCY_HEADER = "idempotency-key"
MAX_IDEMPOTENCY_KEY = 255
_VALID_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")


def request_fingerprint(method: str, path: str, body: bytes) -> str:
    """What makes two requests the same request: method, path and body."""
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except (ValueError, RecursionError):
        canonical = body
    digest = hashlib.sha256(f"{method} {path}\n".encode())
    digest.update(canonical)
    return digest.hexdigest()


def answer_once(
    store: IdempotencyStore | None,
    request: Request[Any],
    event: dict[str, Any],
    answer: Callable[[], dict[str, Any]],
) -> dict[str, Any]:
    """The response to `request`: `answer()`, or for a POST with an `Idempotency-Key`,
    the response remembered for that key (`answer()` run once)."""
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if key is None or request.method != "POST" or store is None:
        return answer()
    if not _VALID_KEY.match(key):
        raise Problem(400, Message("idempotency.bad_key", limit=MAX_IDEMPOTENCY_KEY))
    return store.once(
        scope=request.caller.user_id,
        key=key,
        fingerprint=request_fingerprint(request.method, request.path, raw_body(event)),
        answer=answer,
    )
