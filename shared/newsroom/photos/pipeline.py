"""Processing the photos of a published article version, then asking for a render."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass

from newsroom.aws.queues import Queue
from newsroom.models.article import Photo, PhotoStatus, Rendition
from newsroom.models.fields import utc_now
from newsroom.models.messages import PhotosRequested, RenderRequested
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


@dataclass(frozen=True)
class PhotoOutcome:
    """What happened to one photo."""

    name: str
    status: PhotoStatus
    processed: bool
    reason: str = ""


def _manifest_key(content_hash: str) -> str:
    return rendition_key(content_hash, 0, "json", PIPELINE_VERSION).replace(
        "/0.json", "/manifest.json"
    )


def _known_renditions(
    site: SiteBucket, content_hash: str
) -> tuple[int, int, list[Rendition]] | None:
    """Renditions made earlier from the same bytes (for this or another article)."""
    try:
        manifest = json.loads(site.read(_manifest_key(content_hash)))
    except ObjectMissing:
        return None
    renditions = [Rendition.model_validate(r) for r in manifest["renditions"]]
    return int(manifest["width"]), int(manifest["height"]), renditions


def _render_and_store(
    site: SiteBucket, data: bytes, content_hash: str
) -> tuple[int, int, list[Rendition]]:
    processed = make_renditions(data)
    renditions = []
    for encoded in processed.renditions:
        key = rendition_key(content_hash, encoded.width, encoded.format, PIPELINE_VERSION)
        site.put(key, encoded.data, encoded.content_type, IMMUTABLE_CACHE_CONTROL)
        renditions.append(
            Rendition(width=encoded.width, height=encoded.height, format=encoded.format, key=key)
        )
    manifest = {
        "width": processed.width,
        "height": processed.height,
        "renditions": [r.model_dump() for r in renditions],
    }
    # The manifest is written last: its presence means every rendition is stored.
    site.put(
        _manifest_key(content_hash),
        json.dumps(manifest).encode(),
        "application/json",
        IMMUTABLE_CACHE_CONTROL,
    )
    return processed.width, processed.height, renditions


def process_photo(
    store: ArticleStore, content: ContentBucket, site: SiteBucket, article_id: str, photo: Photo
) -> PhotoOutcome:
    """Make (or find) the renditions of one uploaded photo and record them on the photo."""
    try:
        data = content.read(original_key(article_id, photo.name))
    except ObjectMissing:
        return PhotoOutcome(photo.name, photo.status, processed=False, reason="not uploaded yet")
    except ValueError as error:
        return _reject(store, article_id, photo, str(error))
    content_hash = hashlib.sha256(data).hexdigest()
    if photo.status is PhotoStatus.READY and photo.sha256 == content_hash:
        return PhotoOutcome(photo.name, photo.status, processed=False)
    known = _known_renditions(site, content_hash)
    try:
        width, height, renditions = known or _render_and_store(site, data, content_hash)
    except PhotoRejected as error:
        return _reject(store, article_id, photo, str(error), content_hash)
    ready = photo.model_copy(
        update={
            "status": PhotoStatus.READY,
            "reason": "",
            "sha256": content_hash,
            "width": width,
            "height": height,
            "renditions": renditions,
            "updated_at": utc_now(),
        }
    )
    store.put_photo(article_id, ready)
    return PhotoOutcome(photo.name, PhotoStatus.READY, processed=known is None)


def _reject(
    store: ArticleStore, article_id: str, photo: Photo, reason: str, content_hash: str = ""
) -> PhotoOutcome:
    logger.warning(
        "photo rejected", extra={"article_id": article_id, "photo": photo.name, "reason": reason}
    )
    rejected = photo.model_copy(
        update={
            "status": PhotoStatus.REJECTED,
            "reason": reason,
            "sha256": content_hash,
            "renditions": [],
            "updated_at": utc_now(),
        }
    )
    store.put_photo(article_id, rejected)
    return PhotoOutcome(photo.name, PhotoStatus.REJECTED, processed=False, reason=reason)


def process_article_photos(
    store: ArticleStore,
    content: ContentBucket,
    site: SiteBucket,
    render: Queue,
    message: PhotosRequested,
) -> list[PhotoOutcome]:
    """Process every uploaded photo of the article, then ask for the article to be rendered."""
    article = store.get(message.article_id)
    outcomes = [process_photo(store, content, site, article.id, photo) for photo in article.photos]
    render.send(
        RenderRequested(
            article_id=article.id, version=message.version, correlation_id=message.correlation_id
        )
    )
    return outcomes
