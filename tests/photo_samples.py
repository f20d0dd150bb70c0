"""Sample photos the photo tests build themselves: every format, metadata, bad files.

IPTC is written as IIM datasets inside a Photoshop 3.0 APP13 block (image resource
8BIM 0x0404); XMP as an APP1 segment with Adobe's namespace header.
"""

from __future__ import annotations

import io
import struct
import unicodedata
import zlib
from xml.sax.saxutils import escape

from PIL import Image

from tests.photos import make_jpeg

XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
UTF8_MARKER = b"\x1b%G"

CAPTION_VI = "Bà con nông dân Đắk Lắk thu hoạch cà phê trong nắng sớm"
BY_LINE_VI = "Nguyễn Thị Hương"
CREDIT_VI = "Báo Đắk Lắk"


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: a base letter, then a combining tone mark."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in decomposed if c in _TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def iptc_dataset(record: int, dataset: int, value: bytes) -> bytes:
    """One IIM dataset: tag marker, record, dataset, 2-byte length, value."""
    return struct.pack(">BBBH", 0x1C, record, dataset, len(value)) + value


def iptc_block(
    caption: str = "",
    by_line: str = "",
    credit: str = "",
    *,
    encoding: str = "utf-8",
    utf8_marker: bool = True,
) -> bytes:
    """An IPTC IIM block with the caption (2:120), by-line (2:80) and credit (2:110)."""
    block = b""
    if utf8_marker:
        block += iptc_dataset(1, 90, UTF8_MARKER)
    block += iptc_dataset(2, 0, b"\x00\x04")
    for dataset, text in ((120, caption), (80, by_line), (110, credit)):
        if text:
            value = to_cp1258(text) if encoding == "cp1258" else text.encode(encoding)
            block += iptc_dataset(2, dataset, value)
    return block


def photoshop_app13(iptc: bytes) -> bytes:
    """The APP13 payload: Photoshop 3.0 image resources holding the IPTC block."""
    padding = b"\x00" if len(iptc) % 2 else b""
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00"
    return b"Photoshop 3.0\x00" + resource + struct.pack(">I", len(iptc)) + iptc + padding


def xmp_packet(
    description: str = "", creators: tuple[str, ...] = (), credit: str = "", alt: str = ""
) -> bytes:
    """An XMP packet with dc:description, dc:creator, photoshop:Credit and alt text."""
    parts = []
    if description:
        parts.append(
            "<dc:description><rdf:Alt>"
            f'<rdf:li xml:lang="x-default">{escape(description)}</rdf:li>'
            "</rdf:Alt></dc:description>"
        )
    if creators:
        items = "".join(f"<rdf:li>{escape(c)}</rdf:li>" for c in creators)
        parts.append(f"<dc:creator><rdf:Seq>{items}</rdf:Seq></dc:creator>")
    if alt:
        parts.append(
            "<Iptc4xmpCore:AltTextAccessibility><rdf:Alt>"
            f'<rdf:li xml:lang="x-default">{escape(alt)}</rdf:li>'
            "</rdf:Alt></Iptc4xmpCore:AltTextAccessibility>"
        )
    credit_attribute = f' photoshop:Credit="{escape(credit)}"' if credit else ""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
        ' xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"'
        f"{credit_attribute}>" + "".join(parts) + "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    ).encode("utf-8")


def with_segments(jpeg: bytes, *segments: tuple[int, bytes]) -> bytes:
    """The JPEG with APPn/COM segments (marker, payload) inserted right after SOI."""
    inserted = b"".join(
        bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload
        for marker, payload in segments
    )
    return jpeg[:2] + inserted + jpeg[2:]


def jpeg_with_iptc(iptc: bytes, **jpeg: object) -> bytes:
    return with_segments(make_jpeg(**jpeg), (0xED, photoshop_app13(iptc)))  # type: ignore[arg-type]


def jpeg_with_xmp(xmp: bytes, **jpeg: object) -> bytes:
    return with_segments(make_jpeg(**jpeg), (0xE1, XMP_HEADER + xmp))  # type: ignore[arg-type]


def encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def sample_image(width: int = 1200, height: int = 800) -> Image.Image:
    return Image.open(io.BytesIO(make_jpeg(width, height))).convert("RGB")


def make_webp(width: int = 1200, height: int = 800) -> bytes:
    return encode(sample_image(width, height), "WEBP", quality=85)


def make_heic(width: int = 1200, height: int = 800) -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    return encode(sample_image(width, height), "HEIF", quality=80)


def display_p3_jpeg(width: int = 800, height: int = 600) -> bytes:
    """A JPEG in Display P3 with the profile embedded (converted by libvips)."""
    import pyvips

    srgb = pyvips.Image.black(width, height).new_from_image([200, 30, 30])
    srgb = srgb.copy(interpretation="srgb").cast("uchar")
    p3 = srgb.icc_transform("p3", input_profile="srgb")
    return bytes(p3.jpegsave_buffer(Q=90, keep="icc"))


def png_with_size_in_header(width: int, height: int) -> bytes:
    """A PNG whose header claims `width`×`height` but carries one tiny row of data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 16))
        + chunk(b"IEND", b"")
    )


SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script></svg>"
)
