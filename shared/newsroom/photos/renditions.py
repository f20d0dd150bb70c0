"""Web renditions of one photo: upright, sRGB, metadata-free, at the widths pages use."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps

from newsroom.photos.formats import sniff_format

WIDTHS = (320, 640, 960, 1280, 1920)
FORMATS = ("webp", "jpeg")
JPEG_QUALITY = 82
WEBP_QUALITY = 80
MAX_PIXELS = 100_000_000
PIPELINE_VERSION = "p1"

_SRGB = ImageCms.createProfile("sRGB")


class PhotoRejected(ValueError):
    """The file cannot be used as a photo; the message says why, for the editor."""


@dataclass(frozen=True)
class EncodedRendition:
    """One encoded rendition, ready to store."""

    width: int
    height: int
    format: str
    data: bytes

    @property
    def content_type(self) -> str:
        return f"image/{self.format}"


@dataclass(frozen=True)
class ProcessedPhoto:
    """What processing made of one original."""

    width: int
    height: int
    renditions: list[EncodedRendition]


def _open(data: bytes) -> Image.Image:
    kind = sniff_format(data[:32])
    if kind is None:
        raise PhotoRejected("the file is not a JPEG, PNG, WebP or HEIC photo")
    if kind == "heif":
        try:
            import pillow_heif  # imported only when a phone photo arrives

            pillow_heif.register_heif_opener()
        except ImportError as error:
            raise PhotoRejected("HEIC photos are not supported by this deployment") from error
    try:
        image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise PhotoRejected(f"the image has more than {MAX_PIXELS:,} pixels") from error
    except Exception as error:
        raise PhotoRejected("the file is damaged or is not a photo") from error
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise PhotoRejected(
            f"the image is {width}×{height} pixels; at most {MAX_PIXELS:,} pixels are accepted"
        )
    return image


def _to_srgb(image: Image.Image) -> Image.Image:
    profile = image.info.get("icc_profile")
    if image.mode not in {"RGB", "RGBA", "L", "LA"}:
        image = image.convert(
            "RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB"
        )
    if profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            mode = "RGBA" if image.mode in {"RGBA", "LA"} else "RGB"
            converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode)
            if converted is not None:
                image = converted
        except (ImageCms.PyCMSError, OSError):
            pass  # an unreadable profile: keep the pixels as they are
    if image.mode in {"RGBA", "LA"}:
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB") if image.mode != "RGB" else image


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "jpeg":
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    else:
        image.save(out, "WEBP", quality=WEBP_QUALITY, method=4)
    return out.getvalue()


def make_renditions(data: bytes) -> ProcessedPhoto:
    """Decode, turn upright, convert to sRGB and encode every width in every format.

    Outputs carry no metadata at all: no EXIF, GPS, XMP, IPTC or comments.
    """
    previous_limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        image = _open(data)
        try:
            image.load()
        except Exception as error:
            raise PhotoRejected("the file is truncated or damaged") from error
    finally:
        Image.MAX_IMAGE_PIXELS = previous_limit
    upright = ImageOps.exif_transpose(image) or image
    rgb = _to_srgb(upright)
    width, height = rgb.size
    widths = [w for w in WIDTHS if w < width] + [min(width, WIDTHS[-1])]
    renditions: list[EncodedRendition] = []
    source = rgb
    for target in sorted(set(widths), reverse=True):
        target_height = max(1, round(height * target / width))
        resized = source.resize((target, target_height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        source = resized
        for fmt in FORMATS:
            renditions.append(EncodedRendition(target, target_height, fmt, _encode(resized, fmt)))
    renditions.sort(key=lambda r: (r.format, r.width))
    return ProcessedPhoto(width=width, height=height, renditions=renditions)
