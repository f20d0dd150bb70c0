"""Web renditions of one photo: upright, sRGB, metadata-free, at the widths pages use.

Besides the photo in its own shape, it makes crops of one shape (3:2) for listings
and the home page, and a 1200×630 share card: libvips' attention-based crop keeps
the part of the photo that draws the eye (faces, detail, contrast), not its middle.

The header is read first (Pillow parses it without decoding a pixel): type, size in
pixels, orientation, colour profile and the caption metadata. Only a photo that passes
is decoded, by libvips: a JPEG is shrunk while it is decoded (shrink-on-load), so a
50-megapixel photo never sits in memory at full size; the widest rendition is made
once and every narrower one is derived from it; the encodes run on threads. HEIC
photos are decoded by pillow-heif, then handed to libvips the same way.
"""

from __future__ import annotations

import base64
import io
import logging
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING

from newsroom.i18n import Message
from newsroom.photos.captions import EmbeddedText, embedded_text, iptc_from_photoshop
from newsroom.photos.formats import PhotoRejected, accepted_format, label

if TYPE_CHECKING:
    import pyvips
    from PIL import Image

logger = logging.getLogger(__name__)

__all__ = ["PhotoRejected", "ProcessedPhoto", "make_renditions", "read_header"]

WIDTHS = (320, 640, 960, 1280, 1920)
FORMATS = ("webp", "jpeg")
JPEG_QUALITY = 82
WEBP_QUALITY = 80
WEBP_EFFORT = 4
SOCIAL_SIZE = (1200, 630)
CROP_WIDTHS = (320, 640, 960)  # 3:2 crops for listings and the home page
CROP_SHAPE = (3, 2)
PLACEHOLDER_WIDTH = 16
MAX_PIXELS = 100_000_000
MEGAPIXEL = 1_000_000
PIPELINE_VERSION = "p4"
ENCODE_THREADS = 4

_PIL_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "heif": "HEIF"}
_ORIENTATION = 0x0112
_SIDEWAYS = {5, 6, 7, 8}


@dataclass(frozen=True)
class PhotoHeader:
    """What a photo's header says, read without decoding its pixels."""

    format: str
    width: int
    height: int
    needs_srgb: bool
    text: EmbeddedText


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

    @property
    def extension(self) -> str:
        return "jpg" if self.format == "jpeg" else self.format


@dataclass(frozen=True)
class ProcessedPhoto:
    """What processing made of one original."""

    width: int
    height: int
    renditions: list[EncodedRendition]
    social: EncodedRendition
    crops: list[EncodedRendition]
    """The most interesting 3:2 part of the photo, at `CROP_WIDTHS` (never enlarged)."""
    placeholder: str
    colour: str
    text: EmbeddedText


def _register_heif() -> None:
    try:
        import pillow_heif  # imported only when a phone photo arrives
    except ImportError as error:
        raise PhotoRejected(Message("photo.rejected.heic_unsupported")) from error
    pillow_heif.register_heif_opener()


def _is_srgb(icc: bytes) -> bool:
    from PIL import ImageCms  # only photos with a colour profile need it

    try:
        description = ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(icc)))
    except (ImageCms.PyCMSError, OSError, TypeError):
        return True  # an unreadable profile: treat the pixels as sRGB
    return "srgb" in description.lower()


@cache
def _pillow() -> ModuleType:
    """Pillow, loaded with the first photo rather than at cold start."""
    from PIL import Image

    # The pixel limit is checked here, from the header, with a reason for the editor.
    warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)
    return Image


def _open(data: bytes, kind: str) -> Image.Image:
    pillow = _pillow()
    if kind == "heif":
        _register_heif()
    try:
        opened: Image.Image = pillow.open(io.BytesIO(data), formats=[_PIL_FORMATS[kind]])
    except pillow.DecompressionBombError as error:
        raise PhotoRejected(
            Message("photo.rejected.pixels_beyond", limit_mp=MAX_PIXELS // MEGAPIXEL)
        ) from error
    except Exception as error:
        raise PhotoRejected(Message("photo.rejected.unreadable", format=label(kind))) from error
    return opened


def read_header(data: bytes) -> PhotoHeader:
    """Check the file without decoding it; PhotoRejected with the reason if it is unusable."""
    kind = accepted_format(data)
    image = _open(data, kind)
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise PhotoRejected(
            Message(
                "photo.rejected.too_many_pixels",
                width=width,
                height=height,
                megapixels=-(-width * height // MEGAPIXEL),
                limit_mp=MAX_PIXELS // MEGAPIXEL,
            )
        )
    if kind != "heif" and _orientation(image) in _SIDEWAYS:
        width, height = height, width
    icc = image.info.get("icc_profile") or b""
    return PhotoHeader(
        format=kind,
        width=width,
        height=height,
        needs_srgb=bool(icc) and not _is_srgb(icc),
        text=_embedded_text(image),
    )


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(_ORIENTATION, 1))
    except Exception:  # unreadable EXIF: libvips decides alike, the photo stays as stored
        return 1


def _embedded_text(image: Image.Image) -> EmbeddedText:
    """The caption metadata; a photo whose metadata cannot be read simply has none."""
    try:
        iptc = b"".join(
            iptc_from_photoshop(segment)
            for marker, segment in getattr(image, "applist", [])
            if marker == "APP13"
        )
        return embedded_text(iptc, image.info.get("xmp") or b"")
    except Exception:
        logger.warning("unreadable caption metadata", exc_info=True)
        return EmbeddedText()


def _decode(data: bytes, header: PhotoHeader, width: int) -> pyvips.Image:
    """The photo upright, in sRGB, 8-bit RGB, at most `width` wide."""
    import pyvips  # libvips loads with the first photo, not at cold start

    options: dict[str, object] = {"height": 10_000_000, "size": "down", "fail_on": "error"}
    if header.needs_srgb:
        options["export_profile"] = "srgb"
    try:
        if header.format == "heif":
            image = pyvips.Image.thumbnail_image(_heif_to_vips(data), width, **options)
        else:
            image = pyvips.Image.thumbnail_buffer(data, width, **options)
        if image.interpretation != "srgb":
            image = image.colourspace("srgb")
        if image.hasalpha():
            image = image.flatten(background=[255, 255, 255])
        if image.format != "uchar":
            image = image.cast("uchar")
        return image.copy_memory()
    except pyvips.Error as error:
        raise PhotoRejected(
            Message("photo.rejected.undecodable", format=label(header.format))
        ) from error


def _heif_to_vips(data: bytes) -> pyvips.Image:
    """The decoded HEIC handed to libvips without a copy (pillow-heif applies its rotation)."""
    import pillow_heif
    import pyvips

    try:
        heif = pillow_heif.open_heif(data, convert_hdr_to_8bit=True)
        pixels = heif.data  # decodes here
    except Exception as error:
        raise PhotoRejected(Message("photo.rejected.undecodable", format=label("heif"))) from error
    width, height = heif.size
    bands = 4 if heif.has_alpha else 3
    image = pyvips.Image.new_from_memory(pixels, heif.stride // bands, height, bands, "uchar")
    image = image.crop(0, 0, width, height).copy(interpretation="srgb")
    icc = heif.info.get("icc_profile")
    if icc:
        image.set_type(pyvips.GValue.blob_type, "icc-profile-data", icc)
    return image


def _encode(image: pyvips.Image, fmt: str, keep: str) -> bytes:
    if fmt == "jpeg":
        data = image.jpegsave_buffer(
            Q=JPEG_QUALITY, optimize_coding=True, interlace=True, keep=keep
        )
    else:
        data = image.webpsave_buffer(Q=WEBP_QUALITY, effort=WEBP_EFFORT, keep=keep)
    return bytes(data)


def _resized(image: pyvips.Image, width: int) -> pyvips.Image:
    if width == image.width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize(width / image.width, vscale=height / image.height).copy_memory()


def _social_crop(image: pyvips.Image) -> pyvips.Image:
    """The most interesting 1200×630 of the photo (smaller, same shape, for small photos)."""
    box_width, box_height = SOCIAL_SIZE
    scale = max(box_width / image.width, box_height / image.height)
    if scale <= 1:
        scaled = _resized(image, max(box_width, round(image.width * scale)))
        return scaled.smartcrop(box_width, min(box_height, scaled.height), interesting="attention")
    width = min(image.width, round(image.height * box_width / box_height))
    height = min(image.height, round(width * box_height / box_width))
    return image.smartcrop(width, height, interesting="attention")


def _social_card(image: pyvips.Image, keep: str) -> EncodedRendition:
    card = _social_crop(image)
    return EncodedRendition(card.width, card.height, "jpeg", _encode(card, "jpeg", keep))


def _crop(image: pyvips.Image) -> pyvips.Image:
    """The most interesting 3:2 part of the photo, at most as wide as the widest crop."""
    across, down = CROP_SHAPE
    box_width = min(image.width, image.height * across // down)
    width = min(CROP_WIDTHS[-1], box_width)
    if width < box_width:
        image = _resized(image, max(1, round(image.width * width / box_width)))
    height = min(image.height, round(width * down / across))
    return image.smartcrop(min(width, image.width), height, interesting="attention")


def _crop_widths(crop_width: int) -> list[int]:
    return sorted({w for w in CROP_WIDTHS if w < crop_width} | {crop_width})


def _placeholder(image: pyvips.Image) -> tuple[str, str]:
    """A 16-pixel-wide blurred copy as a data: URI, and the dominant colour as #rrggbb."""
    tiny = _resized(image, min(PLACEHOLDER_WIDTH, image.width))
    encoded = bytes(tiny.webpsave_buffer(Q=50, effort=4, keep="none"))
    red, green, blue = (round(tiny.extract_band(band).avg()) for band in range(3))
    uri = "data:image/webp;base64," + base64.b64encode(encoded).decode("ascii")
    return uri, f"#{red:02x}{green:02x}{blue:02x}"


def make_renditions(data: bytes, header: PhotoHeader | None = None) -> ProcessedPhoto:
    """Decode, turn upright, convert to sRGB and encode every width in every format.

    Outputs carry no metadata at all (no EXIF, GPS, XMP, IPTC or comments), except an
    sRGB profile when the photo had another colour profile and was converted.
    """
    header = header or read_header(data)
    base = _decode(data, header, min(header.width, WIDTHS[-1]))
    widths = sorted({w for w in WIDTHS if w < base.width} | {base.width})
    keep = "icc" if header.needs_srgb else "none"
    # Widest first: the longest jobs start first, so the threads finish together. The
    # resizes are queued before the encodes that wait for them, so none waits on a job
    # that has not started.
    jobs = sorted(((w, fmt) for w in widths for fmt in FORMATS), reverse=True)
    with ThreadPoolExecutor(ENCODE_THREADS) as pool:
        sizes = {w: pool.submit(_resized, base, w) for w in reversed(widths)}
        social = pool.submit(_social_card, base, keep)
        crop = pool.submit(_crop, base)
        placeholder = pool.submit(_placeholder, base)

        def encode(job: tuple[int, str]) -> EncodedRendition:
            image = sizes[job[0]].result()
            return EncodedRendition(job[0], image.height, job[1], _encode(image, job[1], keep))

        encoded = [pool.submit(encode, job) for job in jobs]
        cropped = crop.result()
        crop_sizes = {w: pool.submit(_resized, cropped, w) for w in _crop_widths(cropped.width)}

        def encode_crop(job: tuple[int, str]) -> EncodedRendition:
            image = crop_sizes[job[0]].result()
            return EncodedRendition(image.width, image.height, job[1], _encode(image, job[1], keep))

        crop_jobs = [(w, fmt) for w in sorted(crop_sizes, reverse=True) for fmt in FORMATS]
        encoded_crops = [pool.submit(encode_crop, job) for job in crop_jobs]
        renditions = sorted((f.result() for f in encoded), key=lambda r: (r.format, r.width))
        crops = sorted((f.result() for f in encoded_crops), key=lambda r: (r.format, r.width))
        placeholder_uri, colour = placeholder.result()
    return ProcessedPhoto(
        width=header.width,
        height=header.height,
        renditions=renditions,
        social=social.result(),
        crops=crops,
        placeholder=placeholder_uri,
        colour=colour,
        text=header.text,
    )
