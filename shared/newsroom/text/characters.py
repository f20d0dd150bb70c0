"""Which characters are text: what XML 1.0 can hold, and what a reader can see.

Two uses, one list. What editors type is refused at the API when it holds a
character that is not text (a control, a lone surrogate, a noncharacter: one
article must not make the feeds unreadable), or, in a one-line field such as a
title, a character that shows nothing (zero-width, format and filler characters:
a headline must not look blank or hide words). And what the site writes drops any
character XML 1.0 forbids or discourages, whatever is stored, because records
older than these rules exist and a feed must parse even then.

Vietnamese needs none of these characters: in NFC every letter with its
diacritics is one code point, and the combining marks that other spellings use
are ordinary text.
"""

from __future__ import annotations

import re
import unicodedata

# The patterns are kept as text and compiled by `re` on first use (and cached there):
# a function that imports this module uses few of them, and none at import.

# Code points that XML 1.0 forbids (its `Char` production leaves them out): C0
# controls but tab, line feed and carriage return; surrogates; U+FFFE and U+FFFF.
# Then those it discourages: DEL and the C1 controls, and the other noncharacters.
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)
)
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_SURROGATES = "\ud800-\udfff"
_NOT_IN_XML = f"[{_CONTROLS}{_SURROGATES}{_NONCHARACTERS}]"
# A quick first look over a whole document: a class of ranges is searched about ten
# times faster than one listing the astral noncharacters one by one, and documents
# hold few characters beyond the BMP (all of Vietnamese is inside it).
_MAYBE_NOT_IN_XML = f"[{_CONTROLS}{_SURROGATES}\ufdd0-\ufdef\ufffe\uffff\U00010000-\U0010ffff]"

# Never text in anything an editor sends: the above, and characters that hide or
# reorder what readers see (zero-width, bidirectional overrides, byte order mark).
_REFUSED = (
    f"[{_CONTROLS}{_SURROGATES}{_NONCHARACTERS}\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)

# Not in one line of text either (a title, a name, a tag, a caption): characters
# that are invisible, or stand in for a letter while showing nothing.
_INVISIBLE_IN_A_LINE = (
    "["
    "\u00ad"  # soft hyphen
    "\u034f"  # combining grapheme joiner
    "\u061c"  # Arabic letter mark
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers
    "\u17b4\u17b5"  # Khmer inherent vowels
    "\u180e"  # Mongolian vowel separator
    "\u2060-\u2064"  # word joiner and invisible operators
    "\u206a-\u206f"  # deprecated format characters
    "\u2800"  # Braille pattern blank
    "\ufff9-\ufffb"  # interlinear annotation
    "\U0001d173-\U0001d17a"  # musical formatting
    "\U000e0000-\U000e007f"  # tags
    "]"
)

_KINDS = (
    (f"[{_CONTROLS}]", "a control character"),
    (f"[{_SURROGATES}]", "a lone surrogate, which is not a character"),
    (f"[{_NONCHARACTERS}]", "a noncharacter"),
    ("[\u200b-\u200d\u2060\ufeff]", "a zero-width character"),
    ("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]", "a bidirectional control"),
)
_REFUSED_KINDS = "control, zero-width, invisible and bidirectional-override characters"


def _named(character: str) -> str:
    code = f"U+{ord(character):04X}"
    name = unicodedata.name(character, "")
    kind = next(
        (k for pattern, k in _KINDS if re.match(pattern, character)), "an invisible character"
    )
    return f"{code} {name} ({kind})" if name else f"{code} ({kind})"


def unwanted_character(text: str, *, one_line: bool) -> str | None:
    """Why `text` cannot be stored as typed (the first offending character, named), or None.

    Tabs and line breaks are left to the caller; `one_line` refuses the invisible
    characters that a title, a name or a caption has no use for.
    """
    found = re.search(_REFUSED, text)
    if found is None and one_line:
        found = re.search(_INVISIBLE_IN_A_LINE, text)
    if found is None:
        return None
    return f"contains {_named(found.group())}, which is not allowed: remove {_REFUSED_KINDS}"


def without_unwanted(text: str, *, one_line: bool) -> str:
    """`text` without the characters `unwanted_character` would refuse: for text that is
    taken, not typed (a caption read from a photo's own metadata)."""
    text = re.sub(_REFUSED, "", text)
    return re.sub(_INVISIBLE_IN_A_LINE, "", text) if one_line else text


def has_visible_character(text: str) -> bool:
    """Whether `text` holds a letter or a digit (Unicode categories L and N) readers can see."""
    return any(
        unicodedata.category(c)[0] in "LN" and not re.match(_INVISIBLE_IN_A_LINE, c) for c in text
    )


def xml_text(text: str, replacement: str = "") -> str:
    """`text` without the characters an XML 1.0 document must not, or should not, hold
    (each replaced by `replacement`; the same `text` object when there is none)."""
    if re.search(_MAYBE_NOT_IN_XML, text) is None or re.search(_NOT_IN_XML, text) is None:
        return text
    return re.sub(_NOT_IN_XML, replacement, text)
