"""Request bodies and query parameters of the editorial API, beyond the article itself."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from newsroom.models.article import ArticleStatus
from newsroom.models.fields import OptionalLine, RequestDatetime, utc_now

MAX_PAGE_SIZE = 100

# How far a client's clock may run behind ours: a `publish_at` this little in the
# past means "now". Anything earlier is refused, so that a mistyped year never
# releases an embargoed article at once.
CLOCK_SKEW = timedelta(minutes=1)
SCHEDULE_YEARS = 5


def _shown(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def latest_publication(now: datetime) -> datetime:
    """The latest time an article may be scheduled for: `SCHEDULE_YEARS` years after `now`."""
    try:
        return now.replace(year=now.year + SCHEDULE_YEARS)
    except ValueError:  # 29 February, in a year that has none
        return now.replace(year=now.year + SCHEDULE_YEARS, day=28)


def publication_time_problem(publish_at: datetime, now: datetime) -> str | None:
    """Why `publish_at` cannot be a publication time at `now`, or None when it can."""
    latest = latest_publication(now)
    accepted = (
        f"give a time between now ({_shown(now)}) and {SCHEDULE_YEARS} years from now "
        f"({_shown(latest)})"
    )
    if publish_at < now - CLOCK_SKEW:
        return (
            f"is in the past ({_shown(publish_at)}); to publish now, omit publish_at; "
            f"to schedule, {accepted}"
        )
    if publish_at > latest:
        return f"is more than {SCHEDULE_YEARS} years ahead ({_shown(publish_at)}); {accepted}"
    return None


class PublishRequest(BaseModel):
    """`POST /articles/{id}/publish`: now, or at a time to come."""

    # Built on first use, not at import: a cold start builds only what its request needs.
    model_config = ConfigDict(extra="forbid", defer_build=True)

    publish_at: RequestDatetime | None = Field(
        default=None,
        description=(
            "ISO 8601 time with a zone, between now and 5 years from now: the article is "
            "scheduled for it. Omit it to publish now."
        ),
    )

    @field_validator("publish_at")
    @classmethod
    def _within_scheduling_range(cls, value: datetime | None) -> datetime | None:
        if value is not None:
            problem = publication_time_problem(value, utc_now())
            if problem:
                raise ValueError(problem)
        return value


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
