"""Processing photos: one as soon as it is uploaded, or every photo of an article when it
is published; then asking for a render when readers should see the change.

Renditions are named by the content of the original (its SHA-256), so the same bytes,
in one article or two, are processed once: a manifest, written after every rendition
is stored, says they exist. A photo already processed from the same bytes is skipped,
and a photo record is written only when something about it changed, so a message
delivered again writes nothing. An article's photos are processed on a few threads.

An upload is processed only while it is its photo's current one (the photo record names
its `upload_id`): the notification of a form posted again after the photo was given a
new upload, or of a photo or article since removed, changes nothing.

Why a photo was rejected is kept on it as a message (`newsroom.i18n`), said in the
editor's language when the API shows it; an outcome carries it in English, for logs.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace

from botocore.exceptions import BotoCoreError, ClientError
from pydantic import BaseModel

from newsroom.aws.queues import Queue
from newsroom.i18n import Message, say
from newsroom.models.article import Photo, PhotoStatus, Rendition
from newsroom.models.fields import utc_now
from newsroom.models.messages import PhotosRequested, RenderRequested
from newsroom.models.uploads import PhotoUploaded
from newsroom.photos.captions import EmbeddedText, caption_photo
from newsroom.photos.formats import too_large
from newsroom.photos.renditions import PIPELINE_VERSION, PhotoRejected, make_renditions
from newsroom.storage.articles import ArticleNotFound, ArticleStore, ItemTooLarge, PhotoChanged
from newsroom.storage.buckets import (
    IMMUTABLE_CACHE_CONTROL,
    ContentBucket,
    ObjectMissing,
    ObjectTooLarge,
    SiteBucket,
)
from newsroom.storage.keys import original_key, rendition_key

logger = logging.getLogger(__name__)

PHOTO_THREADS = 2
SAVE_ATTEMPTS = 5  # tries at saving a photo's record while editors change it


@dataclass(frozen=True)
class PhotoOutcome:
    """What happened to one photo: its status, whether renditions were made for it, and
    whether its record was written (`reason`: why not, in English, for logs)."""

    name: str
    status: PhotoStatus
    processed: bool
    reason: str = ""
    recorded: bool = False


class PhotoFile(BaseModel):
    """What processing made of one original's bytes (the manifest, stored with them)."""

    width: int
    height: int
    renditions: list[Rendition]
    social: Rendition
    crops: list[Rendition] = []
    placeholder: str
    colour: str
    text: EmbeddedText = EmbeddedText()


def media_key(content_hash: str, name: str) -> str:
    """A key beside the renditions of the original with this hash."""
    folder = rendition_key(content_hash, 0, "json", PIPELINE_VERSION).rsplit("/", 1)[0]
    return f"{folder}/{name}"


def _stored_file(site: SiteBucket, content_hash: str) -> PhotoFile | None:
    try:
        return PhotoFile.model_validate_json(site.read(media_key(content_hash, "manifest.json")))
    except ObjectMissing:
        return None


def _store(site: SiteBucket, key: str, data: bytes, content_type: str) -> None:
    site.put(key, data, content_type, IMMUTABLE_CACHE_CONTROL)


def _process_file(site: SiteBucket, data: bytes, content_hash: str) -> PhotoFile:
    """Make and store every rendition of the original, then its manifest."""
    processed = make_renditions(data)
    renditions = []
    for encoded in processed.renditions:
        key = rendition_key(content_hash, encoded.width, encoded.format, PIPELINE_VERSION)
        _store(site, key, encoded.data, encoded.content_type)
        renditions.append(
            Rendition(width=encoded.width, height=encoded.height, format=encoded.format, key=key)
        )
    crops = []
    for crop in processed.crops:
        crop_key = media_key(content_hash, f"crop-{crop.width}x{crop.height}.{crop.extension}")
        _store(site, crop_key, crop.data, crop.content_type)
        crops.append(
            Rendition(width=crop.width, height=crop.height, format=crop.format, key=crop_key)
        )
    social = processed.social
    social_key = media_key(content_hash, f"social-{social.width}x{social.height}.jpg")
    _store(site, social_key, social.data, social.content_type)
    photo_file = PhotoFile(
        width=processed.width,
        height=processed.height,
        renditions=renditions,
        social=Rendition(
            width=social.width, height=social.height, format=social.format, key=social_key
        ),
        crops=crops,
        placeholder=processed.placeholder,
        colour=processed.colour,
        text=processed.text,
    )
    # The manifest is written last: its presence means every rendition is stored.
    _store(
        site,
        media_key(content_hash, "manifest.json"),
        photo_file.model_dump_json().encode(),
        "application/json",
    )
    return photo_file


class _OncePerContent:
    """Processes each distinct original once, however many photos (or threads) share it."""

    def __init__(self, site: SiteBucket) -> None:
        self.site = site
        self._lock = threading.Lock()
        self._futures: dict[str, Future[tuple[PhotoFile, bool]]] = {}

    def photo_file(self, data: bytes, content_hash: str) -> tuple[PhotoFile, bool]:
        """The processed file, and whether this call made it (False: it existed)."""
        with self._lock:
            future = self._futures.get(content_hash)
            mine = future is None
            if future is None:
                future = self._futures[content_hash] = Future()
        if not mine:
            photo_file, _ = future.result()
            return photo_file, False
        try:
            known = _stored_file(self.site, content_hash)
            result = (
                (known, False) if known else (_process_file(self.site, data, content_hash), True)
            )
        except BaseException as error:
            future.set_exception(error)
            raise
        future.set_result(result)
        return result


def _rejected(photo: Photo, reason: Message, content_hash: str) -> Photo:
    return photo.model_copy(
        update={
            "status": PhotoStatus.REJECTED,
            "reason": reason,
            "sha256": content_hash,
            "renditions": [],
            "social": None,
            "crops": [],
            "placeholder": "",
            "colour": "",
        }
    )


def _ready(photo: Photo, photo_file: PhotoFile, content_hash: str) -> Photo:
    return photo.model_copy(
        update={
            "status": PhotoStatus.READY,
            "reason": None,
            "sha256": content_hash,
            "width": photo_file.width,
            "height": photo_file.height,
            "renditions": photo_file.renditions,
            "social": photo_file.social,
            "crops": photo_file.crops,
            "placeholder": photo_file.placeholder,
            "colour": photo_file.colour,
            **caption_photo(photo, photo_file.text),
        }
    )


def _made(files: _OncePerContent, data: bytes, content_hash: str) -> tuple[PhotoFile, bool]:
    """The processed file; PhotoRejected when the photo cannot be processed at all.

    An image library failing on a file in a way it did not foresee is a property of the
    file, not of the moment: retrying would fail again. AWS errors are not caught here
    (storing a rendition may fail for a moment) and the message is retried.
    """
    try:
        return files.photo_file(data, content_hash)
    except (PhotoRejected, BotoCoreError, ClientError):
        raise
    except Exception as error:
        logger.exception("photo could not be processed", extra={"sha256": content_hash})
        raise PhotoRejected(
            Message("photo.rejected.unprocessable", error=type(error).__name__)
        ) from error


def _processed(
    content: ContentBucket, article_id: str, photo: Photo, files: _OncePerContent
) -> tuple[Photo, PhotoOutcome]:
    """What the photo record becomes, and what happened, without storing anything.

    An upload is processed once: a photo that is ready or rejected keeps what its upload
    gave, whatever is posted to that upload's key afterwards. Only a renditions recipe
    newer than the photo's reads its original again, and uses it only when its bytes are
    still the ones processed (same SHA-256).
    """
    if photo.status is PhotoStatus.REJECTED:
        return photo, PhotoOutcome(
            photo.name, photo.status, processed=False, reason=_english(photo.reason)
        )
    if photo.status is PhotoStatus.READY:
        known = _stored_file(files.site, photo.sha256) if photo.sha256 else None
        if known is not None:
            return _ready(photo, known, photo.sha256), PhotoOutcome(
                photo.name, photo.status, processed=False
            )
    try:
        data = content.read(original_key(article_id, photo.name, photo.upload_id))
    except ObjectMissing:
        return photo, PhotoOutcome(photo.name, photo.status, False, "not uploaded yet")
    except ObjectTooLarge as error:
        return _rejected(photo, too_large(error.size), ""), _rejection(photo, too_large(error.size))
    content_hash = hashlib.sha256(data).hexdigest()
    if photo.status is PhotoStatus.READY and content_hash != photo.sha256:
        logger.warning(
            "photo's original changed after it was processed: kept as it was",
            extra={"article_id": article_id, "photo": photo.name},
        )
        return photo, PhotoOutcome(photo.name, photo.status, processed=False)
    try:
        photo_file, made = _made(files, data, content_hash)
    except PhotoRejected as error:
        return _rejected(photo, error.message, content_hash), _rejection(photo, error.message)
    return _ready(photo, photo_file, content_hash), PhotoOutcome(
        photo.name, PhotoStatus.READY, processed=made
    )


def _rejection(photo: Photo, reason: Message) -> PhotoOutcome:
    return PhotoOutcome(photo.name, PhotoStatus.REJECTED, processed=False, reason=_english(reason))


def _english(reason: Message | None) -> str:
    return say(reason, "en") if reason is not None else ""


def process_photo(
    store: ArticleStore,
    content: ContentBucket,
    article_id: str,
    photo: Photo,
    files: _OncePerContent,
) -> PhotoOutcome:
    """Make (or find) the renditions of one uploaded photo and record them on the photo.

    The record is written only when something about it changed, and only over the
    record that was read: when an editor changed the caption or asked for a new upload
    meanwhile, the photo is read and processed again (the renditions are already made).
    """
    for _ in range(SAVE_ATTEMPTS):
        after, outcome = _processed(content, article_id, photo, files)
        if after is not photo and after.status is PhotoStatus.REJECTED:
            logger.warning(
                "photo rejected",
                extra={
                    "article_id": article_id,
                    "photo": photo.name,
                    "reason": _english(after.reason),
                },
            )
        try:
            recorded = _save_if_changed(store, article_id, photo, after)
        except ItemTooLarge as error:
            # Never retried for ever: a record that cannot be stored is a rejection.
            reason = Message("photo.rejected.texts_too_large")
            logger.warning("photo rejected", extra={"photo": photo.name, "reason": str(error)})
            after, outcome = _rejected(photo, reason, after.sha256), _rejection(photo, reason)
            recorded = _save_if_changed(store, article_id, photo, after)
        except PhotoChanged:
            current = store.photo(article_id, photo.name)
            if current is None:
                return PhotoOutcome(photo.name, photo.status, processed=False, reason="removed")
            photo = current
            continue
        return replace(outcome, recorded=recorded)
    return outcome


def _save_if_changed(store: ArticleStore, article_id: str, before: Photo, after: Photo) -> bool:
    """Write `after` over `before` when they differ; whether it was written."""
    if after.model_dump(exclude={"updated_at"}) == before.model_dump(exclude={"updated_at"}):
        return False
    store.put_photo(
        article_id, after.model_copy(update={"updated_at": utc_now()}), replacing=before
    )
    return True


def process_upload(
    store: ArticleStore,
    content: ContentBucket,
    site: SiteBucket,
    render: Queue,
    upload: PhotoUploaded,
) -> PhotoOutcome | None:
    """Process the photo an upload is for, as soon as it arrives; None when the upload is
    not its photo's current one (a stale or replayed form, a photo or article removed).

    The photo's status, reason, embedded caption, alt text and credit and renditions are
    recorded on it; when that changed a live article, a render is asked for, so that its
    page follows.
    """
    try:
        article = store.get(upload.article_id)
    except ArticleNotFound:
        return None
    photo = next((p for p in article.photos if p.name == upload.photo_name), None)
    if photo is None or photo.upload_id != upload.upload_id:
        return None
    outcome = process_photo(store, content, article.id, photo, _OncePerContent(site))
    if outcome.recorded and article.is_live:
        render.send(RenderRequested(article_id=article.id, version=article.version))
    return outcome


def process_article_photos(
    store: ArticleStore,
    content: ContentBucket,
    site: SiteBucket,
    render: Queue,
    message: PhotosRequested,
) -> list[PhotoOutcome]:
    """Process every uploaded photo of the article, then ask for the article to be rendered.

    An article deleted meanwhile has no photos to process; the render is still asked
    for, and takes it off the site.
    """
    request = RenderRequested(
        article_id=message.article_id,
        version=message.version,
        correlation_id=message.correlation_id,
    )
    try:
        article = store.get(message.article_id)
    except ArticleNotFound:
        render.send(request)
        return []
    files = _OncePerContent(site)
    _ = (content.client, site.client)  # made here, once, before the threads share them
    one: Callable[[Photo], PhotoOutcome] = lambda photo: process_photo(  # noqa: E731
        store, content, article.id, photo, files
    )
    with ThreadPoolExecutor(PHOTO_THREADS) as pool:
        outcomes = list(pool.map(one, article.photos))
    render.send(request)
    return outcomes
