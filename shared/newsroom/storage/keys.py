"""Where things live in the buckets. Every key is built here and nowhere else."""

from __future__ import annotations

import re

from newsroom.ids import is_upload_id
from newsroom.models.fields import PHOTO_NAME_PATTERN

_PHOTO_NAME = re.compile(PHOTO_NAME_PATTERN)


ORIGINALS_PREFIX = "originals/"


def original_key(article_id: str, photo_name: str, upload_id: str = "") -> str:
    """The content-bucket key one upload of an editor's photo goes to.

    Each upload form has a key of its own (`upload_id`), so the bytes a form uploads can
    only ever be read as that upload: posting the form again cannot change a photo that
    was processed from it. (Photos uploaded before uploads had ids have none.)
    """
    if not _PHOTO_NAME.match(photo_name) or ".." in photo_name:
        raise ValueError(f"not a safe photo name: {photo_name!r}")
    if upload_id and not is_upload_id(upload_id):
        raise ValueError(f"not an upload id: {upload_id!r}")
    if not upload_id:
        return f"{ORIGINALS_PREFIX}{article_id}/{photo_name}"
    return f"{ORIGINALS_PREFIX}{article_id}/{upload_id}/{photo_name}"


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
