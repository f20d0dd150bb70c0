"""What a file is, decided from its bytes: never from its name or declared type.

Besides the type, the container is walked (JPEG markers, PNG chunks, WebP RIFF, HEIF
boxes) without decoding any pixels, to find a file that was cut short, and a file that
is an image and something else at once (a polyglot: HTML, script or an archive hidden
in metadata or after the image's end).

A refusal (`PhotoRejected`) says why as a `Message` (`photo.rejected.*`, with the facts
as parameters: sizes in MB, pixels, the format found), kept on the photo and said in
the editor's language when it is shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsroom.i18n import Message, say

ACCEPTED = ("jpeg", "png", "webp", "heif")
MEGABYTE = 1024 * 1024
MAX_PHOTO_BYTES = 25 * MEGABYTE

_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
_SVG_START = re.compile(rb"^(\xef\xbb\xbf)?\s*(<\?xml|<svg|<!doctype\s+svg|<!--)", re.IGNORECASE)
# Active content a browser or an interpreter would run, looked for in metadata and trailers.
_ACTIVE_CONTENT = re.compile(
    rb"<script|<\?php|<html|<svg|<iframe|<object|<embed|<body|javascript:", re.IGNORECASE
)
_JPEG_MARKER_AFTER_SCAN = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
# Other kinds of files editors send by mistake, named in the refusal.
_OTHER_FORMATS = (
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"%PDF-", "PDF"),
)


class PhotoRejected(ValueError):
    """The file cannot be used as a photo; `message` says why, for the editor (the
    exception's own text is the English words, for logs)."""

    def __init__(self, message: Message) -> None:
        super().__init__(say(message, "en"))
        self.message = message


class _Truncated(Exception):
    pass


class _Damaged(Exception):
    def __init__(self, at: int) -> None:
        super().__init__(f"damaged at byte {at}")
        self.at = at


def too_large(size: int) -> Message:
    """Why a file of `size` bytes is refused (whole MB, rounded up: never "25 MB" for a
    file over the limit of 25 MB)."""
    return Message(
        "photo.rejected.too_large",
        size_mb=-(-size // MEGABYTE),
        limit_mb=MAX_PHOTO_BYTES // MEGABYTE,
    )


def sniff_format(head: bytes) -> str | None:
    """`jpeg`, `png`, `webp` or `heif` when the bytes start like one, else None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "heif"
    return None


def looks_like_svg(head: bytes) -> bool:
    """Whether the bytes start like an SVG drawing (XML text)."""
    return bool(_SVG_START.match(head[:256]))


def accepted_format(data: bytes) -> str:
    """The photo's format after every check that needs no decoding; PhotoRejected otherwise."""
    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoRejected(too_large(len(data)))
    if not data:
        raise PhotoRejected(Message("photo.rejected.empty"))
    kind = sniff_format(data[:32])
    if kind is None:
        if looks_like_svg(data):
            raise PhotoRejected(Message("photo.rejected.svg"))
        other = next((name for start, name in _OTHER_FORMATS if data.startswith(start)), None)
        if other is not None:
            raise PhotoRejected(Message("photo.rejected.other_format", format=other))
        raise PhotoRejected(Message("photo.rejected.not_a_photo"))
    try:
        metadata, trailer = _WALKERS[kind](data)
    except (_Truncated, IndexError) as error:  # reading past the end: the file is cut short
        raise PhotoRejected(Message("photo.rejected.truncated", format=_LABEL[kind])) from error
    except _Damaged as error:
        raise PhotoRejected(
            Message("photo.rejected.damaged", format=_LABEL[kind], at=error.at)
        ) from error
    if any(_ACTIVE_CONTENT.search(data, start, end) for start, end in metadata):
        raise PhotoRejected(Message("photo.rejected.hidden_content"))
    if trailer and not _benign_trailer(data[trailer:]):
        raise PhotoRejected(Message("photo.rejected.data_after_image"))
    return kind


_LABEL = {"jpeg": "JPEG", "png": "PNG", "webp": "WebP", "heif": "HEIC"}


def label(kind: str) -> str:
    """A format as editors know it: `jpeg` is JPEG, `heif` is HEIC."""
    return _LABEL.get(kind, kind.upper())


Regions = list[tuple[int, int]]


def _benign_trailer(trailer: bytes) -> bool:
    """Padding, a second JPEG (MPO), a phone's own trailer or a motion photo's video."""
    if not trailer.strip(b"\x00 \r\n\t"):
        return True
    if _ACTIVE_CONTENT.search(trailer):
        return False
    return (
        trailer.startswith(b"\xff\xd8\xff")
        or trailer.endswith(b"SEFT")  # Samsung's trailer of camera settings
        or trailer[4:8] == b"ftyp"  # the short video of a motion photo
    )


def _jpeg(data: bytes) -> tuple[Regions, int]:
    """Metadata segments, and where the data after the end-of-image marker starts (0: none)."""
    metadata: Regions = []
    size = len(data)
    i = 2
    while True:
        if i + 2 > size:
            raise _Truncated
        if data[i] != 0xFF:
            raise _Damaged(i)  # no marker where one must be
        while i < size and data[i] == 0xFF:
            i += 1
        if i >= size:
            raise _Truncated
        marker = data[i]
        i += 1
        if marker == 0xD9:
            return metadata, i if i < size else 0
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            continue
        if i + 2 > size:
            raise _Truncated
        length = int.from_bytes(data[i : i + 2], "big")
        if length < 2:
            raise _Damaged(i)  # a segment shorter than its own length field
        end = i + length
        if end > size:
            raise _Truncated
        if 0xE0 <= marker <= 0xEF or marker == 0xFE:
            metadata.append((i, end))
        if marker == 0xDA:
            found = _JPEG_MARKER_AFTER_SCAN.search(data, end)
            if found is None:
                raise _Truncated
            i = found.start()
        else:
            i = end


def _png(data: bytes) -> tuple[Regions, int]:
    metadata: Regions = []
    size = len(data)
    i = 8
    while True:
        if i + 8 > size:
            raise _Truncated
        length = int.from_bytes(data[i : i + 4], "big")
        kind = data[i + 4 : i + 8]
        end = i + 12 + length
        if end > size:
            raise _Truncated
        if kind not in {b"IDAT", b"fdAT"}:
            metadata.append((i + 8, i + 8 + length))
        if kind == b"IEND":
            return metadata, end if end < size else 0
        i = end


def _webp(data: bytes) -> tuple[Regions, int]:
    metadata: Regions = []
    size = len(data)
    total = 8 + int.from_bytes(data[4:8], "little")
    if total > size:
        raise _Truncated
    i = 12
    while i + 8 <= total:
        length = int.from_bytes(data[i + 4 : i + 8], "little")
        end = i + 8 + length + (length & 1)
        if i + 8 + length > total:
            raise _Truncated
        if data[i : i + 4] not in {b"VP8 ", b"VP8L", b"ALPH", b"ANMF"}:
            metadata.append((i + 8, i + 8 + length))
        i = end
    return metadata, total if total < size else 0


def _heif(data: bytes) -> tuple[Regions, int]:
    metadata: Regions = []
    size = len(data)
    i = 0
    while i < size:
        if i + 8 > size:
            return metadata, i
        length = int.from_bytes(data[i : i + 4], "big")
        kind = data[i + 4 : i + 8]
        header = 8
        if length == 1:
            if i + 16 > size:
                raise _Truncated
            length = int.from_bytes(data[i + 8 : i + 16], "big")
            header = 16
        elif length == 0:
            length = size - i
        if not all(0x20 <= byte <= 0x7E for byte in kind):
            return metadata, i  # not a box: something else follows the image
        if length < header:
            raise _Damaged(i)  # a box shorter than its own header
        if i + length > size:
            raise _Truncated
        if kind != b"mdat":
            metadata.append((i + header, i + length))
        i += length
    return metadata, 0


_WALKERS: dict[str, Callable[[bytes], tuple[Regions, int]]] = {
    "jpeg": _jpeg,
    "png": _png,
    "webp": _webp,
    "heif": _heif,
}
