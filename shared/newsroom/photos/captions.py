"""Captions, alt text and credits: from the editor, else from the photo's own metadata.

Photo desks write the caption into the file: IPTC IIM (in a JPEG's APP13 Photoshop
block) or XMP. IPTC text is UTF-8 when record 1:90 carries the ISO 2022 marker
`ESC % G`; without it, it is decoded as UTF-8 when that is valid, else as Windows-1258
(Vietnamese), and normalised to NFC either way.

Text read from a file is held to what an editor may type: control, format (zero-width,
bidirectional) and noncharacter code points are dropped, and a caption, alt text or
credit longer than a typed one may be is cut at a word, with a warning on the photo
(warnings are messages, `photo.warning.*`, said in the editor's language when shown).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from xml.etree import ElementTree

from pydantic import BaseModel, ConfigDict

from newsroom.i18n import Message
from newsroom.models.article import MAX_ALT, MAX_CAPTION, MAX_CREDIT, CaptionSource, Photo
from newsroom.text.characters import without_unwanted

PHOTOSHOP_SIGNATURE = b"Photoshop 3.0\x00"
IPTC_RESOURCE = 0x0404
UTF8_MARKER = b"\x1b%G"

# IPTC IIM datasets, as (record, dataset).
CODED_CHARACTER_SET = (1, 90)
BY_LINE = (2, 80)
CREDIT = (2, 110)
CAPTION_ABSTRACT = (2, 120)

_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "Iptc4xmpCore": "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/",
}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

NO_CAPTION_WARNING = Message("photo.warning.no_caption")
# The longest text kept from a file, as for text an editor types.
LIMITS = {"caption": MAX_CAPTION, "alt": MAX_ALT, "credit": MAX_CREDIT}


class EmbeddedText(BaseModel):
    """Caption, alt text and credit found in a file's metadata, with where each was found
    (kept in the photo's stored manifest)."""

    model_config = ConfigDict(frozen=True)

    caption: str = ""
    caption_source: CaptionSource = CaptionSource.NONE
    alt: str = ""
    alt_source: CaptionSource = CaptionSource.NONE
    credit: str = ""
    credit_source: CaptionSource = CaptionSource.NONE
    cut: dict[str, int] = {}
    """Fields cut to their limit, with the length the file gave them (in characters)."""


def _clean(text: str) -> str:
    """NFC, one space between words, and no character an editor could not type."""
    kept = without_unwanted(unicodedata.normalize("NFC", text), one_line=True)
    return " ".join(kept.split())


def capped(text: str, limit: int) -> str:
    """`text` when it has at most `limit` characters; else its first words that fit, and
    an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-") + "…"


def _decode_iptc(value: bytes, utf8: bool) -> str:
    if utf8:
        return _clean(value.decode("utf-8", errors="replace"))
    try:
        return _clean(value.decode("utf-8"))
    except UnicodeDecodeError:
        return _clean(value.decode("cp1258", errors="replace"))


def iptc_records(block: bytes) -> dict[tuple[int, int], list[bytes]]:
    """The IIM datasets of an IPTC block, in order, by (record, dataset)."""
    records: dict[tuple[int, int], list[bytes]] = {}
    i = 0
    while i + 5 <= len(block):
        if block[i] != 0x1C:
            break
        record, dataset = block[i + 1], block[i + 2]
        length = int.from_bytes(block[i + 3 : i + 5], "big")
        i += 5
        if length & 0x8000:  # extended length: the next N bytes hold it
            count = length & 0x7FFF
            length = int.from_bytes(block[i : i + count], "big")
            i += count
        records.setdefault((record, dataset), []).append(block[i : i + length])
        i += length
    return records


def iptc_from_photoshop(app13: bytes) -> bytes:
    """The IPTC block inside a Photoshop APP13 segment's image resources (8BIM 0x0404)."""
    if not app13.startswith(PHOTOSHOP_SIGNATURE):
        return b""
    i = len(PHOTOSHOP_SIGNATURE)
    while i + 12 <= len(app13) and app13[i : i + 4] == b"8BIM":
        resource = int.from_bytes(app13[i + 4 : i + 6], "big")
        name_length = app13[i + 6]
        i += 6 + name_length + 1 + ((name_length + 1) & 1)  # Pascal string, padded to even
        size = int.from_bytes(app13[i : i + 4], "big")
        i += 4
        if resource == IPTC_RESOURCE:
            return app13[i : i + size]
        i += size + (size & 1)
    return b""


def read_iptc(block: bytes) -> dict[str, str]:
    """Caption, by-line and credit from an IPTC IIM block, decoded."""
    records = iptc_records(block)
    utf8 = any(v.startswith(UTF8_MARKER) for v in records.get(CODED_CHARACTER_SET, []))

    def text(dataset: tuple[int, int]) -> str:
        values = (_decode_iptc(v, utf8) for v in records.get(dataset, []))
        return _join(values, ", ")

    return {"caption": text(CAPTION_ABSTRACT), "by_line": text(BY_LINE), "credit": text(CREDIT)}


def _join(values: Iterable[str], separator: str) -> str:
    seen: dict[str, None] = {}
    for value in values:
        if value:
            seen.setdefault(value, None)
    return separator.join(seen)


def _xmp_values(root: ElementTree.Element, name: str) -> list[str]:
    prefix, local = name.split(":")
    tag = f"{{{_NS[prefix]}}}{local}"
    values: list[str] = []
    for description in root.iter(f"{{{_NS['rdf']}}}Description"):
        if tag in description.attrib:
            values.append(description.attrib[tag])
        for element in description.iter(tag):
            items = list(element.iter(f"{{{_NS['rdf']}}}li"))
            if not items:
                values.append(element.text or "")
                continue
            default = [li for li in items if li.get(_XML_LANG) in {"x-default", "vi"}]
            for li in default[:1] or items:
                values.append(li.text or "")
    return [_clean(v) for v in values]


def read_xmp(packet: bytes | str) -> dict[str, str]:
    """Caption (dc:description), alt text, creators (dc:creator) and credit from XMP."""
    raw = packet.encode("utf-8") if isinstance(packet, str) else packet
    empty = {"caption": "", "alt": "", "by_line": "", "credit": ""}
    if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:
        return empty  # XMP never needs a DTD: refuse entity tricks
    start = raw.find(b"<x:xmpmeta")
    if start < 0:
        start = raw.find(b"<rdf:RDF")
    end_tag = b"</x:xmpmeta>" if raw[start:].startswith(b"<x:xmpmeta") else b"</rdf:RDF>"
    end = raw.find(end_tag, start)
    if start < 0 or end < 0:
        return empty
    try:
        root = ElementTree.fromstring(raw[start : end + len(end_tag)])  # noqa: S314 - no DTD
    except ElementTree.ParseError:
        return empty
    return {
        "caption": _join(_xmp_values(root, "dc:description"), " "),
        "alt": _join(_xmp_values(root, "Iptc4xmpCore:AltTextAccessibility"), " "),
        "by_line": _join(_xmp_values(root, "dc:creator"), ", "),
        "credit": _join(_xmp_values(root, "photoshop:Credit"), ", "),
    }


def _credit(found: dict[str, str]) -> str:
    return _join([found.get("by_line", ""), found.get("credit", "")], " / ")


def embedded_text(iptc_block: bytes, xmp_packet: bytes | str) -> EmbeddedText:
    """What the file says about itself: IPTC first, then XMP, field by field."""
    iptc = read_iptc(iptc_block) if iptc_block else {}
    xmp = read_xmp(xmp_packet) if xmp_packet else {}
    chosen: dict[str, object] = {}
    cut: dict[str, int] = {}
    for field, iptc_value, xmp_value in (
        ("caption", iptc.get("caption", ""), xmp.get("caption", "")),
        ("alt", "", xmp.get("alt", "")),
        ("credit", _credit(iptc), _credit(xmp)),
    ):
        value, source = (
            (iptc_value, CaptionSource.IPTC)
            if iptc_value
            else (xmp_value, CaptionSource.XMP)
            if xmp_value
            else ("", CaptionSource.NONE)
        )
        if not value:
            continue
        if len(value) > LIMITS[field]:
            cut[field] = len(value)
        chosen[field], chosen[f"{field}_source"] = capped(value, LIMITS[field]), source
    return EmbeddedText.model_validate({**chosen, "cut": cut})


def _editor_value(photo: Photo, field: str, found: EmbeddedText) -> str:
    """The editor's own text for a field: what is stored, unless it is what the file says."""
    stored = str(getattr(photo, field))
    from_file = {getattr(found, field), found.caption if field == "alt" else ""}
    if getattr(photo, f"{field}_source") in {CaptionSource.IPTC, CaptionSource.XMP}:
        return "" if stored in from_file else stored
    return stored


def caption_photo(photo: Photo, found: EmbeddedText) -> dict[str, object]:
    """Caption, alt text, credit and their sources: the editor's win, the file's fill in.

    Alt text falls back to the caption (cut to the length of alt text). A photo left
    with neither gets a warning, and so does a text of the file that was cut.
    """
    updates: dict[str, object] = {}
    warnings: list[Message] = []
    for field in ("caption", "alt", "credit"):
        mine = _editor_value(photo, field, found)
        if mine:
            updates[field], updates[f"{field}_source"] = mine, CaptionSource.EDITOR
            continue
        # Held to the limit here too: a manifest stored before limits may hold more.
        updates[field] = capped(str(getattr(found, field)), LIMITS[field])
        updates[f"{field}_source"] = getattr(found, f"{field}_source")
        if field in found.cut:
            warnings.append(_cut_warning(field, found.cut[field]))
    if not updates["alt"] and updates["caption"]:
        updates["alt"] = capped(str(updates["caption"]), MAX_ALT)
        updates["alt_source"] = updates["caption_source"]
    if not (updates["caption"] or updates["alt"]):
        warnings.insert(0, NO_CAPTION_WARNING)
    updates["warnings"] = warnings
    return updates


def _cut_warning(field: str, length: int) -> Message:
    return Message(f"photo.warning.{field}_cut", length=length, limit=LIMITS[field])
