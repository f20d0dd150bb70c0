"""`newsroom articles list|show|submit|publish|unpublish|delete`: articles through the API."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from newsroom_cli.api import NewsroomApi, add_connection_arguments, connection
from newsroom_cli.errors import CommandError

NEWSROOM_TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
STATUSES = ("draft", "in_review", "scheduled", "published", "unpublished")


def parse_time(text: str) -> datetime:
    """An ISO 8601 time; without a zone it is the newsroom's (Asia/Ho_Chi_Minh)."""
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(
            f"--at {text!r} is not a time: write it as 2026-11-28T08:00 (optionally +07:00)"
        ) from None
    return when if when.tzinfo else when.replace(tzinfo=NEWSROOM_TIME_ZONE)


def local_time(iso: str | None) -> str:
    """A stored time as the newsroom reads it: day/month/year hour:minute."""
    if not iso:
        return "-"
    when = datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(NEWSROOM_TIME_ZONE)
    return when.strftime("%d/%m/%Y %H:%M")


def status_line(article: dict[str, Any]) -> str:
    """What happened to the article and where readers find it."""
    status = article["status"]
    if status == "scheduled":
        return f"scheduled for {local_time(article['scheduled_for'])}  {article['url']}"
    if status == "published":
        return f"published  {article['url']}"
    return f"{status}  (not on the site; its address: {article['url']})"


def _list(api: NewsroomApi, args: argparse.Namespace) -> int:
    query = {
        "status": args.status or "",
        "category": args.category or "",
        "tag": args.tag or "",
        "q": args.q or "",
        "limit": str(args.limit),
    }
    page = api.list_articles(**query)
    articles = page["articles"]
    if not articles:
        print("no articles")
        return 0
    for article in articles:
        print(
            f"{article['id']}  {article['status']:<11}  {local_time(article['updated_at'])}  "
            f"{article['title']}"
        )
    if page.get("next_cursor"):
        print(f"(more: --cursor {page['next_cursor']})", file=sys.stderr)
    return 0


def show(article: dict[str, Any]) -> None:
    """Print an article's fields, status and photos."""
    print(article["title"])
    print(f"  id        {article['id']}")
    print(f"  status    {status_line(article)}")
    print(f"  category  {article['category']}    tags: {', '.join(article['tags']) or '-'}")
    print(f"  author    {article['author']}    source: {article['source'] or '-'}")
    print(
        f"  version   {article['version']}, saved {local_time(article['updated_at'])} "
        f"by {article['updated_by']}"
    )
    for photo in article["photos"]:
        reason = f" ({photo['reason']})" if photo["reason"] else ""
        print(f"  photo     {photo['name']}: {photo['status']}{reason}  {photo['caption']}")


def _show(api: NewsroomApi, args: argparse.Namespace) -> int:
    article, _ = api.article(args.id)
    show(article)
    return 0


def _submit(api: NewsroomApi, args: argparse.Namespace) -> int:
    print(status_line(api.act(args.id, "submit")))
    return 0


def _publish(api: NewsroomApi, args: argparse.Namespace) -> int:
    body = {"publish_at": parse_time(args.at).isoformat()} if args.at else {}
    print(status_line(api.act(args.id, "publish", body)))
    return 0


def _unpublish(api: NewsroomApi, args: argparse.Namespace) -> int:
    print(status_line(api.act(args.id, "unpublish")))
    return 0


def _delete(api: NewsroomApi, args: argparse.Namespace) -> int:
    if not args.yes:
        if not sys.stdin.isatty():
            raise CommandError("deleting cannot be undone: add --yes to confirm")
        answer = input(f"Delete article {args.id} with its photos and revisions? [y/N] ")
        if answer.strip().lower() not in {"y", "yes"}:
            raise CommandError("not deleted")
    api.delete(args.id)
    print(f"deleted {args.id}")
    return 0


ACTIONS = {
    "list": _list,
    "show": _show,
    "submit": _submit,
    "publish": _publish,
    "unpublish": _unpublish,
    "delete": _delete,
}


def run(args: argparse.Namespace) -> int:
    with NewsroomApi(connection(args)) as api:
        return ACTIONS[args.action](api, args)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "articles",
        help="list, show, submit, publish, unpublish or delete articles",
        description="Work with articles through the editorial API.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="articles, most recently changed first")
    listing.add_argument("--status", choices=STATUSES)
    listing.add_argument("--category")
    listing.add_argument("--tag")
    listing.add_argument("--q", help="words to find (accents optional)")
    listing.add_argument("--limit", type=int, default=20)

    for name, text in (
        ("show", "an article's fields, status and photos"),
        ("submit", "send a draft for review"),
        ("publish", "publish now, or at a time with --at"),
        ("unpublish", "take an article off the site"),
        ("delete", "delete an article that is not published"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("id", help="the article's id")
        if name == "publish":
            action.add_argument("--at", help="ISO 8601 time, e.g. 2026-11-28T08:00+07:00")
        if name == "delete":
            action.add_argument("--yes", action="store_true", help="do not ask to confirm")
    for action in actions.choices.values():
        add_connection_arguments(action)
    parser.set_defaults(run=run)
