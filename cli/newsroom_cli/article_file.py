"""An article as a Markdown file: its front matter's keys, its photos, its body; read
strictly, and written back by `publish` (the id and version it synced) and `pull`.

The front matter holds `id` and `version` (written by the command: the article the
file belongs to, and the version it was last in step with), `title`, `summary`,
`category`, `tags`, `author`, `source`, and `photos`, a list of `file` (a path from the
file's folder) with its `caption`, `alt` and `credit`; the body places a photo by its
file, `![alt](anh/cau.jpg)`. docs/cli.md shows a whole file.

A key the newsroom does not know (`sumary:`, a photo's `captoin:`) is a mistake with
the nearest known key, never ignored; so is an image in the body that `photos:` does
not list, which the site would leave out.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from newsroom.models.fields import PHOTO_EXTENSIONS, PHOTO_NAME_PATTERN

from newsroom_cli.errors import CommandError
from newsroom_cli.front_matter import (
    FENCE,
    FrontMatter,
    read_front_matter,
    split_article_text,
    yaml_list,
    yaml_scalar,
)
from newsroom_cli.messages import cause, say

TEXT_KEYS = ("title", "summary", "category", "author", "source")
ARTICLE_KEYS = (
    "id",
    "version",
    "title",
    "summary",
    "category",
    "tags",
    "author",
    "source",
    "photos",
)
PHOTO_KEYS = ("file", "caption", "alt", "credit")
# What the API stores of an article, besides its photos (and what a revision keeps).
EDITABLE_FIELDS = ("title", "summary", "body", "category", "tags", "author", "source")
_PHOTO_NAME = re.compile(PHOTO_NAME_PATTERN)


@dataclass(frozen=True)
class PhotoEntry:
    """A photo the front matter lists: the file (as written, and where it is) and its words."""

    written_as: str
    path: Path
    caption: str = ""
    alt: str = ""
    credit: str = ""

    @property
    def name(self) -> str:
        """The photo's name in the article: its file's name."""
        return self.path.name

    def words(self) -> dict[str, str]:
        return {"caption": self.caption, "alt": self.alt, "credit": self.credit}


@dataclass(frozen=True)
class ArticleFile:
    """A Markdown article with its front matter, as read from its file."""

    path: Path
    text: str
    front_matter: FrontMatter
    body: str
    body_line: int
    photos: tuple[PhotoEntry, ...]

    @property
    def values(self) -> dict[str, Any]:
        return self.front_matter.values

    @property
    def article_id(self) -> str | None:
        value = str(self.values.get("id") or "").strip()
        return value or None

    @property
    def version(self) -> int | None:
        """The version of the article the file was last in step with."""
        value = str(self.values.get("version") or "").strip()
        return int(value) if value.isdigit() else None

    def fields(self) -> dict[str, Any]:
        """What the API stores: the front matter's fields and the body, photos named by name."""
        body = self.body
        for photo in self.photos:
            if photo.written_as != photo.name:
                body = body.replace(f"]({photo.written_as})", f"]({photo.name})")
        fields: dict[str, Any] = {
            key: str(self.values[key]).strip() for key in TEXT_KEYS if self.values.get(key)
        }
        tags = self.values.get("tags") or []
        if isinstance(tags, str):
            tags = tags.split(",")
        fields["tags"] = [tag.strip() for tag in tags if tag.strip()]
        return {**fields, "body": body.strip() + "\n"}


_REFUSED_FIELD = re.compile(r"^(?P<key>[a-z_]+)(?:\[(?P<index>\d+)\])?")


def refused_at_lines(article: ArticleFile, errors: list[dict[str, str]]) -> str:
    """What the API refused of the file's fields, each said at its line of the file as the
    file's own mistakes are (`bai.md, dòng 4: ...`); a field the file does not write is
    said with the file's name alone."""
    mistakes = _Mistakes(str(article.path))
    front = article.front_matter
    for error in errors:
        found = _REFUSED_FIELD.match(str(error.get("field", "")))
        key = found["key"] if found else ""
        if key == "body":
            line = article.body_line
        elif found and found["index"] is not None:
            line = front.line_of(key, int(found["index"])) or front.line_of(key)
        else:
            line = front.line_of(key)
        said = say(
            "file.refused_field", field=error.get("field", ""), reason=error.get("reason", "")
        )
        mistakes.add(line, said)
    return "\n".join(mistakes.found)


def _nearest(key: str, known: tuple[str, ...]) -> str:
    """A mistake naming an unknown key, and the known key it was probably meant to be."""
    close = difflib.get_close_matches(key.lower(), known, n=1, cutoff=0.6)
    if close:
        return say("file.unknown_key_near", key=key, near=close[0])
    return say("file.unknown_key", key=key, known=", ".join(known))


def _where(name: str, line: int) -> str:
    return say("file.where_line", file=name, line=line) if line else name


class _Mistakes:
    """The mistakes found in one file, each with its line; raised together."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.found: list[str] = []

    def add(self, line: int, message: str) -> None:
        self.found.append(f"{_where(self.name, line)}: {message}")

    def raise_any(self) -> None:
        if self.found:
            raise CommandError("\n".join(self.found))


def _check_keys(front: FrontMatter, mistakes: _Mistakes) -> None:
    for key, value in front.values.items():
        if key not in ARTICLE_KEYS:
            mistakes.add(front.line_of(key), _nearest(key, ARTICLE_KEYS))
        elif key in (*TEXT_KEYS, "id", "version") and not isinstance(value, str):
            mistakes.add(front.line_of(key), say("file.not_text", key=key))
    version = front.values.get("version")
    if isinstance(version, str) and version.strip() and not version.strip().isdigit():
        mistakes.add(front.line_of("version"), say("file.bad_version", value=version))
    tags = front.values.get("tags")
    if tags is not None and not (
        isinstance(tags, str) or (isinstance(tags, list) and all(isinstance(t, str) for t in tags))
    ):
        mistakes.add(front.line_of("tags"), say("file.bad_tags"))


def _photo_entry(
    front: FrontMatter, position: int, directory: Path, mistakes: _Mistakes, on_disk: bool
) -> PhotoEntry | None:
    entry = front.values["photos"][position]
    line = front.line_of("photos", position)
    if isinstance(entry, str):  # `- anh/cau.jpg`: a file without words
        entry = {"file": entry}
    if not isinstance(entry, dict) or not str(entry.get("file") or "").strip():
        mistakes.add(line, say("file.photo_needs_file", number=position + 1))
        return None
    for key, value in entry.items():
        key_line = front.line_of("photos", position, key) or line
        if key not in PHOTO_KEYS:
            mistakes.add(
                key_line,
                say("file.in_photo", number=position + 1, mistake=_nearest(key, PHOTO_KEYS)),
            )
        elif not isinstance(value, str):
            mistakes.add(key_line, say("file.not_text", key=key))
    written_as = str(entry["file"]).strip()
    path = (directory / written_as).resolve()
    if not _PHOTO_NAME.match(path.name) or not path.name.lower().endswith(PHOTO_EXTENSIONS):
        mistakes.add(
            line, say("file.photo_name", name=path.name, extensions=", ".join(PHOTO_EXTENSIONS))
        )
    elif on_disk and not path.is_file():
        mistakes.add(line, say("file.photo_missing", number=position + 1, path=path))
    return PhotoEntry(
        written_as=written_as,
        path=path,
        caption=str(entry.get("caption") or "").strip(),
        alt=str(entry.get("alt") or "").strip(),
        credit=str(entry.get("credit") or "").strip(),
    )


def _photos(
    front: FrontMatter, directory: Path, mistakes: _Mistakes, on_disk: bool
) -> list[PhotoEntry]:
    entries = front.values.get("photos") or []
    if not isinstance(entries, list):
        mistakes.add(front.line_of("photos"), say("file.photos_not_list"))
        return []
    photos: list[PhotoEntry] = []
    for position in range(len(entries)):
        photo = _photo_entry(front, position, directory, mistakes, on_disk)
        if photo is None:
            continue
        twin = next((p for p in photos if p.name == photo.name), None)
        if twin is not None:
            mistakes.add(
                front.line_of("photos", position),
                say("file.photo_twice", name=photo.name, first=twin.written_as),
            )
            continue
        photos.append(photo)
    return photos


def body_images(body: str) -> list[tuple[int, str]]:
    """Each image in the Markdown body: the line it is on (from 0) and what it names."""
    found: list[tuple[int, str]] = []
    lines = body.splitlines()
    for token in MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(body):
        if token.type != "inline" or not token.children or token.map is None:
            continue
        first, last = token.map
        for child in token.children:
            if child.type != "image":
                continue
            source = unquote(str(child.attrGet("src") or ""))
            line = next((n for n in range(first, last) if source in lines[n]), first)
            found.append((line, source))
    return found


def _check_body_images(article: ArticleFile, mistakes: _Mistakes) -> None:
    listed = {p.written_as for p in article.photos} | {p.name for p in article.photos}
    for line, source in body_images(article.body):
        if source not in listed:
            mistakes.add(article.body_line + line, say("file.image_not_listed", source=source))


def read_article_file(path: Path, *, strict: bool = True) -> ArticleFile:
    """The article file, its front matter and its photos; every mistake at once, with its line.

    `strict=False` (for `pull`) reads what the file says without asking its photos to
    be on disk or its body's images to be listed.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(say("file.unreadable", file=path, error=cause(error))) from None
    split = split_article_text(text, str(path))
    front = read_front_matter(split.front_matter, 2, str(path))
    mistakes = _Mistakes(str(path))
    _check_keys(front, mistakes)
    photos = _photos(front, path.parent, mistakes, on_disk=strict)
    article = ArticleFile(path, text, front, split.body, split.body_line, tuple(photos))
    if strict:
        _check_body_images(article, mistakes)
    mistakes.raise_any()
    return article


_ID_LINE = re.compile(r"^id:[ \t]*['\"]?([A-Za-z0-9]+)", re.MULTILINE)


def article_id_of(argument: str) -> str:
    """The article an argument names: an id, or a Markdown file whose front matter has one
    (found even when the rest of the front matter cannot be read)."""
    path = Path(argument)
    if path.suffix.lower() not in (".md", ".markdown") and not path.is_file():
        return argument
    try:
        found = _ID_LINE.search(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(say("file.unreadable", file=path, error=cause(error))) from None
    if found is None:
        raise CommandError(say("file.no_id", file=path))
    return found.group(1)


_TOP_LEVEL_KEY = re.compile(r"^(?P<key>id|version):")


def with_sync_state(text: str, article_id: str, version: int) -> str:
    """The file's text with `id:` and `version:` set in its front matter, nothing else touched."""
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    wanted = {"id": f"id: {article_id}{newline}", "version": f"version: {version}{newline}"}
    end = next(
        (i for i in range(1, len(lines)) if FENCE.match(lines[i].rstrip("\r\n"))), len(lines)
    )
    at: dict[str, int] = {}
    for index in range(1, end):
        found = _TOP_LEVEL_KEY.match(lines[index])
        if found:
            at[found["key"]] = index
            lines[index] = wanted[found["key"]]
    if "id" not in at:
        lines.insert(1, wanted["id"])
        at = {key: index + 1 for key, index in at.items()}
        at["id"] = 1
    if "version" not in at:
        lines.insert(at["id"] + 1, wanted["version"])
    return "".join(lines)


def write_sync_state(path: Path, article_id: str, version: int) -> None:
    """Keep the article's id and the version the file is in step with in its front matter."""
    try:
        text = path.read_text(encoding="utf-8")
        path.write_text(with_sync_state(text, article_id, version), encoding="utf-8")
    except OSError as error:
        raise CommandError(
            say(
                "file.sync_state_not_written",
                file=path,
                id=article_id,
                version=version,
                error=cause(error),
            )
        ) from None


def article_text(article: dict[str, Any], written_as: dict[str, str]) -> str:
    """The article as a Markdown file: front matter and body, each photo named as the file
    names it (`written_as`: photo name to the path written under `photos:`)."""
    lines = ["---", f"id: {article['id']}", f"version: {article['version']}"]
    for key in ("title", "summary", "category"):
        lines.append(f"{key}: {yaml_scalar(str(article.get(key) or ''))}")
    lines.append(f"tags: {yaml_list(list(article.get('tags') or []))}")
    for key in ("author", "source"):
        lines.append(f"{key}: {yaml_scalar(str(article.get(key) or ''))}")
    photos = article.get("photos") or []
    if photos:
        lines.append("photos:")
    for photo in photos:
        name = str(photo["name"])
        lines.append(f"  - file: {yaml_scalar(written_as.get(name, name))}")
        for key in ("caption", "alt", "credit"):
            if photo.get(key):
                lines.append(f"    {key}: {yaml_scalar(str(photo[key]))}")
    body = str(article.get("body") or "")
    for name, written in written_as.items():
        if written != name:
            body = body.replace(f"]({name})", f"]({written})")
    return "\n".join([*lines, "---", body.rstrip("\n")]) + "\n"
