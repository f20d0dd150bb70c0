"""`newsroom revisions ID` and `newsroom diff ID REV [REV]`: an article's saved versions.

`revisions` lists every version: its number, who saved it, when, the status it had
and what it changed (which fields, or the status). `diff` shows what changed between
two versions, or between one and the article as it is now: the title, summary and
body word by word, the other fields as "before → after". ID may also be the article's
Markdown file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from newsroom_cli.api import NewsroomApi, add_connection_arguments, connection
from newsroom_cli.article_file import article_id_of
from newsroom_cli.errors import CommandError
from newsroom_cli.messages import say
from newsroom_cli.times import local_time
from newsroom_cli.word_diff import article_changes, changed_fields


def what_changed(before: dict[str, Any] | None, after: dict[str, Any]) -> str:
    """A version's change, in a few words: created, the fields it changed, or its status."""
    if before is None:
        return say("revisions.created")
    changes = [say(f"field.{field}") for field in changed_fields(before, after)]
    if before["status"] != after["status"]:
        changes.append(
            say(
                "revisions.status_change",
                before=say(f"status.{before['status']}"),
                after=say(f"status.{after['status']}"),
            )
        )
    return ", ".join(changes) or say("revisions.nothing_in_text")


def _revisions(api: NewsroomApi, args: argparse.Namespace) -> int:
    article_id = article_id_of(args.article)
    summaries = api.revisions(article_id)
    print(say("revisions.heading"))
    before: dict[str, Any] | None = None
    for summary in summaries:
        revision = api.revision(article_id, int(summary["number"]))
        status = say(f"status.{revision['status']}")
        when = local_time(revision["saved_at"])
        print(
            f"{revision['number']:>4}  {revision['saved_by']:<16} {when}  "
            f"{status:<14} {what_changed(before, revision)}"
        )
        before = revision
    return 0


def _version_label(version: dict[str, Any], current: bool) -> str:
    key = "diff.current_version" if current else "diff.version"
    return say(
        key,
        number=version.get("number", version.get("version")),
        by=version.get("saved_by", version.get("updated_by")),
        when=local_time(version.get("saved_at", version.get("updated_at"))),
    )


def _diff(api: NewsroomApi, args: argparse.Namespace) -> int:
    article_id = article_id_of(args.article)
    if args.rev < 1 or (args.other is not None and args.other < 1):
        raise CommandError(say("diff.bad_number"))
    before = api.revision(article_id, args.rev)
    after = (
        api.revision(article_id, args.other) if args.other is not None else api.article(article_id)
    )
    print(
        say(
            "diff.heading",
            before=_version_label(before, False),
            after=_version_label(after, args.other is None),
        )
    )
    if before["status"] != after["status"]:
        print(
            "  "
            + say(
                "diff.status",
                before=say(f"status.{before['status']}"),
                after=say(f"status.{after['status']}"),
            )
        )
    for line in article_changes(before, after, colour=sys.stdout.isatty()):
        print(line)
    return 0


def _run(
    action: Callable[[NewsroomApi, argparse.Namespace], int],
) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        with NewsroomApi(connection(args)) as api:
            return action(api, args)

    return run


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    listing = subparsers.add_parser(
        "revisions", help=say("help.revisions"), description=say("help.revisions_description")
    )
    listing.add_argument("article", metavar="ID", help=say("help.article_or_file"))
    add_connection_arguments(listing)
    listing.set_defaults(run=_run(_revisions))

    diff = subparsers.add_parser(
        "diff", help=say("help.diff"), description=say("help.diff_description")
    )
    diff.add_argument("article", metavar="ID", help=say("help.article_or_file"))
    diff.add_argument("rev", type=int, metavar="REV", help=say("help.diff_rev"))
    diff.add_argument("other", type=int, nargs="?", metavar="REV", help=say("help.diff_other"))
    add_connection_arguments(diff)
    diff.set_defaults(run=_run(_diff))
