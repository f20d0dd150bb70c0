"""`newsroom pull ID|FILE [--out FILE] [--yes]`: the server's article, written into its file.

The file gets the article as it is now: front matter (with its `id` and `version`),
body, and each photo's caption, alt text and credit; photos missing on this machine
(or different from the server's) are downloaded from their `download_url`. A photo
keeps the path the file gave it; a new one is saved beside the file.

This is how an editor merges after `publish` refused an out-of-date file: pull, then
apply their changes again. Pulling over changes the file has that the server has not
(text, words, photos) asks first; `--yes` overwrites them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from newsroom_cli.api import ApiProblem, NewsroomApi, add_connection_arguments, connection
from newsroom_cli.article_file import ArticleFile, article_id_of, article_text, read_article_file
from newsroom_cli.confirm import confirm
from newsroom_cli.errors import CommandError
from newsroom_cli.messages import cause, say
from newsroom_cli.photo_checks import file_sha256
from newsroom_cli.photo_sending import NAME_WIDTH
from newsroom_cli.sync import as_stored, changed_words, editable


def _existing(path: Path) -> ArticleFile | None:
    """The file as it is, if it exists and can be read (a broken file is one with changes)."""
    if not path.exists():
        return None
    try:
        return read_article_file(path, strict=False)
    except CommandError:
        return None


def _target(api: NewsroomApi, args: argparse.Namespace) -> tuple[str, Path]:
    """The article to pull and the file to write it into."""
    article_id = article_id_of(args.article)
    if args.out:
        return article_id, Path(args.out)
    if article_id != args.article:  # a file was named: it is the one to write
        return article_id, Path(args.article)
    article = api.article(article_id)
    return article_id, Path(f"{article['slug'] or article['id']}.md")


def _local_changes(
    api: NewsroomApi, file: ArticleFile | None, path: Path, current: dict[str, Any]
) -> list[str]:
    """What the file says that the server did not have at the file's version (or, for a
    file without a version, has not now): the changes a pull would overwrite."""
    if file is None:
        return [say("pull.unreadable_file")] if path.exists() else []
    then: dict[str, Any] = current
    if file.version is not None and file.version != current["version"]:
        try:
            then = api.revision(str(current["id"]), file.version)
        except ApiProblem:
            then = current
    mine = as_stored(file.fields())
    changed = [
        say(f"field.{key}") for key, value in editable(then).items() if mine.get(key) != value
    ]
    stored = {str(p["name"]): p for p in current["photos"]}
    for photo in file.photos:
        before = stored.get(photo.name)
        if (
            before is None
            or changed_words(photo, before)
            or (
                photo.path.is_file()
                and before.get("sha256")
                and file_sha256(photo.path) != before["sha256"]
            )
        ):
            changed.append(photo.written_as)
    return changed


def _download_photos(
    api: NewsroomApi, current: dict[str, Any], directory: Path, written_as: dict[str, str]
) -> int:
    """Fetch each photo that is missing here or differs from the server's; how many were."""
    fetched = 0
    for photo in current["photos"]:
        name = str(photo["name"])
        path = (directory / written_as.get(name, name)).resolve()
        wanted = photo.get("sha256") or ""
        if path.is_file() and (not wanted or file_sha256(path) == wanted):
            continue
        url = photo.get("download_url")
        if not url:
            print(
                f"  {name:<{NAME_WIDTH}} {say('pull.no_download', status=photo.get('status'))}",
                file=sys.stderr,
            )
            continue
        api.download(str(url), path)
        fetched += 1
        print(f"  {name:<{NAME_WIDTH}} {say('pull.downloaded')}", file=sys.stderr)
    return fetched


def run(args: argparse.Namespace) -> int:
    with NewsroomApi(connection(args)) as api:
        article_id, path = _target(api, args)
        current = api.article(article_id)
        file = _existing(path)
        if path.exists() and file is not None and file.article_id not in (None, current["id"]):
            raise CommandError(say("pull.other_article", file=path, id=file.article_id))
        changes = _local_changes(api, file, path, current)
        if changes:
            confirm(
                say("pull.overwrite_question", file=path, changes=", ".join(changes)),
                yes=args.yes,
                refusal=say("pull.overwrite_refused", file=path, changes=", ".join(changes)),
            )
        written_as = {p.name: p.written_as for p in file.photos} if file else {}
        fetched = _download_photos(api, current, path.parent, written_as)
        text = article_text(current, written_as)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(say("pull.not_written", file=path, error=cause(error))) from None
    print(
        say(
            "pull.written",
            file=path,
            version=current["version"],
            photos=len(current["photos"]),
            fetched=fetched,
        )
    )
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "pull", help=say("help.pull"), description=say("help.pull_description")
    )
    parser.add_argument("article", metavar="ID|FILE", help=say("help.pull_article"))
    parser.add_argument("--out", metavar="FILE", help=say("help.pull_out"))
    parser.add_argument("--yes", action="store_true", help=say("help.pull_yes"))
    add_connection_arguments(parser)
    parser.set_defaults(run=run)
