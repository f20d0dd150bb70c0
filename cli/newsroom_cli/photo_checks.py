"""Photos checked on the editor's machine before they are uploaded, with the server's own checks.

A photo the images function would reject is refused here first, naming the file and
the reason, so that nothing is "uploaded" only to be left off the article: its size
(at most 25 MB, known before reading it), its type from its bytes, never its name
(`newsroom.photos.formats`), and what its header says, pixel count included
(`newsroom.photos.renditions.read_header`, which decodes no pixels).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsroom.photos.formats import MAX_PHOTO_BYTES, PhotoRejected, looks_like_svg, sniff_format
from newsroom.photos.renditions import read_header

from newsroom_cli.article_file import PhotoEntry
from newsroom_cli.errors import CommandError
from newsroom_cli.messages import cause, decimal, language, say

CONTENT_TYPES = {
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "heif": "image/heic",
}
MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class CheckedPhoto:
    """A photo that passed: what to declare when uploading it, and its bytes' SHA-256."""

    entry: PhotoEntry
    content_type: str
    sha256: str
    size: int


def _rejection(error: PhotoRejected) -> str:
    """Why the server's checks refuse a photo, in the editor's language (the words of the
    newsroom's catalogue, as the API says them)."""
    from newsroom.i18n import say as say_in

    return say_in(error.message, language())


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, as the server records a processed photo's."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def check_photo(photo: PhotoEntry) -> CheckedPhoto:
    """The photo, if the newsroom can use it; a CommandError naming it and saying why not."""
    try:
        size = photo.path.stat().st_size
        if size > MAX_PHOTO_BYTES:
            raise CommandError(
                say(
                    "photo.too_large",
                    name=photo.written_as,
                    size=decimal(size / MEGABYTE),
                    limit=MAX_PHOTO_BYTES // MEGABYTE,
                )
            )
        data = photo.path.read_bytes()
    except OSError as error:
        raise CommandError(
            say("photo.unreadable", name=photo.written_as, error=cause(error))
        ) from None
    if sniff_format(data[:32]) is None:
        key = "photo.svg" if looks_like_svg(data) else "photo.not_a_photo"
        raise CommandError(say(key, name=photo.written_as))
    try:
        header = read_header(data)
    except PhotoRejected as error:
        raise CommandError(
            say("photo.refused", name=photo.written_as, reason=_rejection(error))
        ) from None
    return CheckedPhoto(
        entry=photo,
        content_type=CONTENT_TYPES[header.format],
        sha256=hashlib.sha256(data).hexdigest(),
        size=size,
    )


def check_photos(photos: Sequence[PhotoEntry]) -> dict[str, CheckedPhoto]:
    """Every photo checked, by name; one CommandError listing each refused photo."""
    checked: dict[str, CheckedPhoto] = {}
    refused: list[str] = []
    for photo in photos:
        try:
            checked[photo.name] = check_photo(photo)
        except CommandError as error:
            refused.append(str(error))
    if refused:
        raise CommandError("\n".join(refused))
    return checked
