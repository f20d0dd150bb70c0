"""`newsroom publish ARTICLE.md [--now | --at TIME] [--force] [--yes]`: a Markdown file
becomes an article, and stays in step with it.

The first run creates the article and writes its `id` and `version` into the front
matter (see `newsroom_cli.article_file` for the file's format). Later runs save the
file over that version (`If-Match`): a file that someone else's save has made out of
date is refused, with what changed on the server and how to merge (`newsroom pull`).
A run that changes nothing sends nothing and says so.

Photos follow the file: each is checked on this machine first (size, type from its
bytes, pixels), new and changed ones are uploaded and their processing watched, words
that changed are sent, photos the file no longer lists are removed (asking first
when the article is on the site), and the photos are put in the file's order when the
article has them in another. A file without `id` that matches an article already
there (same title and body) asks before making a second one.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsroom_cli.api import ApiProblem, NewsroomApi, add_connection_arguments, connection
from newsroom_cli.article_file import (
    ArticleFile,
    read_article_file,
    refused_at_lines,
    write_sync_state,
)
from newsroom_cli.confirm import confirm
from newsroom_cli.errors import CommandError
from newsroom_cli.messages import say
from newsroom_cli.photo_checks import CheckedPhoto, check_photos
from newsroom_cli.photo_sending import PROCESSING_SECONDS, send_photos
from newsroom_cli.publication import (
    add_publication_arguments,
    publication_request,
    publish,
    status_line,
)
from newsroom_cli.sync import (
    Base,
    as_stored,
    base_for_save,
    editable,
    out_of_date,
    photo_plan,
    same_text,
)

SEARCH_WORDS = 200  # the API's `q` takes at most this many characters


def colour_wanted() -> bool:
    """Colour in what the command prints only when a person reads it in a terminal."""
    return sys.stdout.isatty()


def same_article_on_server(api: NewsroomApi, fields: dict[str, Any]) -> dict[str, Any] | None:
    """An article already in the newsroom with the file's title and body, if there is one."""
    title = str(fields.get("title") or "")
    if not title:
        return None
    query = title[:SEARCH_WORDS].rsplit(" ", 1)[0] if len(title) > SEARCH_WORDS else title
    for found in api.list_articles(q=query, limit="20")["articles"]:
        if not same_text(str(found["title"]), title):
            continue
        article = api.article(str(found["id"]))
        if same_text(str(article["body"]), str(fields["body"])):
            return article
    return None


@contextmanager
def _fields_refused_at_lines(article: ArticleFile) -> Iterator[None]:
    """The API's refusal of the file's fields said at their lines of the file."""
    try:
        yield
    except ApiProblem as problem:
        if problem.kind != "validation" or not problem.errors:
            raise
        raise CommandError(refused_at_lines(article, problem.errors)) from None


def _create(
    api: NewsroomApi,
    article: ArticleFile,
    checked: dict[str, CheckedPhoto],
    args: argparse.Namespace,
) -> dict[str, Any]:
    fields = article.fields()
    twin = same_article_on_server(api, fields)
    if twin is not None:
        confirm(
            say(
                "publish.twin_question",
                id=twin["id"],
                status=say(f"status.{twin['status']}"),
                url=twin["url"],
            ),
            yes=args.yes,
            refusal=say("publish.twin_refused", id=twin["id"], file=article.path),
        )
    with _fields_refused_at_lines(article):
        created = api.create(fields)
    write_sync_state(article.path, created["id"], created["version"])
    print(say("publish.created", id=created["id"]), file=sys.stderr)
    plan = photo_plan(article.photos, {n: c.sha256 for n, c in checked.items()}, [])
    send_photos(api, created["id"], plan, checked, {}, args.wait)
    return created


def _removal_confirmed(current: dict[str, Any], names: list[str], args: argparse.Namespace) -> None:
    if not names or current["status"] not in ("published", "scheduled"):
        return
    confirm(
        say(
            "publish.remove_question",
            names=", ".join(names),
            status=say(f"status.{current['status']}"),
        ),
        yes=args.yes,
        refusal=say("publish.remove_refused", names=", ".join(names)),
    )


def _save(api: NewsroomApi, article: ArticleFile, base: Base, colour: bool) -> dict[str, Any]:
    try:
        with _fields_refused_at_lines(article):
            return api.update(str(article.article_id), article.fields(), base.version)
    except ApiProblem as problem:
        if problem.status != 412:
            raise
    current = api.article(str(article.article_id))
    try:
        then = api.revision(str(article.article_id), base.version)
    except ApiProblem:
        then = None
    raise out_of_date(article, base.version, current, then, colour)


def _update(
    api: NewsroomApi,
    article: ArticleFile,
    checked: dict[str, CheckedPhoto],
    args: argparse.Namespace,
) -> dict[str, Any]:
    article_id = str(article.article_id)
    colour = colour_wanted()
    current = api.article(article_id)
    base = base_for_save(api, article, current, colour)
    plan = photo_plan(article.photos, {n: c.sha256 for n, c in checked.items()}, current["photos"])
    text_changed = as_stored(article.fields()) != editable(current)
    if not text_changed and plan.changes_nothing:
        print(say("publish.nothing_changed", version=current["version"]), file=sys.stderr)
        return current
    _removal_confirmed(current, plan.remove, args)
    saved = _save(api, article, base, colour) if text_changed else current
    stored = {str(p["name"]): p for p in current["photos"]}
    send_photos(api, article_id, plan, checked, stored, args.wait)
    return saved


def version_in_step(ours: dict[str, Any], latest: dict[str, Any]) -> int:
    """The version the file is now in step with: the latest, if it says what the file says
    (our own photo changes and status moves make versions too), else the last one we saved."""
    if editable(latest) == editable(ours):
        return int(latest["version"])
    return int(ours["version"])


def run(args: argparse.Namespace) -> int:
    article = read_article_file(Path(args.file))
    request = publication_request(args, optional=True)
    checked = check_photos(article.photos)
    with NewsroomApi(connection(args)) as api:
        if article.article_id is None:
            saved = _create(api, article, checked, args)
        else:
            saved = _update(api, article, checked, args)
        published = publish(api, saved["id"], request) if request is not None else None
        latest = published or api.article(saved["id"])
        version = version_in_step(saved, latest)
        if version != article.version or article.article_id is None:
            write_sync_state(article.path, saved["id"], version)
    print(status_line(latest))
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "publish", help=say("help.publish"), description=say("help.publish_description")
    )
    parser.add_argument("file", metavar="ARTICLE.md")
    add_publication_arguments(parser, optional=True)
    parser.add_argument("--yes", action="store_true", help=say("help.publish_yes"))
    parser.add_argument(
        "--wait",
        type=float,
        default=PROCESSING_SECONDS,
        metavar=say("help.seconds_metavar"),
        help=say("help.wait", seconds=int(PROCESSING_SECONDS)),
    )
    add_connection_arguments(parser)
    parser.set_defaults(run=run)
