"""Queue messages. They carry identifiers and versions, never content (claim check)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel

from newsroom.ids import ARTICLE_ID_PATTERN


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1] = 1
    correlation_id: str = Field(default="", max_length=200)


class PhotosRequested(_Message):
    """Images queue: process the uploaded photos of this version of an article."""

    kind: Literal["photos_requested"] = "photos_requested"
    article_id: str = Field(pattern=ARTICLE_ID_PATTERN)
    version: int = Field(ge=1)

    @property
    def idempotency_key(self) -> str:
        """What the message means, independent of how often SQS delivers it."""
        return f"photos:{self.article_id}:v{self.version}"


class RenderRequested(_Message):
    """Render queue: bring the site in line with this version of an article."""

    kind: Literal["render_requested"] = "render_requested"
    article_id: str = Field(pattern=ARTICLE_ID_PATTERN)
    version: int = Field(ge=1)

    @property
    def idempotency_key(self) -> str:
        """What the message means, independent of how often SQS delivers it."""
        return f"render:{self.article_id}:v{self.version}"


class PublicationDue(_Message):
    """Publish queue (sent by the scheduler): publish this article if it is still scheduled."""

    kind: Literal["publication_due"] = "publication_due"
    article_id: str = Field(pattern=ARTICLE_ID_PATTERN)
    publish_at: datetime

    @property
    def idempotency_key(self) -> str:
        """What the message means, independent of how often SQS delivers it."""
        return f"publish:{self.article_id}:{self.publish_at.isoformat()}"


MAX_REBUILD_ITEMS = 100


class RebuildRequested(_Message):
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
