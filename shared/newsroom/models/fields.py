"""Field types shared by the models: NFC text, photo file names, UTC times.

Text a person typed is stored in NFC and holds only characters that are text (see
`newsroom.text.characters`): what is refused here can never reach a feed or a page.
One line of text (a title, a name, a tag, a caption) must also show something: at
least one letter or digit, and no invisible characters.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, StringConstraints

from newsroom.text.active import refuse_active_content
from newsroom.text.characters import has_visible_character, unwanted_character
from newsroom.text.normalize import nfc


def _refuse_unwanted(text: str, *, one_line: bool) -> None:
    reason = unwanted_character(text, one_line=one_line)
    if reason:
        raise ValueError(reason)


def _clean_text(value: object) -> object:
    """NFC, and no control, zero-width, invisible or bidirectional-override characters."""
    if isinstance(value, str):
        value = nfc(value)
        _refuse_unwanted(value, one_line=True)
    return refuse_active_content(value)


def _clean_multiline(value: object) -> object:
    """NFC and no control characters; tabs and newlines are allowed; CRLF becomes LF."""
    if isinstance(value, str):
        value = nfc(value).replace("\r\n", "\n").replace("\r", "\n")
        _refuse_unwanted(value, one_line=False)
    return refuse_active_content(value)


_NOTHING_VISIBLE = (
    "must contain at least one letter or digit: spaces, punctuation, symbols and "
    "invisible characters alone show readers nothing"
)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    if not has_visible_character(value):
        raise ValueError(_NOTHING_VISIBLE)
    return value


def _visible_unless_empty(value: str) -> str:
    if value and not has_visible_character(value):
        raise ValueError(_NOTHING_VISIBLE)
    return value


# One line of text a person typed, never empty: a title, a name, a tag.
Line = Annotated[
    str,
    BeforeValidator(_clean_text),
    StringConstraints(strip_whitespace=True),
    AfterValidator(_not_blank),
]
# The same, where nothing at all is allowed: a source, a caption, alt text, a credit.
OptionalLine = Annotated[
    str,
    BeforeValidator(_clean_text),
    StringConstraints(strip_whitespace=True),
    AfterValidator(_visible_unless_empty),
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
    try:
        return value.astimezone(UTC)
    except (OverflowError, ValueError) as error:
        # 9999-12-31T23:30:00-01:00 is a valid text, and a time no calendar here holds.
        raise ValueError(
            "is outside the years 1 to 9999 once converted to UTC; give a nearer time"
        ) from error


def _written_time(value: object) -> object:
    if not isinstance(value, str | datetime):
        raise ValueError(
            "must be a time written in ISO 8601 with its zone, such as 2026-12-01T07:00:00+07:00"
        )
    return value


UtcDatetime = Annotated[datetime, AfterValidator(_as_utc)]
# A time in a request body: ISO 8601 text with a zone, never a number (seconds or
# milliseconds since 1970? a client cannot tell which a server will assume).
RequestDatetime = Annotated[datetime, BeforeValidator(_written_time), AfterValidator(_as_utc)]
