"""Cutting a full rebuild into render-queue messages that Lambda runs in parallel."""

from __future__ import annotations

from newsroom.models.rebuild import RebuildRequested
from newsroom.site.listings import SITE
from newsroom.storage.listings import ListingStore


def rebuild_messages(listings: ListingStore, chunk: int, rebuild_id: str) -> list[RebuildRequested]:
    """Messages that together render every file of the site once."""
    messages = [RebuildRequested(part="site", rebuild_id=rebuild_id)]
    keys = [h.key for h in listings.heads("")]
    head = listings.head(SITE)
    ids = [e.article_id for e in listings.entries(SITE, 1, head.last_seq)] if head else []
    for part, items in (("listings", keys), ("articles", ids)):
        for start in range(0, len(items), chunk):
            messages.append(
                RebuildRequested(
                    part=part, items=items[start : start + chunk], rebuild_id=rebuild_id
                )
            )
    return messages
