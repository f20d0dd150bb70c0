"""What the `newsroom` command says, in the editor's language: Vietnamese first, English on request.

Every message is looked up by a stable id (`publish.created`, `photo.too_large`, ...)
in one catalogue per language: a module of this package named by the language's code
(`vi.py`, `en.py`), holding `MESSAGES`, a dict of id to text with named parameters
(`"đã tạo bài {id}"`). A translation is one more module with the same ids.

The language is chosen once, when the command starts (`choose_language`): `--lang`,
else `NEWSROOM_LANG`, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) when it names a
language we have, else Vietnamese. The API is asked for its problem details in the
same language (`Accept-Language`).
"""

from __future__ import annotations

import errno
import importlib
import pkgutil
import socket
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from types import ModuleType

DEFAULT_LANGUAGE = "vi"
LANGUAGE_VARIABLES = ("NEWSROOM_LANG", "LC_ALL", "LC_MESSAGES", "LANG")

_current = DEFAULT_LANGUAGE


def languages() -> tuple[str, ...]:
    """The languages there is a catalogue for, the default first."""
    found = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    return (DEFAULT_LANGUAGE, *(code for code in found if code != DEFAULT_LANGUAGE))


def _language_of(value: str) -> str | None:
    """The catalogue a `--lang` value or a locale names (`en`, `en_US.UTF-8`, `vi-VN`)."""
    code = value.strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    return code if code in languages() else None


def choose_language(flag: str | None, environ: Mapping[str, str]) -> str:
    """The language to speak: the flag, else the first of the variables that is set.

    A locale that names a language without a catalogue (`C.UTF-8`, `fr_FR`) means the
    default, Vietnamese; so does a `NEWSROOM_LANG` we have no catalogue for.
    """
    if flag:
        return _language_of(flag) or DEFAULT_LANGUAGE
    for variable in LANGUAGE_VARIABLES:
        value = environ.get(variable, "")
        if value:
            return _language_of(value) or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def language_in_arguments(argv: Sequence[str]) -> str | None:
    """The value of `--lang` among the arguments, read before they are parsed (the help
    and argument errors are in that language too)."""
    for index, argument in enumerate(argv):
        if argument == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if argument.startswith("--lang="):
            return argument.removeprefix("--lang=")
    return None


def use_language(code: str) -> None:
    """Speak `code` from now on (one of `languages()`)."""
    global _current
    _current = code if code in languages() else DEFAULT_LANGUAGE


def language() -> str:
    """The language the command speaks."""
    return _current


@cache
def catalogue(code: str) -> Mapping[str, str]:
    """The messages of one language, by id."""
    module: ModuleType = importlib.import_module(f"{__name__}.{code}")
    messages: Mapping[str, str] = module.MESSAGES
    return messages


def say(message_id: str, /, **params: object) -> str:
    """The message `message_id` in the command's language, with its parameters filled in."""
    text = catalogue(_current).get(message_id) or catalogue(DEFAULT_LANGUAGE)[message_id]
    return text.format(**params)


def decimal(value: float, digits: int = 1) -> str:
    """A number as the language writes it: `44,0` in Vietnamese, `44.0` in English."""
    text = f"{value:,.{digits}f}"
    if say("number.decimal_comma") == "yes":
        text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return text


# The causes said in the catalogue's words, by the exception that carries them.
_CAUSES: tuple[tuple[type[BaseException], str], ...] = (
    (FileNotFoundError, "cause.not_found"),
    (IsADirectoryError, "cause.is_a_directory"),
    (NotADirectoryError, "cause.not_a_directory"),
    (PermissionError, "cause.permission"),
    (ConnectionRefusedError, "cause.refused"),
    (TimeoutError, "cause.timed_out"),
    (ConnectionResetError, "cause.dropped"),
    (ConnectionAbortedError, "cause.dropped"),
    (BrokenPipeError, "cause.dropped"),
    (socket.gaierror, "cause.no_such_host"),
)


def _chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def cause(error: BaseException) -> str:
    """Why an operation on a file or over the network failed, in the command's language.

    The operating system's own words are English (`[Errno 2] No such file or directory:
    'x.md'`), and repeat the path the message already names; the common causes are said
    here instead, looked for along the exceptions that led to `error` (a connection error
    of the HTTP client carries the socket's). Anything else keeps its own words.
    """
    for link in _chain(error):
        if isinstance(link, UnicodeDecodeError):
            byte = link.object[link.start : link.start + 1].hex() or "?"
            return say("cause.not_utf8", byte=byte, position=link.start)
        for kind, message_id in _CAUSES:
            if isinstance(link, kind):
                return say(message_id)
        if isinstance(link, OSError) and link.errno == errno.ENOSPC:
            return say("cause.disk_full")
    return getattr(error, "strerror", None) or str(error) or type(error).__name__
