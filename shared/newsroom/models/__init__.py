"""Pydantic models for everything that crosses a boundary: API bodies, queue messages, records."""

from newsroom.models.article import (
    Article,
    ArticleDraft,
    ArticleStatus,
    Photo,
    PhotoStatus,
    PhotoUploadRequest,
    Rendition,
)
from newsroom.models.messages import PhotosRequested, RenderRequested

__all__ = [
    "Article",
    "ArticleDraft",
    "ArticleStatus",
    "Photo",
    "PhotoStatus",
    "PhotoUploadRequest",
    "PhotosRequested",
    "RenderRequested",
    "Rendition",
]
