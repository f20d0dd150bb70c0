"""What a file is, decided from its first bytes: never from its name or declared type."""

from __future__ import annotations

ACCEPTED = ("jpeg", "png", "webp", "heif")


def sniff_format(head: bytes) -> str | None:
    """`jpeg`, `png`, `webp` or `heif` when the bytes start like one, else None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if (
        len(head) >= 12
        and head[4:8] == b"ftyp"
        and head[8:12]
        in {
            b"heic",
            b"heix",
            b"hevc",
            b"hevx",
            b"heim",
            b"heis",
            b"mif1",
            b"msf1",
        }
    ):
        return "heif"
    return None
