"""What changed between two versions of an article, word by word, for a terminal.

Words are compared, not characters or whole lines: an editor reads "[-420-]{+450+} m"
at once. Removed words are marked `[-like this-]` and added ones `{+like this+}`; on a
terminal that shows colour they are also red and struck through, green and underlined.
A body is compared line by line first, so that only the lines that changed are shown,
each with its number, and the words within them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from newsroom_cli.messages import say

Kind = Literal["same", "removed", "added"]
# A word keeps the marks inside it: 1.500, 28/11, 07:30, Bà Rịa-Vũng Tàu's "Rịa-Vũng".
_TOKENS = re.compile(r"\s+|\w+(?:[.,:/'-]\w+)*|[^\w\s]")
_MARKS: dict[Kind, tuple[str, str]] = {
    "same": ("", ""),
    "removed": ("[-", "-]"),
    "added": ("{+", "+}"),
}
_COLOURS: dict[Kind, tuple[str, str]] = {
    "same": ("", ""),
    "removed": ("\x1b[31;9m", "\x1b[0m"),
    "added": ("\x1b[32;4m", "\x1b[0m"),
}
TEXT_FIELDS = ("title", "summary", "body")
OTHER_FIELDS = ("category", "tags", "author", "source")


@dataclass(frozen=True)
class Piece:
    """A run of text that both versions share, or that one of them alone has."""

    kind: Kind
    text: str


def words(text: str) -> list[str]:
    """The text cut into words (with the marks inside them), runs of spaces and marks of
    punctuation."""
    return _TOKENS.findall(text)


def word_pieces(before: str, after: str) -> list[Piece]:
    """`before` turned into `after`: what stays, what goes, what comes, word by word."""
    old, new = words(before), words(after)
    pieces: list[Piece] = []

    def add(kind: Kind, tokens: Sequence[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if pieces and pieces[-1].kind == kind:
            pieces[-1] = Piece(kind, pieces[-1].text + text)
        else:
            pieces.append(Piece(kind, text))

    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    removed: list[str] = []
    added: list[str] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        between_changes = 0 < index < len(opcodes) - 1 and not "".join(old[i1:i2]).strip()
        if tag != "equal" or (between_changes and (removed or added)):
            # Spaces between two changes belong to both: "[-Khánh thành-]{+Thông xe+}".
            removed.extend(old[i1:i2])
            added.extend(new[j1:j2])
            continue
        add("removed", removed)
        add("added", added)
        removed, added = [], []
        add("same", old[i1:i2])
    add("removed", removed)
    add("added", added)
    return pieces


def shown(pieces: Sequence[Piece], colour: bool) -> str:
    """The pieces as one text, changes marked (and coloured on a terminal)."""
    out = []
    for piece in pieces:
        start, end = _MARKS[piece.kind]
        if colour and piece.kind != "same":
            paint, reset = _COLOURS[piece.kind]
            start, end = paint + start, end + reset
        out.append(f"{start}{piece.text}{end}")
    return "".join(out)


def text_changes(before: str, after: str, colour: bool) -> list[str]:
    """The lines of `after` that differ from `before`, numbered, their words marked; `…`
    between changes that are apart."""
    old, new = before.splitlines(), after.splitlines()
    out: list[str] = []
    last_end = 0
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if out and j1 > last_end:
            out.append("    …")
        last_end = j2
        marked = shown(word_pieces("\n".join(old[i1:i2]), "\n".join(new[j1:j2])), colour)
        first = j1 + 1
        for offset, line in enumerate(marked.split("\n")):
            if line.strip():
                out.append(f"    {first + offset:>4}  {line}")
    return out


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """The article's fields that differ between two versions, in the order an editor reads them."""
    return [f for f in (*TEXT_FIELDS, *OTHER_FIELDS) if before.get(f) != after.get(f)]


def _value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "-"
    return str(value) if value else "-"


def article_changes(before: Mapping[str, Any], after: Mapping[str, Any], colour: bool) -> list[str]:
    """Every field that changed: title and summary word by word, the body's changed lines,
    the other fields as "before → after"; one line when nothing did."""
    out: list[str] = []
    for field in changed_fields(before, after):
        label = say(f"field.{field}")
        old, new = before.get(field), after.get(field)
        if field == "body":
            out.append(f"  {label}:")
            out.extend(text_changes(str(old or ""), str(new or ""), colour))
        elif field in TEXT_FIELDS:
            out.append(f"  {label}: {shown(word_pieces(str(old or ''), str(new or '')), colour)}")
        else:
            out.append(f"  {label}: {_value(old)} → {_value(new)}")
    if not out:
        out.append("  " + say("diff.no_text_change"))
    elif not colour:
        out.append("  " + say("diff.legend"))
    return out
