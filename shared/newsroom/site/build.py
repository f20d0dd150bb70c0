"""A full build: the whole site from one read of the table, written into a folder."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsroom.site.files import FolderOutput, write_files
from newsroom.site.pages import SiteContext
from newsroom.site.rebuild import Part, part_files, site_parts
from newsroom.site.renderer import SiteRenderer
from newsroom.storage.snapshot import TableSnapshot

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient


def scan_table(client: DynamoDBClient, table_name: str) -> Iterator[dict[str, Any]]:
    """Every item of the table, as DynamoDB sends it (typed attributes)."""
    paginator = client.get_paginator("scan")
    for page in paginator.paginate(TableName=table_name):
        yield from page.get("Items", [])


@dataclass(frozen=True)
class BuildResult:
    files: int
    articles: int


_WORKER: tuple[TableSnapshot, SiteContext, Path] | None = None


def _render_part(part: tuple[Part, list[str]]) -> int:
    """Render one part of the build in a worker (see `newsroom.site.rebuild`)."""
    assert _WORKER is not None
    state, site, out = _WORKER
    output = FolderOutput(out)
    files = part_files(SiteRenderer(state, site), *part)
    return len(write_files(output, files, threads=output.writers).written)


def build_folder(
    state: TableSnapshot, site: SiteContext, out: Path, workers: int = 0
) -> BuildResult:
    """Render every file of the site into `out`, in parts spread over `workers` processes."""
    global _WORKER
    workers = workers or os.cpu_count() or 1
    ids = state.article_ids
    keys = [h.key for h in state.heads("")]
    pieces = workers * 8
    parts = site_parts(keys, ids, -(-len(keys) // pieces) or 1, -(-len(ids) // pieces) or 1)
    _WORKER = (state, site, out)
    # The snapshot is most of the heap and lives as long as the build: keep it out of
    # the garbage collector's full walks (which otherwise grow with the site and come
    # round every few thousand pages), and out of the pages that the forked workers
    # would copy when the collector touches them.
    gc.collect()
    gc.freeze()
    try:
        if workers == 1:
            written = sum(_render_part(p) for p in parts)
        else:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                written = sum(pool.imap_unordered(_render_part, parts))
    finally:
        _WORKER = None
        gc.unfreeze()
    return BuildResult(files=written, articles=len(ids))
