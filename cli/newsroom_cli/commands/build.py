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


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "build",
        help="render the whole site from the database into a folder",
        description="Render every page, listing, feed, sitemap and search file of the site "
        "from the articles table (AWS, or the local stack through AWS_ENDPOINT_URL) "
        "into a folder, laid out as the site bucket is.",
    )
    add_site_options(parser)
    parser.add_argument("--out", type=Path, required=True, help="folder to write the site into")
    parser.add_argument(
        "--snapshot",
        type=Path,
        default=None,
        help="read the table from an export (DynamoDB JSON lines) instead of scanning it",
    )
    parser.add_argument(
        "--workers", type=int, default=0, help="processes rendering article pages (default: CPUs)"
    )
    parser.set_defaults(run=run)


def add_table_option(parser: argparse.ArgumentParser) -> None:
    """`--table`: the articles table, `$ARTICLES_TABLE` by default, else the local stack's."""
    parser.add_argument(
        "--table",
        default=os.environ.get("ARTICLES_TABLE", ""),
        help="the articles table (default: $ARTICLES_TABLE, else the running local stack's)",
    )
    add_data_dir_option(parser)


def add_site_options(parser: argparse.ArgumentParser) -> None:
    """Options every site command takes: which table, which address, which configuration."""
    add_table_option(parser)
    parser.add_argument(
        "--base-url",
        default=os.environ.get("SITE_BASE_URL", ""),
        help="the site's address in links (default: $SITE_BASE_URL, else site.toml's base_url)",
    )
    parser.add_argument(
        "--site-config", default=None, help="site.toml to use (default: $SITE_CONFIG or built-in)"
    )


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
        raise CommandError("no articles table: pass --table NAME or set ARTICLES_TABLE")
    if args.out.exists() and not args.out.is_dir():
        raise CommandError(f"{args.out} exists and is not a folder")
    try:
        config = load_site_config(args.site_config)
    except (OSError, ValueError) as error:
        raise CommandError(f"cannot read the site configuration: {error}") from error
    site = SiteContext(config=config, base_url=args.base_url or config.base_url)
    started = time.perf_counter()
    try:
        if args.snapshot:
            state = TableSnapshot(read_export(args.snapshot))
        else:
            state = TableSnapshot(scan_table(clients.dynamodb(), args.table))
    except (ClientError, BotoCoreError) as error:
        raise CommandError(f"cannot read the table {args.table!r}: {error}") from error
    except (OSError, ValueError, KeyError) as error:
        raise CommandError(f"cannot read the export {args.snapshot}: {error}") from error
    read = time.perf_counter()
    result = build_folder(state, site, args.out, workers=args.workers)
    done = time.perf_counter()
    print(
        f"built {result.files} files ({result.articles} articles) into {args.out} "
        f"in {done - started:.2f} s (reading the table {read - started:.2f} s)"
    )
    return 0
