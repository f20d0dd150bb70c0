"""The article and its photos as stored and as the API returns them; what editors send
to make one is in `newsroom.models.editorial`."""

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from newsroom.models.fields import (
    OptionalStoredMessage,
    PhotoName,
    StoredMessage,
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
