"""URL slugs: Vietnamese without diacritics, lower case, words joined by hyphens."""

from __future__ import annotations

import re
import unicodedata

# "đ" and "Đ" are letters of their own, not "d" with a combining mark, so NFD
# does not split them: map them before the marks are dropped.
_LETTERS_WITHOUT_DECOMPOSITION = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")

MAX_SLUG_LENGTH = 80


def ascii_fold(text: str) -> str:
    """The text with diacritics dropped: "Đà Nẵng" becomes "Da Nang"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS_WITHOUT_DECOMPOSITION))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def slugify(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """A URL slug for `text`; NFC and NFD spellings of the same words give the same slug.

    Words are cut at a hyphen so the slug stays within `max_length`.
    """
    folded = ascii_fold(unicodedata.normalize("NFC", text)).lower()
    slug = _NOT_SLUG.sub("-", folded).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]
    return slug.strip("-")
