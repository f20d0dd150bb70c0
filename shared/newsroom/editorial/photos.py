"""An article's photos: adding one (a presigned upload), changing its caption, removing it,
and downloading its original again (a presigned GET)."""

from __future__ import annotations

from dataclasses import dataclass

from newsroom.editorial.articles import find_article, render_again, save_version
from newsroom.editorial.errors import NotFound, TooMany
from newsroom.editorial.newsroom import Newsroom
from newsroom.editorial.policy import Action, authorize
from newsroom.i18n import Message
from newsroom.ids import new_upload_id
from newsroom.models.article import (
    MAX_PHOTOS,
    Article,
    Photo,
    PhotoStatus,
    PhotoUploadRequest,
    RevisionAction,
)
from newsroom.models.caller import Caller
from newsroom.models.editorial import PhotoChanges
from newsroom.models.fields import utc_now
from newsroom.storage.buckets import MAX_PHOTO_BYTES, PresignedUpload
from newsroom.storage.keys import original_key

# How long a photo's download link (`download_url`) stays valid.
DOWNLOAD_URL_TTL_SECONDS = 15 * 60


@dataclass(frozen=True)
class PhotoUpload:
    """A photo record and where to send its bytes."""

    photo: Photo
    upload: PresignedUpload


def _editable(newsroom: Newsroom, article_id: str, by: Caller) -> Article:
    article = find_article(newsroom, article_id)
    authorize(by, Action.EDIT, article)
    return article


def _find_photo(article: Article, name: str) -> Photo:
    photo = next((p for p in article.photos if p.name == name), None)
    if photo is None:
        names = tuple(p.name for p in article.photos)
        raise NotFound("photo.not_found", name=name, names=names or Message("photo.none"))
    return photo


def _changed(newsroom: Newsroom, article: Article, *, by: str) -> None:
    """A live article whose photos changed is saved as a new version and rendered again."""
    if article.is_live:
        saved = save_version(newsroom, article, {}, by=by, action=RevisionAction.PHOTOS)
        render_again(newsroom, saved)


def request_photo_upload(
    newsroom: Newsroom,
    article_id: str,
    request: PhotoUploadRequest,
    *,
    expires_in: int,
    by: Caller,
) -> PhotoUpload:
    """Record a photo of the article and presign the upload of its bytes.

    The upload is a form POST whose policy only lets S3 accept the declared image type
    and at most 25 MB, at a key of this upload's own. Asking again for the same name
    replaces the caption and gives a new upload (the photo waits for it, and keeps its
    place in the article); a photo processed from an upload never changes when that
    upload's form is posted again.
    """
    article = _editable(newsroom, article_id, by)
    existing = next((p for p in article.photos if p.name == request.name), None)
    if existing is None and len(article.photos) >= MAX_PHOTOS:
        raise TooMany("photo.too_many", limit=MAX_PHOTOS)
    now = utc_now()
    photo = Photo(
        **request.model_dump(),
        position=existing.position if existing else len(article.photos),
        status=PhotoStatus.AWAITING_UPLOAD,
        upload_id=new_upload_id(),
        created_at=existing.created_at if existing else now,
        updated_at=now,
    )
    newsroom.article_store.put_photo(article.id, photo)
    upload = newsroom.content_bucket.presign_post(
        original_key(article.id, photo.name, photo.upload_id),
        request.content_type,
        expires_in,
        MAX_PHOTO_BYTES,
    )
    return PhotoUpload(photo, upload)


def list_photos(newsroom: Newsroom, article_id: str, *, by: Caller) -> list[Photo]:
    """The article's photos, in their order."""
    authorize(by, Action.READ)
    return find_article(newsroom, article_id).photos


def download_url(newsroom: Newsroom, article_id: str, photo: Photo) -> str | None:
    """Where the photo's uploaded original can be downloaded (a presigned GET, valid for
    15 minutes), once its upload has arrived; None while the photo awaits it.

    Signing needs no request to S3: the link is made for every photo an answer shows.
    """
    if photo.status is PhotoStatus.AWAITING_UPLOAD:
        return None
    key = original_key(article_id, photo.name, photo.upload_id)
    return newsroom.content_bucket.presign_download(key, DOWNLOAD_URL_TTL_SECONDS)


def update_photo(
    newsroom: Newsroom,
    article_id: str,
    name: str,
    changes: PhotoChanges,
    *,
    by: Caller,
) -> Photo:
    """Change a photo's caption, alt text or credit; the page follows if it is live."""
    article = _editable(newsroom, article_id, by)
    photo = _find_photo(article, name)
    given = changes.model_dump(exclude_none=True)
    updated = photo.model_copy(update={**given, "updated_at": utc_now()})
    newsroom.article_store.put_photo(article.id, updated)
    article.photos = [updated if p.name == name else p for p in article.photos]
    _changed(newsroom, article, by=by.username)
    return updated


def delete_photo(newsroom: Newsroom, article_id: str, name: str, *, by: Caller) -> None:
    """Remove a photo from the article; the page follows if it is live."""
    article = _editable(newsroom, article_id, by)
    _find_photo(article, name)
    newsroom.article_store.delete_photo(article.id, name)
    article.photos = [p for p in article.photos if p.name != name]
    _changed(newsroom, article, by=by.username)
