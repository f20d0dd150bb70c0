"""`newsroom users add|list|disable|enable|set-role`: who may sign in to the desk, and as what.

The user pool is the deployed stack's (`--stack NAME`, or `$NEWSROOM_STACK`) or the
running local stack's; see `newsroom_cli.user_pool`.
"""

from __future__ import annotations

import argparse
import os

from newsroom_cli.local import add_data_dir_option
from newsroom_cli.messages import say
from newsroom_cli.parser import sub_commands
from newsroom_cli.times import local_time
from newsroom_cli.user_pool import ROLES, Account, UserPool, email_address, user_pool

STATUSES = ("CONFIRMED", "FORCE_CHANGE_PASSWORD", "RESET_REQUIRED", "UNCONFIRMED")


def _add(pool: UserPool, args: argparse.Namespace) -> int:
    email = args.email
    password = pool.add(email, args.role)
    if password is None:
        print(say("users.added_emailed", email=email, role=args.role))
    else:
        print(say("users.added_local", email=email, role=args.role, password=password))
    print(say("users.first_sign_in"))
    return 0


def _status(account: Account) -> str:
    if account.status in STATUSES:
        return say("users.status_" + account.status.lower())
    return account.status


def _list(pool: UserPool, args: argparse.Namespace) -> int:
    accounts = pool.accounts()
    if not accounts:
        print(say("users.none"))
        return 0
    rows = [
        (
            say("users.column_email"),
            say("users.column_role"),
            say("users.column_status"),
            say("users.column_enabled"),
            say("users.column_created"),
        ),
        *(
            (
                account.email,
                ",".join(account.roles) or "-",
                _status(account),
                say("users.enabled" if account.enabled else "users.disabled"),
                local_time(account.created),
            )
            for account in accounts
        ),
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    return 0


def _disable(pool: UserPool, args: argparse.Namespace) -> int:
    email = args.email
    pool.disable(email)
    print(say("users.disabled_done", email=email))
    return 0


def _enable(pool: UserPool, args: argparse.Namespace) -> int:
    email = args.email
    pool.enable(email)
    print(say("users.enabled_done", email=email))
    return 0


def _set_role(pool: UserPool, args: argparse.Namespace) -> int:
    email = args.email
    before = pool.set_role(email, args.role)
    if before == (args.role,):
        print(say("users.role_unchanged", email=email, role=args.role))
        return 0
    print(say("users.role_set", email=email, role=args.role, before=",".join(before) or "-"))
    print(say("users.role_from_next_token"))
    return 0


ACTIONS = {
    "add": _add,
    "list": _list,
    "disable": _disable,
    "enable": _enable,
    "set-role": _set_role,
}


def run(args: argparse.Namespace) -> int:
    if args.action != "list":  # a mistake in the address is said before AWS is asked
        args.email = email_address(args.email)
    pool = user_pool(args.stack, args.region, args.data_dir)
    return ACTIONS[args.action](pool, args)


def _add_pool_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--stack",
        default=os.environ.get("NEWSROOM_STACK", ""),
        metavar=say("help.users_stack_metavar"),
        help=say("help.users_stack"),
    )
    parser.add_argument("--region", help=say("help.users_region"))
    add_data_dir_option(parser)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "users", help=say("help.users"), description=say("help.users_description")
    )
    actions = sub_commands(parser, "action", "ACTION")
    for name in ACTIONS:
        key = name.replace("-", "_")
        action = actions.add_parser(
            name, help=say(f"help.users_{key}"), description=say(f"help.users_{key}")
        )
        if name != "list":
            action.add_argument("email", metavar="EMAIL", help=say("help.users_email"))
        if name in {"add", "set-role"}:
            action.add_argument("--role", choices=ROLES, required=True, help=say("help.users_role"))
        _add_pool_options(action)
    parser.set_defaults(run=run)
