"""Field types shared by the models: NFC text, photo file names, UTC times."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, StringConstraints

from newsroom.text.active import refuse_active_content
from newsroom.text.normalize import nfc

_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def _clean_text(value: object) -> object:
    """NFC, and no control, zero-width or bidirectional-override characters."""
    if isinstance(value, str):
        value = nfc(value)
        if _CONTROL.search(value):
            raise ValueError("contains control, zero-width or bidirectional-override characters")
    return refuse_active_content(value)


def _clean_multiline(value: object) -> object:
    """NFC and no control characters; tabs and newlines are allowed; CRLF becomes LF."""
    if isinstance(value, str):
        value = nfc(value).replace("\r\n", "\n").replace("\r", "\n")
        if _CONTROL.search(value.replace("\t", " ").replace("\n", " ")):
            raise ValueError("contains control, zero-width or bidirectional-override characters")
    return refuse_active_content(value)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


# One line of text a person typed: a title, a name, a caption.
Line = Annotated[
    str,
    BeforeValidator(_clean_text),
    StringConstraints(strip_whitespace=True),
    AfterValidator(_not_blank),
]
OptionalLine = Annotated[
    str, BeforeValidator(_clean_text), StringConstraints(strip_whitespace=True)
]
# Running text: a body in Markdown, a summary.
Text = Annotated[str, BeforeValidator(_clean_multiline)]

PHOTO_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"
PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif")


def _photo_name(value: str) -> str:
    if ".." in value:
        raise ValueError("must not contain '..'")
    if not value.lower().endswith(PHOTO_EXTENSIONS):
        raise ValueError(f"must end with one of {', '.join(PHOTO_EXTENSIONS)}")
    return value


PhotoName = Annotated[
    str,
    StringConstraints(pattern=PHOTO_NAME_PATTERN, max_length=100),
    AfterValidator(_photo_name),
]


def utc_now() -> datetime:
    """Now, in UTC, to the millisecond (what the records keep)."""
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def _as_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("must include a time zone")
    return value.astimezone(UTC)


UtcDatetime = Annotated[datetime, AfterValidator(_as_utc)]
