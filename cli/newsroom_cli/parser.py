"""The command line's argument parser, speaking the editor's language.

`argparse` writes its headings and its complaints in English; this parser takes them
from the message catalogues: the usage line, the section titles, `-h`, and the
mistakes in the arguments, which print as one line (`newsroom publish: ...`) with a
pointer to `--help` and exit with status 1, as every other mistake does.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

from newsroom_cli.messages import languages, say

# What argparse says, and the message that says it in the editor's language.
_ARGPARSE_MISTAKES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"the following arguments are required: (?P<names>.+)"), "usage.required"),
    (re.compile(r"unrecognized arguments: (?P<arguments>.+)"), "usage.unrecognized"),
    (
        re.compile(
            r"argument (?P<name>\S+): invalid choice: (?P<value>.+?) "
            r"\(choose from (?P<choices>.+)\)"
        ),
        "usage.invalid_choice",
    ),
    (re.compile(r"argument (?P<name>\S+): expected one argument"), "usage.expected_value"),
    (
        re.compile(r"argument (?P<name>\S+): invalid \S+ value: (?P<value>.+)"),
        "usage.invalid_value",
    ),
    (
        re.compile(r"argument (?P<name>\S+): not allowed with argument (?P<other>\S+)"),
        "usage.not_together",
    ),
)


def translated_mistake(message: str) -> str:
    """argparse's complaint in the command's language (as it is when it is not one we know)."""
    for pattern, key in _ARGPARSE_MISTAKES:
        found = pattern.fullmatch(message)
        if found:
            return say(key, **found.groupdict())
    return message


class HelpFormatter(argparse.HelpFormatter):
    """argparse's layout, with the usage line introduced in the editor's language."""

    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        # A sub-command's name is made from its parent's usage, with an empty prefix.
        prefix = say("usage.prefix") + " " if prefix is None else prefix
        super().add_usage(usage, actions, groups, prefix)


class NewsroomParser(argparse.ArgumentParser):
    """An argument parser whose headings, help and mistakes are in the editor's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help"] = False
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = say("usage.positionals")
        self._optionals.title = say("usage.options")
        self.add_argument("-h", "--help", action="help", help=say("usage.help"))
        self.add_argument(
            "--lang",
            choices=languages(),
            default=argparse.SUPPRESS,
            help=say("usage.lang"),
        )

    def error(self, message: str) -> NoReturn:
        print(
            say("usage.mistake", prog=self.prog, mistake=translated_mistake(message)),
            file=sys.stderr,
        )
        self.exit(1)


def sub_commands(
    parser: argparse.ArgumentParser, dest: str, metavar: str
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """The sub-commands of `parser`, one of which is required, titled in the editor's language."""
    return parser.add_subparsers(
        dest=dest, metavar=metavar, required=True, title=say("usage.commands")
    )
