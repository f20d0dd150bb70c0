"""Photos made by the tests: JPEGs with EXIF orientation and GPS tags, other formats."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

ORIENTATION = 0x0112
GPS_IFD = 0x8825


def make_jpeg(
    width: int = 1600,
    height: int = 1200,
    *,
    orientation: int | None = None,
    gps: bool = False,
    colour: tuple[int, int, int] = (30, 110, 180),
) -> bytes:
    """A JPEG with a visible pattern, optionally an EXIF orientation and a GPS position."""
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width // 3, height // 3), fill=(220, 40, 40))
    draw.line((0, height - 1, width - 1, 0), fill=(255, 255, 255), width=max(1, width // 100))
    exif = Image.Exif()
    if orientation is not None:
        exif[ORIENTATION] = orientation
    if gps:
        exif[GPS_IFD] = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 51.0, 12.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif.tobytes())
    return out.getvalue()


def make_png(width: int = 800, height: int = 600) -> bytes:
    image = Image.new("RGBA", (width, height), (0, 128, 0, 200))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
