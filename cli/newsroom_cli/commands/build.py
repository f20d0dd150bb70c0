"""`newsroom build --out DIR`: render the whole site from the articles table into a folder."""

from __future__ import annotations

import argparse
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from newsroom_cli.errors import CommandError
from newsroom_cli.local import add_data_dir_option, local_stack_resource
from newsroom_cli.messages import cause, decimal, say


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "build", help=say("help.build"), description=say("help.build_description")
    )
    add_site_options(parser)
    parser.add_argument("--out", type=Path, required=True, help=say("help.build_out"))
    parser.add_argument("--snapshot", type=Path, default=None, help=say("help.build_snapshot"))
    parser.add_argument("--workers", type=int, default=0, help=say("help.build_workers"))
    parser.set_defaults(run=run)


def add_table_option(parser: argparse.ArgumentParser) -> None:
    """`--table`: the articles table, `$ARTICLES_TABLE` by default, else the local stack's."""
    parser.add_argument(
        "--table",
        default=os.environ.get("ARTICLES_TABLE", ""),
        help=say("help.table"),
    )
    add_data_dir_option(parser)


def add_site_options(parser: argparse.ArgumentParser) -> None:
    """Options every site command takes: which table, which address, which configuration."""
    add_table_option(parser)
    parser.add_argument(
        "--base-url",
        default=os.environ.get("SITE_BASE_URL", ""),
        help=say("help.base_url"),
    )
    parser.add_argument("--site-config", default=None, help=say("help.site_config"))


# The key attributes of an item, as a table export writes them. In JSON a string value
# never holds an unescaped quote, so these can only match the attributes themselves
# (no map inside an item of this table has a `pk` or `sk` key).
_PK = re.compile(rb'"pk"\s*:\s*\{\s*"S"\s*:\s*"((?:[^"\\]|\\.)*)"\s*\}')
_SK = re.compile(rb'"sk"\s*:\s*\{\s*"S"\s*:\s*"((?:[^"\\]|\\.)*)"\s*\}')
_ARTICLE_PARTITION = b"ARTICLE#"


@dataclass(frozen=True)
class ExportedLine:
    """An item of an article's partition (the article, its photos, its revisions) as its
    export line, parsed each time a page needs it (see `TableSnapshot`).

    Those lines are most of an export. Parsed by the build's worker that renders the
    article, they cost no time before the workers start, the objects they give are
    dropped with the page, and revisions are never parsed at all.
    """

    pk: str
    sk: str
    line: bytes

    def parse(self) -> dict[str, Any]:
        import orjson

        item: dict[str, Any] = orjson.loads(self.line)["Item"]
        return item


def _key(found: re.Match[bytes]) -> str:
    import orjson

    text: str = orjson.loads(b'"' + found[1] + b'"')
    return text


def read_export(path: Path) -> Iterator[dict[str, Any] | ExportedLine]:
    """The items of a table export: one `{"Item": {...}}` in DynamoDB JSON per line.

    Parsed with orjson, the fastest JSON reader for Python; an article's items are
    parsed when a page needs them (`ExportedLine`), since reading the export is the
    one part of a build that its workers cannot share.
    """
    import orjson

    with path.open("rb") as lines:
        for line in lines:
            if not line.strip():
                continue
            pk, sk = _PK.search(line), _SK.search(line)
            if pk and sk and pk[1].startswith(_ARTICLE_PARTITION):
                yield ExportedLine(_key(pk), _key(sk), line)
            else:
                yield orjson.loads(line)["Item"]


def run(args: argparse.Namespace) -> int:
    from newsroom.aws import clients
    from newsroom.site.build import build_folder, scan_table
    from newsroom.site.config import load_site_config
    from newsroom.site.pages import SiteContext
    from newsroom.storage.snapshot import TableSnapshot

    if not args.table and not args.snapshot:
        args.table = local_stack_resource("ArticlesTable", args.data_dir)
    if not args.table and not args.snapshot:
        raise CommandError(say("build.no_table"))
    if args.out.exists() and not args.out.is_dir():
        raise CommandError(say("build.not_a_folder", out=args.out))
    try:
        config = load_site_config(args.site_config)
    except (OSError, ValueError) as error:
        raise CommandError(say("build.bad_config", error=cause(error))) from error
    site = SiteContext(config=config, base_url=args.base_url or config.base_url)
    started = time.perf_counter()
    try:
        if args.snapshot:
            state = TableSnapshot(read_export(args.snapshot))
        else:
            state = TableSnapshot(scan_table(clients.dynamodb(), args.table))
    except (ClientError, BotoCoreError) as error:
        raise CommandError(
            say("build.table_unreadable", table=args.table, error=cause(error))
        ) from error
    except (OSError, ValueError, KeyError) as error:
        raise CommandError(
            say("build.export_unreadable", export=args.snapshot, error=cause(error))
        ) from error
    read = time.perf_counter()
    result = build_folder(state, site, args.out, workers=args.workers)
    done = time.perf_counter()
    print(
        say(
            "build.done",
            files=result.files,
            articles=result.articles,
            out=args.out,
            seconds=decimal(done - started, 2),
            reading=decimal(read - started, 2),
        )
    )
    return 0
