"""The render queue's other kind of message: one chunk of a full rebuild of the site."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, RootModel

from newsroom.models.messages import QueueMessage, RenderRequested

MAX_REBUILD_ITEMS = 100


class RebuildRequested(QueueMessage):
    """Render queue (sent by `newsroom rebuild`): render one chunk of the whole site again.

    `part` says what `items` are: `articles` (article ids: their pages), `listings`
    (listing keys: every page and feed of each), or `site` (no items: the home page,
    archive, sitemaps, search index, assets and fixed pages).
    """

    kind: Literal["rebuild_requested"] = "rebuild_requested"
    part: Literal["articles", "listings", "site"]
    items: list[str] = Field(default=[], max_length=MAX_REBUILD_ITEMS)
    rebuild_id: str = Field(default="", max_length=100)

    @property
    def idempotency_key(self) -> str:
        """What the message means, independent of how often SQS delivers it."""
        return f"rebuild:{self.rebuild_id}:{self.part}:{','.join(self.items)[:200]}"


class RenderMessage(
    RootModel[Annotated[RenderRequested | RebuildRequested, Field(discriminator="kind")]]
):
    """Anything on the render queue: one article's change, or a chunk of a rebuild."""
