"""Field types shared by the models: photo file names, UTC times, and what the newsroom
says to an editor, kept as a message (id and parameters) to be said in the reader's
language when it is shown. Text a person types is checked by the types of
`newsroom.models.typed`, where it enters: a stored record holds it as it was checked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, StringConstraints
from pydantic_core import core_schema

from newsroom.i18n import Invalid, Message

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


class _Kept:
    """How a record keeps a value: read from its stored form with `read`, written back to it
    with `write`. (pydantic's `PlainValidator` and `PlainSerializer` say the same, but the
    latter's module costs each cold start about a millisecond for this one use.)"""

    __slots__ = ("read", "write")

    def __init__(self, read: Callable[[object], Any], write: Callable[[Any], Any]) -> None:
        self.read = read
        self.write = write

    def __get_pydantic_core_schema__(
        self, source: object, handler: object
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            self.read, serialization=core_schema.plain_serializer_function_ser_schema(self.write)
        )


StoredMessage = Annotated[Message, _Kept(_message, _stored)]
"""A message kept in a record as `{"id": ..., "params": {...}}` (parameters: text and
whole numbers); a record's older plain text reads as that text (`AS_RECORDED`)."""
OptionalStoredMessage = Annotated[Message | None, _Kept(_optional_message, _optional_stored)]
"""A `StoredMessage` or nothing (None; an older record's empty text is nothing too)."""
