"""What the API returns: articles and photos as editors see them."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from newsroom.models.article import Article, ArticleStatus, Photo, PhotoStatus, Rendition


class PhotoView(BaseModel):
    """A photo of an article, with where processing has got to."""

    name: str
    caption: str
    alt: str
    credit: str
    status: PhotoStatus
    reason: str
    width: int
    height: int
    renditions: list[Rendition]


class ArticleView(BaseModel):
    """An article as the API shows it, with its public URL."""

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
    version: int
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None
    created_by: str
    updated_by: str
    photos: list[PhotoView]
    rejected_photos: list[PhotoView]


class PhotoUploadView(BaseModel):
    """Where and how to send a photo's bytes."""

    name: str
    upload_url: str
    upload_method: str
    upload_headers: dict[str, str]
    expires_in: int


def photo_view(photo: Photo) -> PhotoView:
    return PhotoView.model_validate(photo.model_dump())


def article_view(article: Article, base_url: str) -> ArticleView:
    """The article for the API: every field, its photos, its URL on the site."""
    photos = [photo_view(p) for p in article.photos]
    return ArticleView.model_validate(
        {
            **article.model_dump(),
            "url": base_url.rstrip("/") + article.path,
            "photos": photos,
            "rejected_photos": [p for p in photos if p.status is PhotoStatus.REJECTED],
        }
    )
