"""`newsroom`: entry point. Sub-commands live in `newsroom_cli.commands`, one module each.

The language is chosen before anything is parsed (`--lang`, `NEWSROOM_LANG`, the
locale; see `newsroom_cli.messages`), so that the help, every message and every
mistake are in it. A mistake prints as `newsroom: ...` (one line, or a short block),
never a traceback, and the command exits with status 1.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from newsroom_cli.errors import CommandError
from newsroom_cli.messages import choose_language, language_in_arguments, say, use_language
from newsroom_cli.parser import NewsroomParser, sub_commands

# Each module registers its sub-commands with `register(subparsers)`.
COMMAND_MODULES: tuple[str, ...] = (
    "dev",
    "token",
    "build",
    "rebuild",
    "publish",
    "pull",
    "articles",
    "revisions",
    "redrive",
    "users",
)


def build_parser() -> argparse.ArgumentParser:
    parser = NewsroomParser(prog="newsroom", description=say("help.newsroom"))
    subparsers = sub_commands(parser, "command", "COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"newsroom_cli.commands.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    use_language(choose_language(language_in_arguments(arguments), os.environ))
    parser = build_parser()
    try:
        args = parser.parse_args(arguments)
    except SystemExit as stop:  # --help, or a mistake in the arguments (already printed)
        return stop.code if isinstance(stop.code, int) else 1
    try:
        result = args.run(args)
    except CommandError as error:
        print(f"newsroom: {error}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        return 130
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
