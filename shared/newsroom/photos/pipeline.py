"""Processing the photos of a published article version, then asking for a render.

Renditions are named by the content of the original (its SHA-256), so the same bytes,
in one article or two, are processed once: a manifest, written after every rendition
is stored, says they exist. A photo already processed from the same bytes is skipped,
and a photo record is written only when something about it changed, so a message
delivered again writes nothing. An article's photos are processed on a few threads.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from pydantic import BaseModel

from newsroom.aws.queues import Queue
from newsroom.models.article import Photo, PhotoStatus, Rendition
from newsroom.models.fields import utc_now
from newsroom.models.messages import PhotosRequested, RenderRequested
from newsroom.photos.captions import EmbeddedText, caption_photo
from newsroom.photos.renditions import PIPELINE_VERSION, PhotoRejected, make_renditions
from newsroom.storage.articles import ArticleStore
from newsroom.storage.buckets import (
    IMMUTABLE_CACHE_CONTROL,
    ContentBucket,
    ObjectMissing,
    SiteBucket,
)
from newsroom.storage.keys import original_key, rendition_key

logger = logging.getLogger(__name__)

PHOTO_THREADS = 2


@dataclass(frozen=True)
class PhotoOutcome:
    """What happened to one photo."""

    name: str
    status: PhotoStatus
    processed: bool
    reason: str = ""


class PhotoFile(BaseModel):
    """What processing made of one original's bytes (the manifest, stored with them)."""

    width: int
    height: int
    renditions: list[Rendition]
    social: Rendition
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
        self._site = site
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
            known = _stored_file(self._site, content_hash)
            result = (
                (known, False) if known else (_process_file(self._site, data, content_hash), True)
            )
        except BaseException as error:
            future.set_exception(error)
            raise
        future.set_result(result)
        return result


def _save_if_changed(store: ArticleStore, article_id: str, before: Photo, after: Photo) -> None:
    if after.model_dump(exclude={"updated_at"}) != before.model_dump(exclude={"updated_at"}):
        store.put_photo(article_id, after.model_copy(update={"updated_at": utc_now()}))


def _rejected(photo: Photo, reason: str, content_hash: str) -> Photo:
    return photo.model_copy(
        update={
            "status": PhotoStatus.REJECTED,
            "reason": reason,
            "sha256": content_hash,
            "renditions": [],
            "social": None,
            "placeholder": "",
            "colour": "",
        }
    )


def _ready(photo: Photo, photo_file: PhotoFile, content_hash: str) -> Photo:
    return photo.model_copy(
        update={
            "status": PhotoStatus.READY,
            "reason": "",
            "sha256": content_hash,
            "width": photo_file.width,
            "height": photo_file.height,
            "renditions": photo_file.renditions,
            "social": photo_file.social,
            "placeholder": photo_file.placeholder,
            "colour": photo_file.colour,
            **caption_photo(photo, photo_file.text),
        }
    )


def process_photo(
    store: ArticleStore,
    content: ContentBucket,
    article_id: str,
    photo: Photo,
    files: _OncePerContent,
) -> PhotoOutcome:
    """Make (or find) the renditions of one uploaded photo and record them on the photo."""
    try:
        data = content.read(original_key(article_id, photo.name))
    except ObjectMissing:
        return PhotoOutcome(photo.name, photo.status, processed=False, reason="not uploaded yet")
    except ValueError as error:
        return _reject(store, article_id, photo, _rejected(photo, str(error), ""))
    content_hash = hashlib.sha256(data).hexdigest()
    if photo.sha256 == content_hash and photo.status is PhotoStatus.REJECTED:
        return PhotoOutcome(photo.name, photo.status, processed=False, reason=photo.reason)
    try:
        photo_file, processed = files.photo_file(data, content_hash)
    except PhotoRejected as error:
        return _reject(store, article_id, photo, _rejected(photo, str(error), content_hash))
    del data
    _save_if_changed(store, article_id, photo, _ready(photo, photo_file, content_hash))
    return PhotoOutcome(photo.name, PhotoStatus.READY, processed=processed)


def _reject(store: ArticleStore, article_id: str, photo: Photo, rejected: Photo) -> PhotoOutcome:
    logger.warning(
        "photo rejected",
        extra={"article_id": article_id, "photo": photo.name, "reason": rejected.reason},
    )
    _save_if_changed(store, article_id, photo, rejected)
    return PhotoOutcome(photo.name, PhotoStatus.REJECTED, processed=False, reason=rejected.reason)


def process_article_photos(
    store: ArticleStore,
    content: ContentBucket,
    site: SiteBucket,
    render: Queue,
    message: PhotosRequested,
) -> list[PhotoOutcome]:
    """Process every uploaded photo of the article, then ask for the article to be rendered."""
    article = store.get(message.article_id)
    files = _OncePerContent(site)
    _ = (content.client, site.client)  # made here, once, before the threads share them
    one: Callable[[Photo], PhotoOutcome] = lambda photo: process_photo(  # noqa: E731
        store, content, article.id, photo, files
    )
    with ThreadPoolExecutor(PHOTO_THREADS) as pool:
        outcomes = list(pool.map(one, article.photos))
    render.send(
        RenderRequested(
            article_id=article.id, version=message.version, correlation_id=message.correlation_id
        )
    )
    return outcomes
