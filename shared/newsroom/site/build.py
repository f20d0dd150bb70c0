"""A full build: the whole site from one read of the table, written into a folder."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsroom.site.pages import SiteContext
from newsroom.site.publisher import FolderOutput, build_site, write_files
from newsroom.site.renderer import SiteRenderer
from newsroom.site.state import SnapshotState
from newsroom.storage.articles import _from_item

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient


def scan_table(client: DynamoDBClient, table_name: str) -> Iterator[dict[str, Any]]:
    """Every item of the table, as plain values."""
    paginator = client.get_paginator("scan")
    for page in paginator.paginate(TableName=table_name):
        for item in page.get("Items", []):
            yield _from_item(item)


@dataclass(frozen=True)
class BuildResult:
    files: int
    articles: int


_WORKER_STATE: tuple[SnapshotState, SiteContext, Path] | None = None


def _render_articles(ids: list[str]) -> int:
    assert _WORKER_STATE is not None
    state, site, out = _WORKER_STATE
    renderer = SiteRenderer(state, site)
    output = FolderOutput(out)
    pages = [p for p in (renderer.article_page(i) for i in ids) if p is not None]
    return len(write_files(output, pages).written)


def build_folder(
    state: SnapshotState, site: SiteContext, out: Path, workers: int = 0
) -> BuildResult:
    """Render every file of the site into `out`; article pages on `workers` processes."""
    global _WORKER_STATE
    workers = workers or os.cpu_count() or 1
    output = FolderOutput(out)
    ids = state.article_ids
    written = len(write_files(output, build_site(state, site, articles=False)).written)
    if workers == 1 or len(ids) < 200:
        _WORKER_STATE = (state, site, out)
        written += _render_articles(ids)
    else:
        _WORKER_STATE = (state, site, out)
        chunks = [ids[i :: workers * 4] for i in range(workers * 4)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            written += sum(pool.map(_render_articles, chunks))
    _WORKER_STATE = None
    return BuildResult(files=written, articles=len(ids))
