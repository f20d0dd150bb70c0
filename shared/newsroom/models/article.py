"""The article and its photos: what editors send, what is stored, what the API returns."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from newsroom.i18n import Invalid, Message
from newsroom.models.fields import (
    Line,
    OptionalLine,
    OptionalStoredMessage,
    PhotoName,
    StoredMessage,
    Text,
    UtcDatetime,
)

MAX_TITLE = 300
MAX_SUMMARY = 1_000
MAX_BODY_BYTES = 200 * 1024
MAX_TAGS = 20
MAX_PHOTOS = 50
# A photo's texts, typed or read from the file itself.
MAX_CAPTION = 1_000
MAX_ALT = 500
MAX_CREDIT = 200


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


class ArticleStatus(StrEnum):
    """Where an article is in its life."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"


class RevisionAction(StrEnum):
    """What made a saved version: the editorial action that saved it."""

    CREATE = "create"
    EDIT = "edit"
    PHOTOS = "photos"
    """The photos' order changed, or a live article's photos changed (it is saved again
    to be rendered again)."""
    SUBMIT = "submit"
    SEND_BACK = "send_back"
    PUBLISH = "publish"
    SCHEDULE = "schedule"
    UNPUBLISH = "unpublish"


class PhotoStatus(StrEnum):
    """Where a photo is between the presigned upload and the page."""

    AWAITING_UPLOAD = "awaiting_upload"
    READY = "ready"
    REJECTED = "rejected"


class CaptionSource(StrEnum):
    """Where a photo's caption, alt text or credit came from."""

    EDITOR = "editor"
    IPTC = "iptc"
    XMP = "xmp"
    NONE = "none"


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


class Rendition(BaseModel):
    """One resized, metadata-free copy of a photo in the site bucket."""

    width: int
    height: int
    format: str
    key: str


class Photo(BaseModel):
    """A photo of an article and what processing learnt about it (a stored record)."""

    name: PhotoName
    caption: str = ""
    alt: str = ""
    credit: str = ""
    content_type: str = "image/jpeg"
    position: int = 0
    status: PhotoStatus = PhotoStatus.AWAITING_UPLOAD
    reason: OptionalStoredMessage = Field(
        default=None, description="Why the photo was rejected: said in the reader's language"
    )
    upload_id: str = Field(default="", description="The current upload form's own key")
    sha256: str = ""
    width: int = 0
    height: int = 0
    renditions: list[Rendition] = []
    caption_source: CaptionSource = CaptionSource.NONE
    alt_source: CaptionSource = CaptionSource.NONE
    credit_source: CaptionSource = CaptionSource.NONE
    warnings: list[StoredMessage] = Field(
        default=[], description="What an editor should check: said in the reader's language"
    )
    placeholder: str = Field(default="", description="A tiny blurred copy, as a data: URI")
    colour: str = Field(default="", description="The photo's dominant colour, as #rrggbb")
    social: Rendition | None = Field(default=None, description="A 1200×630 crop for share cards")
    crops: list[Rendition] = Field(
        default=[], description="Its most interesting 3:2 part, a few widths, for listings"
    )
    created_at: UtcDatetime
    updated_at: UtcDatetime

    def largest(self, fmt: str = "jpeg") -> Rendition | None:
        """The widest rendition in `fmt`, if there is one."""
        same = [r for r in self.renditions if r.format == fmt]
        return max(same, key=lambda r: r.width) if same else None


class PhotoSlot(BaseModel):
    """Where the body places a photo: the file name it gives, the image's alt text, and
    whether it stands alone (a paragraph of its own) rather than inside text."""

    name: str
    alt: str = ""
    alone: bool = False


class PreparedBody(BaseModel):
    """The body converted when it was saved: sanitized HTML with a numbered slot for each
    image (see `newsroom.site.body`), and the conversion's version."""

    format: int
    html: str
    slots: list[PhotoSlot] = []


class Article(BaseModel):
    """An article as stored: the editor's fields and the newsroom's bookkeeping."""

    id: str
    slug: str
    title: str
    summary: str = ""
    body: str
    category: str
    tags: list[str] = []
    author: str
    source: str = ""
    status: ArticleStatus = ArticleStatus.DRAFT
    version: int = 1
    created_at: UtcDatetime
    updated_at: UtcDatetime
    published_at: UtcDatetime | None = None
    scheduled_for: UtcDatetime | None = None
    created_by: str = ""
    updated_by: str = ""
    photos: list[Photo] = Field(default=[], exclude=True)
    body_prepared: PreparedBody | None = None
    review_note: str = ""
    """The note of the editor who last sent the article back to draft; kept until its
    status changes again."""

    @property
    def path(self) -> str:
        """Where the article's page is served on the site: `/<category>/<slug>/`."""
        return f"/{self.category}/{self.slug}/"

    @property
    def is_live(self) -> bool:
        """Whether readers should see the article."""
        return self.status is ArticleStatus.PUBLISHED

    @property
    def sort_time(self) -> datetime:
        """The time listings order the article by."""
        return self.published_at or self.created_at
