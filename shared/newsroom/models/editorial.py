"""Request bodies and query parameters of the editorial API: an article and its photos as
an editor sends them, and the editorial actions."""

from datetime import datetime, timedelta
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    field_validator,
)

from newsroom.i18n import Invalid, Message
from newsroom.models.article import (
    MAX_ALT,
    MAX_BODY_BYTES,
    MAX_CAPTION,
    MAX_CREDIT,
    MAX_PHOTOS,
    MAX_SUMMARY,
    MAX_TAGS,
    MAX_TITLE,
    ArticleStatus,
)
from newsroom.models.fields import PhotoName, RequestDatetime, utc_now
from newsroom.models.typed import Line, Note, OptionalLine, Text


def _body_size(value: str) -> str:
    size = len(value.encode("utf-8"))
    if size > MAX_BODY_BYTES:
        raise Invalid(Message("text.too_many_bytes", size=size, limit=MAX_BODY_BYTES))
    return value


def _unique_tags(value: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for tag in value:
        seen.setdefault(tag, None)
    return list(seen)


def _known_category(slug: str) -> str:
    # The site configuration is read only where a category is checked (the editors' API),
    # not on the import path of every function that uses articles.
    from newsroom.site.config import load_site_config

    choices = tuple(c.slug for c in load_site_config().categories)
    if slug not in choices:
        raise Invalid(Message("category.unknown", slug=slug, choices=choices))
    return slug


CategorySlug = Annotated[
    str, StringConstraints(strip_whitespace=True), AfterValidator(_known_category)
]
Tag = Annotated[Line, StringConstraints(max_length=60)]
Body = Annotated[Text, StringConstraints(min_length=1), AfterValidator(_body_size)]


class ArticleDraft(BaseModel):
    """The editable fields of an article, as an editor sends them (`POST /articles`)."""

    # Built on first use, not at import: a cold start builds only what its request needs.
    model_config = ConfigDict(extra="forbid", str_max_length=MAX_BODY_BYTES, defer_build=True)

    title: Annotated[Line, StringConstraints(max_length=MAX_TITLE)]
    summary: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=MAX_SUMMARY)] = ""
    body: Body = Field(description="Markdown. A photo is placed by its file name: ![alt](name.jpg)")
    category: CategorySlug = Field(description="The slug of one of the site's categories")
    tags: Annotated[list[Tag], Field(max_length=MAX_TAGS), AfterValidator(_unique_tags)] = []
    author: Annotated[Line, StringConstraints(max_length=200)]
    source: Annotated[OptionalLine, StringConstraints(max_length=300)] = ""


class PhotoUploadRequest(BaseModel):
    """A photo an editor is about to upload (`POST /articles/{id}/photos`)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    name: PhotoName = Field(description="File name, as the body refers to it: ![alt](name)")
    caption: Annotated[OptionalLine, StringConstraints(max_length=MAX_CAPTION)] = ""
    alt: Annotated[OptionalLine, StringConstraints(max_length=MAX_ALT)] = ""
    credit: Annotated[OptionalLine, StringConstraints(max_length=MAX_CREDIT)] = ""
    content_type: Annotated[
        str, StringConstraints(pattern=r"^image/(jpeg|png|webp|heic|heif)$")
    ] = "image/jpeg"


MAX_PAGE_SIZE = 100
MAX_NOTE = 2_000

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


def publication_time_problem(publish_at: datetime, now: datetime) -> Message | None:
    """Why `publish_at` cannot be a publication time at `now`, or None when it can."""
    latest = latest_publication(now)
    accepted = Message(
        "schedule.accepted_range", now=_shown(now), years=SCHEDULE_YEARS, latest=_shown(latest)
    )
    if publish_at < now - CLOCK_SKEW:
        return Message("schedule.in_the_past", time=_shown(publish_at), accepted=accepted)
    if publish_at > latest:
        return Message(
            "schedule.too_far_ahead",
            time=_shown(publish_at),
            years=SCHEDULE_YEARS,
            accepted=accepted,
        )
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
    force: StrictBool = Field(
        default=False,
        description=(
            "Publish even if some photos are not ready (awaiting their upload, or "
            "rejected): the page shows the ready ones. Without it such a publish is "
            "refused with 409 photos-not-ready, naming each photo."
        ),
    )

    @field_validator("publish_at")
    @classmethod
    def _within_scheduling_range(cls, value: datetime | None) -> datetime | None:
        if value is not None:
            problem = publication_time_problem(value, utc_now())
            if problem:
                raise Invalid(problem)
        return value


class SendBackRequest(BaseModel):
    """`POST /articles/{id}/send-back`: why the article goes back to its reporter."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    note: Annotated[Note, StringConstraints(max_length=MAX_NOTE)] = Field(
        description=(
            "What the reporter should change: required, at most 2,000 characters, kept in "
            "the revision and shown with the draft"
        )
    )


class PhotoChanges(BaseModel):
    """`PATCH /articles/{id}/photos/{name}`: the fields to change; the others stay."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    caption: Annotated[OptionalLine, StringConstraints(max_length=1_000)] | None = None
    alt: Annotated[OptionalLine, StringConstraints(max_length=500)] | None = None
    credit: Annotated[OptionalLine, StringConstraints(max_length=200)] | None = None


class PhotoOrder(BaseModel):
    """`PUT /articles/{id}/photo-order`: the article's photos, by name, in their new order."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    order: Annotated[
        list[Annotated[str, StringConstraints(max_length=100)]], Field(max_length=MAX_PHOTOS)
    ] = Field(
        description=(
            "The name of every photo of the article, each once, in their new order. The "
            "first ready photo is the article's lead photo (in listings and share cards, "
            "and first on its page unless the body places it)"
        )
    )


class ArticleQuery(BaseModel):
    """`GET /articles`: filters, page size and where the page starts."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    status: ArticleStatus | None = None
    category: Annotated[str, StringConstraints(max_length=100)] | None = None
    tag: Annotated[str, StringConstraints(max_length=60)] | None = None
    q: Annotated[str, StringConstraints(max_length=200)] | None = Field(
        default=None, description="Words to find in the title, summary or body (any accents)"
    )
    mine: bool = Field(
        default=False, description="true: only the articles the caller created (created_by)"
    )
    limit: int = Field(default=20, ge=1, le=MAX_PAGE_SIZE)
    cursor: Annotated[str, StringConstraints(max_length=500)] | None = Field(
        default=None, description="`next_cursor` of the previous page"
    )
