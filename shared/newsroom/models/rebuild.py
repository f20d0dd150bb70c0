"""The render function's own messages, beside one article's change (`RenderRequested`):
a chunk of a full rebuild, an invalidation to ask for again, and the site queue's
"render what is stale"."""

from typing import Literal

from pydantic import Field

from newsroom.models.messages import MessageKinds, QueueMessage, RenderRequested

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


MAX_INVALIDATION_PATHS = 3000


class InvalidationDue(QueueMessage):
    """Render queue (sent by the render function, delayed): CloudFront refused these
    paths for a while; invalidate them now."""

    kind: Literal["invalidation_due"] = "invalidation_due"
    paths: list[str] = Field(max_length=MAX_INVALIDATION_PATHS)
    attempt: int = Field(default=1, ge=1)


class SiteChanged(QueueMessage):
    """Site queue (FIFO, one group): files were marked stale; render them. The message
    carries nothing else: the marks in the table say what to render."""

    kind: Literal["site_changed"] = "site_changed"
    article_id: str = Field(default="", max_length=100)


RenderMessage = RenderRequested | RebuildRequested | InvalidationDue | SiteChanged
# Anything on the render function's queues: one article's change, a chunk of a rebuild,
# an invalidation asked for again, or "render what is stale".
RENDER_MESSAGES = MessageKinds[RenderMessage](
    "render message", RenderRequested, RebuildRequested, InvalidationDue, SiteChanged
)
