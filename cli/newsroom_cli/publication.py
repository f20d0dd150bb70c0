"""Publishing an article from the command line: now (`--now`) or at a time (`--at`), with
or without the photos that are not ready (`--force`), and where readers find it.

A time in the past is refused rather than taken as "now": a mistyped date must not
release an embargoed article; `--now` says "now" on purpose. The API refuses to publish
an article whose photos are not ready (409 `photos-not-ready`); the command lists each
photo and why, and `--force` publishes without them.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import Any

from newsroom.models.editorial import CLOCK_SKEW

from newsroom_cli.api import ApiProblem, NewsroomApi
from newsroom_cli.errors import CommandError
from newsroom_cli.messages import say
from newsroom_cli.times import local_time, parse_time

PHOTOS_NOT_READY = "photos-not-ready"


def add_publication_arguments(parser: argparse.ArgumentParser, *, optional: bool) -> None:
    """`--now`, `--at TIME` and `--force` (`optional`: publishing is not what the command
    does unless one of them is given)."""
    if optional:
        parser.add_argument(
            "--now", "--publish", dest="now", action="store_true", help=say("help.now")
        )
    else:
        parser.add_argument("--now", action="store_true", help=say("help.now_also"))
    parser.add_argument("--at", metavar=say("help.time_metavar"), help=say("help.at"))
    parser.add_argument("--force", action="store_true", help=say("help.force"))


def publication_request(args: argparse.Namespace, *, optional: bool) -> dict[str, Any] | None:
    """The body of `POST /articles/{id}/publish` the options ask for (None: do not publish)."""
    if optional and not (args.now or args.at):
        if args.force:
            raise CommandError(say("publish.force_alone"))
        return None
    request: dict[str, Any] = {}
    if args.at and not args.now:
        when = parse_time(args.at)
        if when < datetime.now(UTC) - CLOCK_SKEW:
            raise CommandError(say("publish.at_in_the_past", at=args.at, when=local_time(when)))
        request["publish_at"] = when.isoformat()
    if args.force:
        request["force"] = True
    return request


def photos_not_ready(problem: ApiProblem) -> str:
    """Which photos keep the article from being published, and why; how to go on."""
    lines = [say("publish.photos_not_ready")]
    for error in problem.errors:
        name = str(error.get("field", "")).removeprefix("photos.")
        lines.append(f"  {name:<24} {error.get('reason', '')}")
    lines.append(say("publish.use_force"))
    return "\n".join(lines)


def publish(api: NewsroomApi, article_id: str, request: dict[str, Any]) -> dict[str, Any]:
    """Publish or schedule the article; a CommandError listing the photos that are not ready."""
    try:
        return api.act(article_id, "publish", request)
    except ApiProblem as problem:
        if problem.status == 409 and problem.kind == PHOTOS_NOT_READY:
            raise CommandError(photos_not_ready(problem)) from None
        raise


def status_line(article: dict[str, Any]) -> str:
    """Where the article is in its life and where readers find it."""
    status = article["status"]
    if status == "scheduled":
        return say("line.scheduled", when=local_time(article["scheduled_for"]), url=article["url"])
    if status == "published":
        return say("line.published", url=article["url"])
    return say("line.not_on_site", status=say(f"status.{status}"), url=article["url"])
