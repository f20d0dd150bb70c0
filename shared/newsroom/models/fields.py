"""Field types shared by the models: NFC text, photo file names, UTC times, and what the
newsroom says to an editor, kept as a message (id and parameters) to be said in the
reader's language when it is shown.

Text a person typed is stored in NFC and holds only characters that are text (see
`newsroom.text.characters`): what is refused here can never reach a feed or a page.
One line of text (a title, a name, a tag, a caption) must also show something: at
least one letter or digit, and no invisible characters.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
)

from newsroom.i18n import Invalid, Message
from newsroom.text.active import active_content
from newsroom.text.characters import has_visible_character, unwanted_character
from newsroom.text.normalize import nfc

# How `newsroom.text.characters` describes the kinds of characters it refuses.
_CHARACTER_KINDS = {
    "a control character": "control",
    "a lone surrogate, which is not a character": "surrogate",
    "a noncharacter": "noncharacter",
    "a zero-width character": "zero_width",
    "a bidirectional control": "bidirectional",
    "an invisible character": "invisible",
}
_ACTIVE_ELEMENT = re.compile(r"^contains a <([^>]+)> element")
_ACTIVE_URL = re.compile(r"^contains a (\S+) URL")


def _unwanted_character_message(text: str, reason: str, *, one_line: bool) -> Message:
    """The refusal of `text`'s first unwanted character: which one, and what kind it is."""
    found = next((c for c in text if unwanted_character(c, one_line=one_line)), "")
    name = unicodedata.name(found, "") if found else ""
    described = f"U+{ord(found):04X} {name}".strip() if found else "?"
    kind = reason.removeprefix(f"contains {described} (").split("), which is not allowed")[0]
    return Message(
        "text.unwanted_character",
        character=described,
        kind=Message(f"character_kind.{_CHARACTER_KINDS.get(kind, 'invisible')}"),
    )


def _refuse_unwanted(text: str, *, one_line: bool) -> None:
    reason = unwanted_character(text, one_line=one_line)
    if reason:
        raise Invalid(_unwanted_character_message(text, reason, one_line=one_line))


def _active_content_message(reason: str) -> Message:
    element = _ACTIVE_ELEMENT.match(reason)
    if element:
        return Message("text.active_element", element=element.group(1))
    url = _ACTIVE_URL.match(reason)
    if url:
        return Message("text.active_url", scheme=url.group(1))
    if "event handler" in reason:
        return Message("text.active_event_handler")
    if "CSS" in reason:
        return Message("text.active_css")
    return Message("text.active_content", detail=reason)


def _refuse_active_content(value: object) -> object:
    """What would run in a reader's browser, refused (`newsroom.text.active`)."""
    if isinstance(value, str):
        reason = active_content(value)
        if reason:
            raise Invalid(_active_content_message(reason))
    return value


def _clean_text(value: object) -> object:
    """NFC, and no control, zero-width, invisible or bidirectional-override characters."""
    if isinstance(value, str):
        value = nfc(value)
        _refuse_unwanted(value, one_line=True)
    return _refuse_active_content(value)


def _clean_multiline(value: object) -> object:
    """NFC and no control characters; tabs and newlines are allowed; CRLF becomes LF."""
    if isinstance(value, str):
        value = nfc(value).replace("\r\n", "\n").replace("\r", "\n")
        _refuse_unwanted(value, one_line=False)
    return _refuse_active_content(value)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise Invalid(Message("text.blank"))
    if not has_visible_character(value):
        raise Invalid(Message("text.nothing_visible"))
    return value


def _visible_unless_empty(value: str) -> str:
    if value and not has_visible_character(value):
        raise Invalid(Message("text.nothing_visible"))
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
# Running text that must say something: an editor's note.
Note = Annotated[Text, StringConstraints(strip_whitespace=True), AfterValidator(_not_blank)]

PHOTO_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"
PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif")


def _photo_name(value: str) -> str:
    if ".." in value:
        raise Invalid(Message("photo_name.dots"))
    if not value.lower().endswith(PHOTO_EXTENSIONS):
        raise Invalid(Message("photo_name.extension", extensions=PHOTO_EXTENSIONS))
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
        raise Invalid(Message("time.no_zone"))
    try:
        return value.astimezone(UTC)
    except (OverflowError, ValueError) as error:
        # 9999-12-31T23:30:00-01:00 is a valid text, and a time no calendar here holds.
        raise Invalid(Message("time.out_of_range")) from error


def _written_time(value: object) -> object:
    if not isinstance(value, str | datetime):
        raise Invalid(Message("time.not_written"))
    return value


UtcDatetime = Annotated[datetime, AfterValidator(_as_utc)]
# A time in a request body: ISO 8601 text with a zone, never a number (seconds or
# milliseconds since 1970? a client cannot tell which a server will assume).
RequestDatetime = Annotated[datetime, BeforeValidator(_written_time), AfterValidator(_as_utc)]


# A record written before messages were kept holds the English words themselves: they
# are shown as they were written, in every language.
AS_RECORDED = "said.as_recorded"


def _message(value: object) -> Message:
    if isinstance(value, Message):
        return value
    if isinstance(value, str):
        return Message(AS_RECORDED, text=value)
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        params = value.get("params") or {}
        if isinstance(params, dict):
            return Message(value["id"], **{str(k): v for k, v in params.items()})
    raise ValueError("a message is its id and its parameters: {'id': ..., 'params': {...}}")


def _optional_message(value: object) -> Message | None:
    return None if value is None or value == "" else _message(value)


def _stored(message: Message) -> dict[str, Any]:
    return {"id": message.id, "params": dict(message.params)}


def _optional_stored(message: Message | None) -> dict[str, Any] | None:
    return None if message is None else _stored(message)


StoredMessage = Annotated[Message, PlainValidator(_message), PlainSerializer(_stored)]
"""A message kept in a record as `{"id": ..., "params": {...}}` (parameters: text and
whole numbers); a record's older plain text reads as that text (`AS_RECORDED`)."""
OptionalStoredMessage = Annotated[
    Message | None, PlainValidator(_optional_message), PlainSerializer(_optional_stored)
]
"""A `StoredMessage` or nothing (None; an older record's empty text is nothing too)."""
