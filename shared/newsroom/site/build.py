"""A full build: the whole site from one read of the table, written into a folder."""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsroom.aws.attributes import from_item
from newsroom.site.pages import SiteContext
from newsroom.site.publisher import FolderOutput, build_site, listing_files, write_files
from newsroom.site.renderer import SiteFile, SiteRenderer
from newsroom.site.state import SnapshotState

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient


def scan_table(client: DynamoDBClient, table_name: str) -> Iterator[dict[str, Any]]:
    """Every item of the table, as plain values."""
    paginator = client.get_paginator("scan")
    for page in paginator.paginate(TableName=table_name):
        for item in page.get("Items", []):
            yield from_item(item)


def read_export(path: Path) -> Iterator[dict[str, Any]]:
    """The items of a table export: one `{"Item": {...}}` in DynamoDB JSON per line."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield from_item(json.loads(line)["Item"])


@dataclass(frozen=True)
class BuildResult:
    files: int
    articles: int


_WORKER: tuple[SnapshotState, SiteContext, Path] | None = None


def _render_part(part: tuple[str, list[str]]) -> int:
    """Render one part of the build in a worker: `("site", [])`, listings, or articles."""
    assert _WORKER is not None
    state, site, out = _WORKER
    kind, items = part
    output = FolderOutput(out)
    renderer = SiteRenderer(state, site)
    if kind == "site":
        files: Iterable[SiteFile] = build_site(state, site, articles=False, listings=False)
    elif kind == "listings":
        files = (f for key in items for f in listing_files(renderer, key))
    else:
        files = (p for p in (renderer.article_page(i) for i in items) if p is not None)
    return len(write_files(output, files).written)


def build_folder(
    state: SnapshotState, site: SiteContext, out: Path, workers: int = 0
) -> BuildResult:
    """Render every file of the site into `out`, in parts spread over `workers` processes."""
    global _WORKER
    workers = workers or os.cpu_count() or 1
    ids = state.article_ids
    keys = [h.key for h in state.heads("")]
    pieces = workers * 8
    parts: list[tuple[str, list[str]]] = [("site", [])]
    parts += [("listings", keys[i::pieces]) for i in range(pieces) if keys[i::pieces]]
    parts += [("articles", ids[i::pieces]) for i in range(pieces) if ids[i::pieces]]
    _WORKER = (state, site, out)
    try:
        if workers == 1:
            written = sum(_render_part(p) for p in parts)
        else:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                written = sum(pool.imap_unordered(_render_part, parts))
    finally:
        _WORKER = None
    return BuildResult(files=written, articles=len(ids))
