"""`newsroom publish ARTICLE.md [--publish] [--at TIME]`: a Markdown file becomes an article.

The file starts with YAML front matter:

    ---
    title: Khánh thành cầu Bến Lức mới
    summary: Cây cầu rút ngắn thời gian đi lại giữa hai huyện.
    category: tin-tuc
    tags: [giao thông, hạ tầng]
    author: Trần Văn Nam
    source: Sở Giao thông Vận tải
    photos:
      - file: anh/cau.jpg
        caption: Cầu Bến Lức mới nhìn từ trên cao
        alt: Cây cầu bắc qua sông
        credit: Báo tỉnh
    ---
    Sáng nay, cầu Bến Lức mới chính thức thông xe.

    ![Cầu Bến Lức](anh/cau.jpg)

The first run creates the article and writes its `id` into the front matter; later
runs update that article (with the ETag just read, so nobody's edit is overwritten).
Photos are uploaded with a progress bar; a photo is placed in the body by its file.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from newsroom_cli.api import NewsroomApi, add_connection_arguments, connection
from newsroom_cli.commands.articles import parse_time, status_line
from newsroom_cli.errors import CommandError

ARTICLE_FIELDS = ("title", "summary", "category", "tags", "author", "source")
PHOTO_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".heic": "image/heic",
    ".heif": "image/heif",
}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.DOTALL | re.MULTILINE)


@dataclass(frozen=True)
class PhotoFile:
    """A photo the front matter lists, found next to the Markdown file."""

    path: Path
    written_as: str
    caption: str
    alt: str
    credit: str


@dataclass(frozen=True)
class ArticleFile:
    """A Markdown article with its front matter."""

    path: Path
    text: str
    meta: dict[str, Any]
    body: str
    photos: list[PhotoFile]

    @property
    def article_id(self) -> str | None:
        value = self.meta.get("id")
        return str(value) if value else None

    def fields(self) -> dict[str, Any]:
        """What the API stores: the front matter's fields and the body, photos named by file."""
        body = self.body
        for photo in self.photos:
            body = body.replace(f"]({photo.written_as})", f"]({photo.path.name})")
        fields = {k: self.meta[k] for k in ARTICLE_FIELDS if self.meta.get(k) is not None}
        if isinstance(fields.get("tags"), str):
            fields["tags"] = [t.strip() for t in fields["tags"].split(",") if t.strip()]
        return {**fields, "body": body.strip() + "\n"}


def _photo(entry: Any, directory: Path, position: int) -> PhotoFile:
    if not isinstance(entry, dict) or not entry.get("file"):
        raise CommandError(f"photos[{position}] needs at least `file:` (and a `caption:`)")
    written_as = str(entry["file"])
    path = (directory / written_as).resolve()
    if not path.is_file():
        raise CommandError(f"photos[{position}]: no file at {path}")
    if path.suffix.lower() not in PHOTO_TYPES:
        raise CommandError(
            f"photos[{position}]: {path.name} is not a JPEG, PNG, WebP or HEIC file by its name"
        )
    return PhotoFile(
        path=path,
        written_as=written_as,
        caption=str(entry.get("caption") or ""),
        alt=str(entry.get("alt") or ""),
        credit=str(entry.get("credit") or ""),
    )


def read_article_file(path: Path) -> ArticleFile:
    """The article file, its front matter and its photos (CommandError saying what is wrong)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"cannot read {path}: {error}") from None
    found = _FRONT_MATTER.match(text)
    if found is None:
        raise CommandError(f"{path} has no front matter: start it with a line `---`")
    try:
        meta = yaml.safe_load(found.group(1)) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise CommandError(f"{path}: the front matter is not valid YAML{where}") from None
    if not isinstance(meta, dict):
        raise CommandError(f"{path}: the front matter must be `key: value` lines")
    entries = meta.get("photos") or []
    if not isinstance(entries, list):
        raise CommandError(f"{path}: `photos:` must be a list of {{file, caption}}")
    photos = [_photo(e, path.parent, i) for i, e in enumerate(entries)]
    return ArticleFile(path, text, meta, text[found.end() :], photos)


def write_article_id(article: ArticleFile, article_id: str) -> None:
    """Keep the new article's id in the file's front matter, touching nothing else."""
    first_line_end = article.text.index("\n") + 1
    text = article.text[:first_line_end] + f"id: {article_id}\n" + article.text[first_line_end:]
    try:
        article.path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise CommandError(
            f"the article {article_id} was created, but {article.path} could not be "
            f"updated ({error}): add `id: {article_id}` to its front matter yourself"
        ) from None


def progress_bar(name: str, total: int) -> Callable[[int], None]:
    """A progress reporter for one upload: a bar on a terminal, one line otherwise."""
    done = 0
    interactive = sys.stderr.isatty()
    width = 30

    def report(count: int) -> None:
        nonlocal done
        done = min(total, done + count)
        megabytes = f"{done / 1e6:.1f}/{total / 1e6:.1f} MB" if total >= 1e5 else f"{total} bytes"
        if interactive:
            filled = int(width * done / total) if total else width
            bar = "#" * filled + "-" * (width - filled)
            percent = int(100 * done / total) if total else 100
            end = "\n" if done >= total else ""
            print(f"\r  {name:<24} [{bar}] {percent:3d}% {megabytes}", end=end, file=sys.stderr)
        elif done >= total:
            print(f"  {name:<24} uploaded {megabytes}", file=sys.stderr)

    return report


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _send_photos(
    api: NewsroomApi, article_id: str, photos: list[PhotoFile], stored: list[dict[str, Any]]
) -> None:
    """Upload new or changed photos; only the words change for a photo already processed."""
    known = {p["name"]: p for p in stored}
    for photo in photos:
        words = {"caption": photo.caption, "alt": photo.alt, "credit": photo.credit}
        before = known.get(photo.path.name)
        if before and before["status"] == "ready" and before["sha256"] == _sha256(photo.path):
            if any(before[k] != v for k, v in words.items()):
                api.request("PATCH", f"/articles/{article_id}/photos/{photo.path.name}", json=words)
            print(f"  {photo.path.name:<24} unchanged", file=sys.stderr)
            continue
        upload = api.add_photo(
            article_id,
            {
                "name": photo.path.name,
                **words,
                "content_type": PHOTO_TYPES[photo.path.suffix.lower()],
            },
        )
        size = photo.path.stat().st_size
        api.upload(upload, photo.path, progress_bar(photo.path.name, size))


def run(args: argparse.Namespace) -> int:
    article = read_article_file(Path(args.file))
    publish_at = parse_time(args.at) if args.at else None
    with NewsroomApi(connection(args)) as api:
        if article.article_id is None:
            saved = api.create(article.fields())
            write_article_id(article, saved["id"])
            print(f"created {saved['id']}", file=sys.stderr)
            _send_photos(api, saved["id"], article.photos, [])
        else:
            # Photos first: saving a live article asks for its page, which should show them.
            current, _ = api.article(article.article_id)
            _send_photos(api, current["id"], article.photos, current["photos"])
            _, etag = api.article(article.article_id)
            saved = api.update(article.article_id, article.fields(), etag)
        if args.publish or publish_at is not None:
            body = {"publish_at": publish_at.isoformat()} if publish_at else {}
            saved = api.act(saved["id"], "publish", body)
        else:
            saved, _ = api.article(saved["id"])
    print(status_line(saved))
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "publish",
        help="create or update an article from a Markdown file, with its photos",
        description=(__doc__ or "").split("\n\n")[0],
    )
    parser.add_argument("file", metavar="ARTICLE.md")
    parser.add_argument("--publish", action="store_true", help="publish it now")
    parser.add_argument(
        "--at", metavar="TIME", help="publish it at this time (ISO 8601; default zone +07:00)"
    )
    add_connection_arguments(parser)
    parser.set_defaults(run=run)
