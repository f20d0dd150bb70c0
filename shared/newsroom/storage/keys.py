"""Where things live in the buckets. Every key is built here and nowhere else."""

from __future__ import annotations

import re

from newsroom.models.fields import PHOTO_NAME_PATTERN

_PHOTO_NAME = re.compile(PHOTO_NAME_PATTERN)


def original_key(article_id: str, photo_name: str) -> str:
    """The content-bucket key an editor's photo is uploaded to."""
    if not _PHOTO_NAME.match(photo_name) or ".." in photo_name:
        raise ValueError(f"not a safe photo name: {photo_name!r}")
    return f"originals/{article_id}/{photo_name}"


def rendition_key(content_hash: str, width: int, fmt: str, pipeline: str) -> str:
    """The site-bucket key of a rendition: named by the source's content and the recipe."""
    extension = {"jpeg": "jpg"}.get(fmt, fmt)
    return f"media/{content_hash[:2]}/{content_hash[:32]}-{pipeline}/{width}.{extension}"


def page_key(path: str) -> str:
    """The site-bucket key of the page served at `path` (`/a/b/` is `a/b/index.html`)."""
    if not path.startswith("/"):
        raise ValueError(f"site paths start with '/': {path!r}")
    key = path.lstrip("/")
    if key == "" or key.endswith("/"):
        key += "index.html"
    return key
