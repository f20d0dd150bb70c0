"""Unicode normalisation of everything a person types."""

from __future__ import annotations

import unicodedata


def nfc(text: str) -> str:
    """The text in Unicode NFC, the form Vietnamese is stored and compared in."""
    return unicodedata.normalize("NFC", text)
