"""`newsroom token --role ROLE`: a bearer token for the local stack, from its user pool."""

from __future__ import annotations

import argparse
from pathlib import Path

from newsroom_cli.errors import CommandError
from newsroom_cli.messages import cause, say


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from newsroom_local.stack import DEFAULT_DATA_DIR
    from newsroom_local.tokens import ROLES

    parser = subparsers.add_parser(
        "token", help=say("help.token_command"), description=say("help.token_description")
    )
    parser.add_argument("--role", choices=ROLES, required=True, help=say("help.token_role"))
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help=say("help.token_data_dir", default=DEFAULT_DATA_DIR),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from newsroom_local.tokens import StackInfo, StackNotRunning, issue_token

    data_dir = args.data_dir.resolve()
    try:
        info = StackInfo.read(data_dir)
    except StackNotRunning:
        raise CommandError(say("token.no_stack", data_dir=data_dir)) from None
    try:
        print(issue_token(info, args.role))
    except OSError as error:
        raise CommandError(
            say("api.local_not_answering", api=info.api_url, error=cause(error))
        ) from None
    return 0
