"""Text a person typed, as the editorial API takes it: NFC, and only characters that are
text (see `newsroom.text.characters`), nothing that would run in a reader's browser (see
`newsroom.text.active`): what is refused here can never reach a feed or a page. One line
of text (a title, a name, a tag, a caption) must also show something: at least one
letter or digit, and no invisible characters.

Only where text enters (the API's request bodies) are these checks run: the records it
becomes are read back as they were stored, without them.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, StringConstraints

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
