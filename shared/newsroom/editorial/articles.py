"""Plain functions over models: what the API's routes do, free of HTTP and AWS details."""

from __future__ import annotations

from dataclasses import dataclass

from newsroom.aws.queues import Queue
from newsroom.ids import is_article_id, new_article_id
from newsroom.models.article import (
    MAX_PHOTOS,
    Article,
    ArticleDraft,
    ArticleStatus,
    Photo,
    PhotoStatus,
    PhotoUploadRequest,
)
from newsroom.models.fields import utc_now
from newsroom.models.messages import PhotosRequested
from newsroom.storage.articles import ArticleNotFound, ArticleStore
from newsroom.storage.buckets import ContentBucket, PresignedUpload
from newsroom.storage.keys import original_key
from newsroom.text.slug import slugify


class EditorialError(Exception):
    """A request the workflow refuses, with the HTTP status that says why."""

    status = 400

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFound(EditorialError):
    status = 404


class Conflict(EditorialError):
    status = 409


class TooMany(EditorialError):
    status = 422


def _slug_for(draft: ArticleDraft, article_id: str) -> str:
    # The id's random tail keeps two articles with the same title apart.
    base = slugify(draft.title) or "bai-viet"
    return f"{base}-{article_id[-6:]}"


def create_article(store: ArticleStore, draft: ArticleDraft, *, by: str) -> Article:
    """Store a new draft article written by `by`."""
    now = utc_now()
    article_id = new_article_id()
    article = Article(
        id=article_id,
        slug=_slug_for(draft, article_id),
        **draft.model_dump(),
        status=ArticleStatus.DRAFT,
        version=1,
        created_at=now,
        updated_at=now,
        created_by=by,
        updated_by=by,
    )
    store.create(article)
    return article


def find_article(store: ArticleStore, article_id: str) -> Article:
    """The article with this id, or NotFound."""
    if not is_article_id(article_id):
        raise NotFound(f"No article has the id {article_id!r}.")
    try:
        return store.get(article_id)
    except ArticleNotFound as error:
        raise NotFound(f"No article has the id {article_id!r}.") from error


@dataclass(frozen=True)
class PhotoUpload:
    """A photo record and where to send its bytes."""

    photo: Photo
    upload: PresignedUpload


def request_photo_upload(
    store: ArticleStore,
    content: ContentBucket,
    article_id: str,
    request: PhotoUploadRequest,
    *,
    expires_in: int,
) -> PhotoUpload:
    """Record a photo of the article and presign the upload of its bytes.

    Asking again for the same name replaces the caption and gives a new upload URL;
    the photo keeps its place in the article.
    """
    article = find_article(store, article_id)
    existing = next((p for p in article.photos if p.name == request.name), None)
    if existing is None and len(article.photos) >= MAX_PHOTOS:
        raise TooMany(f"An article has at most {MAX_PHOTOS} photos.")
    now = utc_now()
    photo = Photo(
        **request.model_dump(),
        position=existing.position if existing else len(article.photos),
        status=PhotoStatus.AWAITING_UPLOAD,
        created_at=existing.created_at if existing else now,
        updated_at=now,
    )
    store.put_photo(article.id, photo)
    upload = content.presign_upload(
        original_key(article.id, photo.name), request.content_type, expires_in
    )
    return PhotoUpload(photo, upload)


def publish_article(store: ArticleStore, images: Queue, article_id: str, *, by: str) -> Article:
    """Make the article public, then ask for its photos to be processed and its pages rendered.

    Publishing an article that is already published sends the request again, so a
    client that retries after a failure always ends with the site up to date.
    """
    article = find_article(store, article_id)
    if article.status is not ArticleStatus.PUBLISHED:
        now = utc_now()
        published = article.model_copy(
            update={
                "status": ArticleStatus.PUBLISHED,
                "version": article.version + 1,
                "published_at": article.published_at or now,
                "updated_at": now,
                "updated_by": by,
            }
        )
        published.photos = article.photos
        store.save(published, expected_version=article.version)
        article = published
    images.send(PhotosRequested(article_id=article.id, version=article.version))
    return article
