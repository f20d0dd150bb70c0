"""Identifiers: articles (sortable by creation time) and photo uploads, safe in URLs and S3
keys."""

from __future__ import annotations

import re
import secrets
import time

_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
ARTICLE_ID_PATTERN = r"^[0-9a-hjkmnp-tv-z]{26}$"
_ARTICLE_ID = re.compile(ARTICLE_ID_PATTERN)


def new_article_id(now_ms: int | None = None) -> str:
    """A 26-character ULID in lower-case Crockford base32 (48-bit time, 80 random bits)."""
    ms = int(time.time() * 1000) if now_ms is None else now_ms
    value = (ms << 80) | secrets.randbits(80)
    chars = []
    for _ in range(26):
        chars.append(_CROCKFORD[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def is_article_id(text: str) -> bool:
    """Whether `text` has the shape of an article id."""
    return bool(_ARTICLE_ID.match(text))


UPLOAD_ID_PATTERN = r"^[0-9a-hjkmnp-tv-z]{16}$"
_UPLOAD_ID = re.compile(UPLOAD_ID_PATTERN)


def new_upload_id() -> str:
    """16 random characters (80 bits) in lower-case Crockford base32: one photo upload's
    own place in the content bucket."""
    value = secrets.randbits(80)
    return "".join(_CROCKFORD[(value >> (5 * i)) & 31] for i in range(16))


def is_upload_id(text: str) -> bool:
    """Whether `text` has the shape of an upload id."""
    return bool(_UPLOAD_ID.match(text))
