"""What `newsroom publish` sends so that an article's photos are the file's: the order
only when the article would have them in another."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from newsroom_cli.article_file import PhotoEntry
from newsroom_cli.sync import photo_plan


def _entries(*names: str) -> list[PhotoEntry]:
    return [PhotoEntry(written_as=f"anh/{n}", path=Path("anh") / n) for n in names]


def _stored(*names: str) -> list[dict[str, Any]]:
    return [{"name": n, "status": "ready", "sha256": n} for n in names]


@pytest.mark.parametrize(
    ("stored", "listed", "reorder"),
    [
        (("a.jpg", "b.jpg"), ("a.jpg", "b.jpg"), False),
        (("a.jpg", "b.jpg"), ("b.jpg", "a.jpg"), True),
        # A removed photo leaves the others in their order; a new one goes last.
        (("a.jpg", "b.jpg", "c.jpg"), ("b.jpg", "c.jpg", "d.jpg"), False),
        (("a.jpg", "b.jpg"), ("d.jpg", "a.jpg", "b.jpg"), True),
        ((), ("b.jpg", "a.jpg"), False),
    ],
)
def test_the_files_order_is_sent_only_when_the_article_would_have_another(
    stored: tuple[str, ...], listed: tuple[str, ...], reorder: bool
) -> None:
    plan = photo_plan(_entries(*listed), {n: n for n in listed}, _stored(*stored))
    assert (plan.order, plan.reorder) == (list(listed), reorder)
    assert plan.changes_nothing is (stored == listed)
