"""Request bodies and query parameters of the editorial API, beyond the article itself."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from newsroom.models.article import ArticleStatus
from newsroom.models.fields import OptionalLine, UtcDatetime

MAX_PAGE_SIZE = 100


class PublishRequest(BaseModel):
    """`POST /articles/{id}/publish`: now, or at a time to come."""

    # Built on first use, not at import: a cold start builds only what its request needs.
    model_config = ConfigDict(extra="forbid", defer_build=True)

    publish_at: UtcDatetime | None = Field(
        default=None,
        description="ISO 8601 time with a zone; in the future, the article is scheduled",
    )


class PhotoChanges(BaseModel):
    """`PATCH /articles/{id}/photos/{name}`: the fields to change; the others stay."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    caption: Annotated[OptionalLine, StringConstraints(max_length=1_000)] | None = None
    alt: Annotated[OptionalLine, StringConstraints(max_length=500)] | None = None
    credit: Annotated[OptionalLine, StringConstraints(max_length=200)] | None = None


class ArticleQuery(BaseModel):
    """`GET /articles`: filters, page size and where the page starts."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    status: ArticleStatus | None = None
    category: Annotated[str, StringConstraints(max_length=100)] | None = None
    tag: Annotated[str, StringConstraints(max_length=60)] | None = None
    q: Annotated[str, StringConstraints(max_length=200)] | None = Field(
        default=None, description="Words to find in the title, summary or body (any accents)"
    )
    limit: int = Field(default=20, ge=1, le=MAX_PAGE_SIZE)
    cursor: Annotated[str, StringConstraints(max_length=500)] | None = Field(
        default=None, description="`next_cursor` of the previous page"
    )
