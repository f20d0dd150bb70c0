"""`newsroom articles list|show|submit|publish|unpublish|delete`: articles through the API."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from newsroom_cli.api import NewsroomApi, add_connection_arguments, connection
from newsroom_cli.confirm import confirm
from newsroom_cli.messages import say
from newsroom_cli.parser import sub_commands
from newsroom_cli.photo_sending import photo_line
from newsroom_cli.publication import (
    add_publication_arguments,
    publication_request,
    publish,
    status_line,
)
from newsroom_cli.times import local_time

STATUSES = ("draft", "in_review", "scheduled", "published", "unpublished")


def _list(api: NewsroomApi, args: argparse.Namespace) -> int:
    query = {
        "status": args.status or "",
        "category": args.category or "",
        "tag": args.tag or "",
        "q": args.q or "",
        "limit": str(args.limit),
        "cursor": args.cursor or "",
    }
    page = api.list_articles(**query)
    articles = page["articles"]
    if not articles:
        print(say("articles.none"))
        return 0
    for article in articles:
        print(
            f"{article['id']}  {say('status.' + article['status']):<14} "
            f"{local_time(article['updated_at'])}  {article['title']}"
        )
    if page.get("next_cursor"):
        print(say("articles.more", cursor=page["next_cursor"]), file=sys.stderr)
    return 0


def show(article: dict[str, Any]) -> None:
    """Print an article's fields, status and photos, one labelled line each."""
    tags = ", ".join(article["tags"]) or "-"
    source = article["source"] or "-"
    saved = say(
        "show.saved",
        version=article["version"],
        when=local_time(article["updated_at"]),
        by=article["updated_by"],
    )
    lines = [
        ("show.id", article["id"]),
        ("show.status", status_line(article)),
        ("show.category", f"{article['category']}    {say('show.tags', tags=tags)}"),
        ("show.author", f"{article['author']}    {say('show.source', source=source)}"),
        ("show.version", saved),
        *(("show.photo", photo_line(photo).strip()) for photo in article["photos"]),
    ]
    width = max(len(say(label)) for label, _ in lines) + 2
    print(article["title"])
    for label, value in lines:
        print(f"  {say(label):<{width}}{value}")


def _show(api: NewsroomApi, args: argparse.Namespace) -> int:
    show(api.article(args.id))
    return 0


def _submit(api: NewsroomApi, args: argparse.Namespace) -> int:
    print(status_line(api.act(args.id, "submit")))
    return 0


def _publish(api: NewsroomApi, args: argparse.Namespace) -> int:
    print(status_line(publish(api, args.id, args.request)))
    return 0


def _unpublish(api: NewsroomApi, args: argparse.Namespace) -> int:
    print(status_line(api.act(args.id, "unpublish")))
    return 0


def _delete(api: NewsroomApi, args: argparse.Namespace) -> int:
    confirm(
        say("articles.delete_question", id=args.id),
        yes=args.yes,
        refusal=say("articles.delete_refused"),
    )
    api.delete(args.id)
    print(say("articles.deleted", id=args.id))
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
    if args.action == "publish":  # a time in the past is refused before anything is sent
        args.request = publication_request(args, optional=False) or {}
    with NewsroomApi(connection(args)) as api:
        return ACTIONS[args.action](api, args)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "articles", help=say("help.articles"), description=say("help.articles_description")
    )
    actions = sub_commands(parser, "action", "ACTION")

    listing = actions.add_parser("list", help=say("help.articles_list"))
    listing.add_argument("--status", choices=STATUSES)
    listing.add_argument("--category")
    listing.add_argument("--tag")
    listing.add_argument("--q", help=say("help.articles_q"))
    listing.add_argument("--limit", type=int, default=20)
    listing.add_argument("--cursor", help=say("help.articles_cursor"))

    for name in ("show", "submit", "publish", "unpublish", "delete"):
        action = actions.add_parser(name, help=say(f"help.articles_{name}"))
        action.add_argument("id", help=say("help.article_id"))
        if name == "publish":
            add_publication_arguments(action, optional=False)
        if name == "delete":
            action.add_argument("--yes", action="store_true", help=say("help.delete_yes"))
    for action in actions.choices.values():
        add_connection_arguments(action)
    parser.set_defaults(run=run)
