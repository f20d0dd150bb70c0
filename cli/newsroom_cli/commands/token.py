"""`newsroom token`: a bearer token for the local stack, from its user pool."""

from __future__ import annotations

import argparse
from pathlib import Path

from newsroom_cli.errors import CommandError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from newsroom_local.stack import DEFAULT_DATA_DIR
    from newsroom_local.tokens import ROLES

    parser = subparsers.add_parser(
        "token",
        help="print a bearer token for the running local stack",
        description=(
            "Print an access token of the local user pool for a role; use it as "
            "`Authorization: Bearer <token>` on the local API. It is valid for an hour."
        ),
    )
    parser.add_argument("--role", choices=ROLES, required=True)
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help=f"the data directory of the running stack (default {DEFAULT_DATA_DIR})",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from newsroom_local.tokens import StackInfo, StackNotRunning, issue_token

    try:
        info = StackInfo.read(args.data_dir.resolve())
    except StackNotRunning as error:
        raise CommandError(str(error)) from None
    try:
        print(issue_token(info, args.role))
    except OSError as error:
        raise CommandError(f"the local stack at {info.api_url} is not answering: {error}") from None
    return 0
