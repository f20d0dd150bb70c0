"""Previewing an article: the article as it would be published, from what is stored or
from a draft that is not saved.

Nothing is written: a preview reads the article (for its photos, its status and its
address), and, for a photo whose upload may have arrived but is not processed yet, asks
the content bucket whether it is there. Whoever may read the article may preview it.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime

from newsroom.editorial.articles import read_article, slug_for
from newsroom.editorial.newsroom import Newsroom
from newsroom.editorial.photos import DOWNLOAD_URL_TTL_SECONDS
from newsroom.models.article import Article, Photo, PhotoStatus, Rendition
from newsroom.models.caller import Caller
from newsroom.models.editorial import ArticleDraft
from newsroom.models.fields import utc_now
from newsroom.site.markdown import prepare_body
from newsroom.site.pages import ORIGINAL
from newsroom.storage.keys import original_key

# Originals a browser shows as they are (HEIC and HEIF wait for their renditions).
SHOWN_AS_UPLOADED = frozenset({"image/jpeg", "image/png", "image/webp"})
LOOKUPS_AT_ONCE = 8


@dataclass(frozen=True)
class ArticlePreview:
    """The article as it would be published now, and what its page cannot show as it will.

    `article` carries the time it would be published at (its own once published or
    scheduled, else now) and its photos: the ready ones, and those whose upload has
    arrived but is still being processed, drawn from their originals (`processing`).
    `awaiting` have had no upload yet; `rejected` will never show.
    """

    article: Article
    saved: bool
    awaiting: list[Photo] = field(default_factory=list)
    processing: list[Photo] = field(default_factory=list)
    rejected: list[Photo] = field(default_factory=list)


def _as_drafted(article: Article, draft: ArticleDraft, now: datetime) -> Article:
    """The article with the draft's fields, as saving the draft would make it."""
    changes: dict[str, object] = {
        **draft.model_dump(),
        "body_prepared": prepare_body(draft.body),
        "updated_at": now,
    }
    if article.published_at is None:
        changes["slug"] = slug_for(draft.title, article.id)
    return article.model_copy(update=changes)


def _arrived_originals(newsroom: Newsroom, article: Article) -> dict[str, str]:
    """The photos waiting for processing whose original is there to show, each with a
    presigned GET of it."""
    waiting = [p for p in article.photos if p.status is PhotoStatus.AWAITING_UPLOAD]
    if not waiting:
        return {}
    keys = {p.name: original_key(article.id, p.name, p.upload_id) for p in waiting}
    with ThreadPoolExecutor(min(LOOKUPS_AT_ONCE, len(keys))) as lookups:
        arrived = dict(
            zip(keys, lookups.map(newsroom.content_bucket.arrived, keys.values()), strict=True)
        )
    return {
        name: newsroom.content_bucket.presign_download(key, DOWNLOAD_URL_TTL_SECONDS)
        for name, key in keys.items()
        if arrived[name]
    }


def _drawn_from_original(photo: Photo, url: str) -> Photo:
    original = Rendition(width=0, height=0, format=ORIGINAL, key=url)
    return photo.model_copy(update={"status": PhotoStatus.READY, "renditions": [original]})


def preview_article(
    newsroom: Newsroom, article_id: str, *, by: Caller, draft: ArticleDraft | None = None
) -> ArticlePreview:
    """The article (or, with `draft`, the article as saving that draft would make it) as
    it would be published now."""
    article = read_article(newsroom, article_id, by=by)
    now = utc_now()
    if draft is not None:
        article = _as_drafted(article, draft, now)
    originals = _arrived_originals(newsroom, article)
    photos: list[Photo] = []
    awaiting: list[Photo] = []
    processing: list[Photo] = []
    rejected: list[Photo] = []
    for photo in article.photos:
        if photo.status is PhotoStatus.REJECTED:
            rejected.append(photo)
            photos.append(photo)
        elif photo.status is PhotoStatus.AWAITING_UPLOAD and photo.name in originals:
            processing.append(photo)
            shown = photo.content_type in SHOWN_AS_UPLOADED
            photos.append(_drawn_from_original(photo, originals[photo.name]) if shown else photo)
        elif photo.status is PhotoStatus.AWAITING_UPLOAD:
            awaiting.append(photo)
            photos.append(photo)
        else:
            photos.append(photo)
    published_at = article.published_at or article.scheduled_for or now
    as_published = article.model_copy(update={"published_at": published_at})
    as_published.photos = photos
    return ArticlePreview(as_published, draft is None, awaiting, processing, rejected)
