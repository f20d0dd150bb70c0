"""What the API returns: articles, revisions and photos as editors see them.

A photo's reason for rejection and its warnings are kept as messages; a view says them
in the language of the answer (`newsroom.i18n.current_language`: the caller's, while
the router makes the answer).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from newsroom.i18n import current_language, say
from newsroom.models.article import (
    Article,
    ArticleStatus,
    CaptionSource,
    Photo,
    PhotoStatus,
    Rendition,
    RevisionAction,
)


class PhotoView(BaseModel):
    """A photo of an article, with where processing has got to (and why it was rejected)."""

    # Built on first use, not at import: a cold start builds only what its request needs.
    model_config = ConfigDict(defer_build=True)

    name: str
    caption: str
    alt: str
    credit: str
    caption_source: CaptionSource
    alt_source: CaptionSource
    credit_source: CaptionSource
    warnings: list[str]
    status: PhotoStatus
    reason: str = Field(description="Why the photo was rejected, when it was")
    sha256: str = Field(description="SHA-256 of the processed upload (empty until processed)")
    width: int
    height: int
    renditions: list[Rendition]
    social: Rendition | None
    placeholder: str
    colour: str
    download_url: str | None = Field(
        default=None,
        description=(
            "A presigned GET of the uploaded original, valid for 15 minutes; present once "
            "the upload has arrived"
        ),
    )


class PhotoListView(BaseModel):
    """The photos of an article, in their order."""

    model_config = ConfigDict(defer_build=True)

    photos: list[PhotoView]


class ArticleView(BaseModel):
    """An article as the API shows it, with its public URL."""

    model_config = ConfigDict(defer_build=True)

    id: str
    url: str
    slug: str
    title: str
    summary: str
    body: str
    category: str
    tags: list[str]
    author: str
    source: str
    status: ArticleStatus
    version: int = Field(description="Goes up by one with every save; the ETag names it")
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None
    scheduled_for: datetime | None
    created_by: str
    updated_by: str
    review_note: str | None = Field(
        default=None,
        description=(
            "While the article is a draft sent back by an editor: the editor's note "
            "(POST /articles/{id}/send-back); null otherwise"
        ),
    )
    photos: list[PhotoView]
    rejected_photos: list[PhotoView]


class ArticleSummaryView(BaseModel):
    """An article in a list."""

    model_config = ConfigDict(defer_build=True)

    id: str
    url: str
    title: str
    summary: str
    category: str
    tags: list[str]
    author: str
    status: ArticleStatus
    version: int
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str
    published_at: datetime | None
    scheduled_for: datetime | None


class ArticleListView(BaseModel):
    """One page of articles, most recently changed first."""

    model_config = ConfigDict(defer_build=True)

    articles: list[ArticleSummaryView]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page")


class RevisionSummaryView(BaseModel):
    """One saved version: its number, who saved it and when, and what it was."""

    model_config = ConfigDict(defer_build=True)

    number: int
    saved_at: datetime
    saved_by: str
    status: ArticleStatus
    title: str
    action: RevisionAction | None = Field(
        default=None,
        description=(
            "What saved this version (create, edit, photos, submit, send_back, publish, "
            "schedule, unpublish); null for versions saved before actions were recorded"
        ),
    )
    note: str | None = Field(
        default=None, description="The note given with it (an editor's, sending it back)"
    )


class RevisionListView(BaseModel):
    """Every saved version of an article, oldest first."""

    model_config = ConfigDict(defer_build=True)

    revisions: list[RevisionSummaryView]


class RevisionView(RevisionSummaryView):
    """One saved version with its full text."""

    summary: str
    body: str
    category: str
    tags: list[str]
    author: str
    source: str


class PhotoUploadView(BaseModel):
    """Where and how to send a photo's bytes: a form POST of `upload_fields` and then the file.

    The upload's policy admits only the declared image type and at most 25 MB.
    """

    model_config = ConfigDict(defer_build=True)

    name: str
    upload_url: str
    upload_method: str
    upload_fields: dict[str, str] = Field(
        description="Form fields to send, in this order, before the `file` field"
    )
    upload_headers: dict[str, str] = Field(description="Extra HTTP headers (none for a POST)")
    max_bytes: int
    expires_in: int


class ProblemError(BaseModel):
    """One invalid field and the reason."""

    model_config = ConfigDict(defer_build=True)

    field: str
    reason: str


class ProblemView(BaseModel):
    """An error, as `application/problem+json` (RFC 9457)."""

    model_config = ConfigDict(defer_build=True)

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[ProblemError] | None = None


def photo_view(
    photo: Photo, download_url: str | None = None, language: str | None = None
) -> PhotoView:
    """The photo for the API, with where its original can be downloaded (if it can), its
    reason and warnings said in `language` (by default, the answer's)."""
    language = language or current_language()
    return PhotoView.model_validate(
        {
            **photo.model_dump(),
            "reason": say(photo.reason, language) if photo.reason is not None else "",
            "warnings": [say(warning, language) for warning in photo.warnings],
            "download_url": download_url,
        }
    )


def article_url(article: Article, base_url: str) -> str:
    """Where readers find (or will find) the article."""
    return base_url.rstrip("/") + article.path


def article_view(
    article: Article,
    base_url: str,
    download_url: Callable[[Photo], str | None] = lambda photo: None,
    language: str | None = None,
) -> ArticleView:
    """The article for the API: every field, its photos (each with where its original can
    be downloaded, by `download_url`, and its words in `language`), its URL on the site."""
    photos = [photo_view(p, download_url(p), language) for p in article.photos]
    return ArticleView.model_validate(
        {
            **article.model_dump(),
            "url": article_url(article, base_url),
            "photos": photos,
            "rejected_photos": [p for p in photos if p.status is PhotoStatus.REJECTED],
            "review_note": (
                article.review_note
                if article.review_note and article.status is ArticleStatus.DRAFT
                else None
            ),
        }
    )


def article_summary_view(article: Article, base_url: str) -> ArticleSummaryView:
    return ArticleSummaryView.model_validate(
        {**article.model_dump(), "url": article_url(article, base_url)}
    )


def _revision_fields(
    number: int, saved_at: str, saved_by: str, action: str, note: str
) -> dict[str, object]:
    """What every view of a saved version says of it: its number, who saved it and when,
    what made it (None for an action this code does not know) and its note."""
    known = action in RevisionAction._value2member_map_
    return {
        "number": number,
        "saved_at": saved_at,
        "saved_by": saved_by,
        "action": RevisionAction(action) if known else None,
        "note": note or None,
    }


def revision_summary_view(
    number: int, saved_at: str, saved_by: str, article: Article, action: str = "", note: str = ""
) -> RevisionSummaryView:
    """One saved version in the list: who, when, what made it (and its note), and what it was."""
    return RevisionSummaryView.model_validate(
        {
            "status": article.status,
            "title": article.title,
            **_revision_fields(number, saved_at, saved_by, action, note),
        }
    )


def revision_view(
    number: int, saved_at: str, saved_by: str, article: Article, action: str = "", note: str = ""
) -> RevisionView:
    return RevisionView.model_validate(
        {
            **article.model_dump(),
            **_revision_fields(number, saved_at, saved_by, action, note),
        }
    )
