"""What the newsroom says to people, in their language: Vietnamese first, English on request.

Code that refuses something says *what* with a `Message`: a stable id and named
parameters (`Message("article.not_found", article_id="01m8…")`), never a sentence. The
sentences are in one catalogue per language, a module named by its language tag
(`vi.py`, `en.py`) holding `MESSAGES`, a dict from message id to a `str.format`
template; `say(message, language)` puts the two together. A translation is one more
catalogue module.

A parameter may itself be a `Message` (a status, an action, a field's name: said in the
same language), a tuple of them (a list: "a, b, c"), an `Either` ("a or b or c") or
`Clauses` ("a; b; c"). The
language of a request comes from its `Accept-Language` header (`language_of`): the
caller's preferred language that has a catalogue, else Vietnamese. While the API makes
an answer, `speaking(language)` holds that language, so that what the answer says in
words (a photo's reason for rejection) is said in it (`current_language`).

A template may give a number a format (`{size:,}`): its separators are the language's
(`number.thousands`, `number.decimal`: "1.234,5" in Vietnamese, "1,234.5" in English).

Catalogues are imported when first needed, not when this module is: a cold start that
answers no problem never reads one.
"""

from __future__ import annotations

import importlib
import re
import string
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import Any

DEFAULT_LANGUAGE = "vi"
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}$")
_QUALITY = re.compile(r"^q=(0(\.\d{0,3})?|1(\.0{0,3})?)$")
_SPEAKING: ContextVar[str] = ContextVar("newsroom_language", default=DEFAULT_LANGUAGE)


class Message:
    """Something to say, by id, with its named parameters: words come from a catalogue."""

    __slots__ = ("id", "params")

    def __init__(self, message_id: str, /, **params: Any) -> None:
        self.id = message_id
        self.params = params

    def with_params(self, **params: Any) -> Message:
        """The same message with more (or other) parameters."""
        return Message(self.id, **{**self.params, **params})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and other.id == self.id and other.params == self.params

    def __hash__(self) -> int:
        return hash(self.id)

    def __repr__(self) -> str:
        return f"Message({self.id!r}, **{self.params!r})"

    def __str__(self) -> str:
        return say(self, "en")


class Either(tuple[Any, ...]):
    """A choice between items, said as the language says it: "a or b or c"."""

    __slots__ = ()


class Clauses(tuple[Any, ...]):
    """Statements one after another, said as the language separates them: "a; b; c"."""

    __slots__ = ()


class Invalid(ValueError):
    """A value refused by a validator, with why as a `Message` (pydantic reports it as a
    `value_error` whose context holds this exception)."""

    def __init__(self, message: Message) -> None:
        super().__init__(say(message, "en"))
        self.message = message


@cache
def available_languages() -> tuple[str, ...]:
    """The languages that have a catalogue, the default first."""
    import pkgutil  # only where a caller's language is chosen: not on every cold start

    found = {
        module.name for module in pkgutil.iter_modules(__path__) if _LANGUAGE_TAG.match(module.name)
    }
    return (DEFAULT_LANGUAGE, *sorted(found - {DEFAULT_LANGUAGE}))


@cache
def catalogue(language: str) -> dict[str, str]:
    """The message templates of `language` (KeyError when it has no catalogue)."""
    if language not in available_languages():
        raise KeyError(language)
    messages: dict[str, str] = importlib.import_module(f"{__name__}.{language}").MESSAGES
    return messages


def _said(value: Any, language: str) -> Any:
    if isinstance(value, Message):
        return say(value, language)
    if isinstance(value, Either):
        return catalogue(language)["join.or"].join(str(_said(v, language)) for v in value)
    if isinstance(value, Clauses):
        return catalogue(language)["join.clauses"].join(str(_said(v, language)) for v in value)
    if isinstance(value, tuple):
        return catalogue(language)["join.list"].join(str(_said(v, language)) for v in value)
    return value


def say(message: Message, language: str = DEFAULT_LANGUAGE) -> str:
    """The message in `language` (in the default language when that one lacks it)."""
    if language not in available_languages():
        language = DEFAULT_LANGUAGE
    template = catalogue(language).get(message.id)
    if template is None:
        language, template = DEFAULT_LANGUAGE, catalogue(DEFAULT_LANGUAGE).get(message.id)
    if template is None:
        return message.id
    params = _Params({name: _said(value, language) for name, value in message.params.items()})
    return _Formatter(language).vformat(template, (), params)


class _Params(dict[str, Any]):
    """A message's parameters; one a template names but the message lacks shows as its
    name in braces, rather than failing the answer that says it."""

    def __missing__(self, name: str) -> str:
        return "{" + name + "}"


class _Formatter(string.Formatter):
    """Fills a template in, writing formatted numbers with the language's separators."""

    def __init__(self, language: str) -> None:
        self.language = language

    def format_field(self, value: Any, format_spec: str) -> str:
        if not format_spec:
            return format(value)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return str(value)  # a number's format given to a missing parameter, or to text
        written = format(value, format_spec)
        words = catalogue(self.language)
        thousands, decimal = words.get("number.thousands", ","), words.get("number.decimal", ".")
        return written.translate({ord(","): "\0", ord("."): decimal}).replace("\0", thousands)


def current_language() -> str:
    """The language of the answer being made (`speaking`), else the default."""
    return _SPEAKING.get()


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Say what is said meanwhile (by `current_language`'s users) in `language`."""
    token = _SPEAKING.set(language if language in available_languages() else DEFAULT_LANGUAGE)
    try:
        yield
    finally:
        _SPEAKING.reset(token)


def _preferences(header: str) -> list[tuple[str, float]]:
    """The header's language ranges with their quality, most wanted first (stable)."""
    ranges: list[tuple[str, float]] = []
    for item in header.split(","):
        tag, *parameters = (part.strip() for part in item.split(";"))
        if not tag:
            continue
        quality = 1.0
        for parameter in parameters:
            compact = parameter.replace(" ", "").lower()
            if compact.startswith("q="):
                if not _QUALITY.match(compact):
                    quality = -1.0  # an unreadable weight: the range is ignored
                    break
                quality = float(compact[2:])
        if quality >= 0:
            ranges.append((tag.lower(), quality))
    return sorted(ranges, key=lambda pair: -pair[1])


def language_of(accept_language: str | None) -> str:
    """The language to answer in, from an `Accept-Language` header (RFC 9110, 12.5.4).

    Ranges are taken by their `q` weight, highest first; `en-US` is English, `*` any
    language not named otherwise, and `q=0` means "not this one". When nothing asked
    for has a catalogue, the default (Vietnamese), unless the caller refused it.
    """
    languages = available_languages()
    if not accept_language:
        return DEFAULT_LANGUAGE
    preferences = _preferences(accept_language[:1000])
    refused = {tag.split("-")[0] for tag, quality in preferences if quality == 0}
    named = {tag.split("-")[0] for tag, _ in preferences}
    for tag, quality in preferences:
        if quality == 0:
            continue
        if tag == "*":
            unnamed = [lang for lang in languages if lang not in named]
            if unnamed:
                return unnamed[0]
            continue
        primary = tag.split("-")[0]
        if primary in languages and primary not in refused:
            return primary
    if DEFAULT_LANGUAGE not in refused:
        return DEFAULT_LANGUAGE
    acceptable = [lang for lang in languages if lang not in refused]
    return acceptable[0] if acceptable else DEFAULT_LANGUAGE
