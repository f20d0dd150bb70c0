"""An article's photos: adding one (a presigned upload), changing its caption, removing it,
putting them in another order, and downloading its original again (a presigned GET)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsroom.editorial.articles import find_article, render_again, save_version
from newsroom.editorial.errors import (
    Conflict,
    EditorialError,
    NotFound,
    PreconditionFailed,
    TooMany,
)
from newsroom.editorial.newsroom import Newsroom
from newsroom.editorial.policy import Action, authorize
from newsroom.i18n import Clauses, Message
from newsroom.ids import new_upload_id
from newsroom.models.article import (
    MAX_PHOTOS,
    Article,
    Photo,
    PhotoStatus,
    RevisionAction,
)
from newsroom.models.caller import Caller
from newsroom.models.editorial import PhotoChanges, PhotoUploadRequest
from newsroom.models.fields import utc_now
from newsroom.storage.articles import PhotoChanged
from newsroom.storage.buckets import MAX_PHOTO_BYTES, PresignedUpload
from newsroom.storage.keys import original_key

# How long a photo's download link (`download_url`) stays valid.
DOWNLOAD_URL_TTL_SECONDS = 15 * 60
PHOTO_WRITE_ATTEMPTS = 5  # the photo changed meanwhile each time: 409, the caller tries again


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


def _next_position(article: Article) -> int:
    """The place of a photo added to the article: after every other, whatever gaps the
    photos removed left."""
    return max((p.position for p in article.photos), default=-1) + 1


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
        position=existing.position if existing else _next_position(article),
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
    """Change a photo's caption, alt text or credit; the page follows if it is live.

    The record is written only over the one that was read: when the photo changed
    meanwhile (moved by a new order, its renditions made), the changes are made again
    to it as it is now, so that neither is lost.
    """
    given = changes.model_dump(exclude_none=True)
    for _ in range(PHOTO_WRITE_ATTEMPTS):
        article = _editable(newsroom, article_id, by)
        photo = _find_photo(article, name)
        updated = photo.model_copy(update={**given, "updated_at": utc_now()})
        try:
            newsroom.article_store.put_photo(article.id, updated, replacing=photo)
        except PhotoChanged:
            continue
        article.photos = [updated if p.name == name else p for p in article.photos]
        _changed(newsroom, article, by=by.username)
        return updated
    raise Conflict("article.changed_try_again")


def delete_photo(newsroom: Newsroom, article_id: str, name: str, *, by: Caller) -> None:
    """Remove a photo from the article; the page follows if it is live."""
    article = _editable(newsroom, article_id, by)
    _find_photo(article, name)
    newsroom.article_store.delete_photo(article.id, name)
    article.photos = [p for p in article.photos if p.name != name]
    _changed(newsroom, article, by=by.username)


class PhotoOrderRefused(EditorialError):
    """An order that does not name every photo of the article exactly once."""

    status = 422


def _order_problems(names: Sequence[str], order: Sequence[str]) -> list[Message]:
    """What is wrong with `order` as an order of the photos named `names`."""
    known, counts = set(names), Counter(order)
    missing = tuple(name for name in names if name not in counts)
    extra = tuple(dict.fromkeys(name for name in order if name not in known))
    repeated = tuple(dict.fromkeys(name for name in order if name in known and counts[name] > 1))
    problems = []
    if missing:
        problems.append(Message("photo_order.missing", names=missing))
    if extra:
        problems.append(Message("photo_order.extra", names=extra))
    if repeated:
        problems.append(Message("photo_order.repeated", names=repeated))
    return problems


def order_photos(
    newsroom: Newsroom,
    article_id: str,
    order: Sequence[str],
    *,
    expected_version: int,
    by: Caller,
) -> Article:
    """Put the article's photos in `order` (each photo's name, once) if the caller saw
    the latest version (else PreconditionFailed).

    The photos' places are saved with a new version of the article (its revision's
    action is `photos`), in one transaction; a live article is rendered again, so that
    its page and listings lead with its new first ready photo. The order the article
    already has is no new version: the article comes back as it is, nothing is written.
    """
    article = _editable(newsroom, article_id, by)
    if article.version != expected_version:
        raise PreconditionFailed(
            "article.stale_version", current=article.version, expected=expected_version
        )
    names = [p.name for p in article.photos]
    problems = _order_problems(names, order)
    if problems:
        said = Clauses(problems)
        raise PhotoOrderRefused(
            "photo_order.refused",
            photos=tuple(names) or Message("photo.none"),
            problems=said,
            errors=[
                ("order", Message("photo_order.wrong", label=Message("field.order"), problems=said))
            ],
        )
    if list(order) == names:
        return article
    now = utc_now()
    by_name = {p.name: p for p in article.photos}
    placed: list[Photo] = []
    moved: list[Photo] = []
    for place, name in enumerate(order):
        photo = by_name[name]
        if photo.position != place:
            photo = photo.model_copy(update={"position": place, "updated_at": now})
            moved.append(photo)
        placed.append(photo)
    article.photos = placed
    saved = save_version(
        newsroom,
        article,
        {},
        by=by.username,
        action=RevisionAction.PHOTOS,
        conflict=PreconditionFailed("article.saved_meanwhile"),
        moved=moved,
    )
    if saved.is_live:
        render_again(newsroom, saved)
    return saved
