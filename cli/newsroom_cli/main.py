"""`newsroom`: entry point. Sub-commands live in `newsroom_cli.commands`, one module each."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from newsroom_cli.errors import CommandError

# Each module registers its sub-commands with `register(subparsers)`.
COMMAND_MODULES: tuple[str, ...] = (
    "dev",
    "token",
    "build",
    "rebuild",
    "publish",
    "articles",
    "redrive",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsroom",
        description="Serverless news publishing: the local stack and the editors' tools.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"newsroom_cli.commands.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
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
