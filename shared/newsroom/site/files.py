"""A file of the site, where site files go (the site bucket, or a folder), and what a
render changed."""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, Protocol

from newsroom.storage.buckets import HTML_CACHE_CONTROL, SHORT_CACHE_CONTROL


class SiteFile(NamedTuple):
    """One object of the site: its key in the bucket, its bytes and how it is served.

    Pages are cached by CloudFront for a few minutes and invalidated when they change;
    other documents (feeds, sitemaps, the search index) for a minute, and never
    invalidated (see `newsroom.aws.cdn`); assets say so themselves (immutable).
    """

    key: str
    body: bytes
    content_type: str
    cache: str = ""
    """Its own Cache-Control, when its type's (`cache_control`) is not the one."""

    @property
    def cache_control(self) -> str:
        """The Cache-Control it is served with: its own, else its type's."""
        if self.cache:
            return self.cache
        html = self.content_type.startswith("text/html")
        return HTML_CACHE_CONTROL if html else SHORT_CACHE_CONTROL


class SiteOutput(Protocol):
    """Where site files go: the site bucket, or a folder."""

    writers: int
    """How many files it takes at once (S3 takes many writes in parallel; a disk, a few)."""

    def put(self, key: str, body: bytes, content_type: str, cache_control: str) -> None: ...

    def delete(self, key: str) -> None: ...

    def exists(self, key: str) -> bool: ...


class FolderOutput:
    """A folder holding the site, one file per bucket key."""

    # Creating a folder and a file waits on the disk, not on the processor: a few
    # writes at once keep a build's workers rendering meanwhile.
    writers = 4

    def __init__(self, root: Path) -> None:
        self.root = root

    def put(self, key: str, body: bytes, content_type: str, cache_control: str) -> None:
        path = self.root / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)

    def delete(self, key: str) -> None:
        (self.root / key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return (self.root / key).is_file()


@dataclass
class SiteUpdate:
    """What a render changed, as bucket keys."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def changed_paths(self) -> list[str]:
        """The paths to invalidate in the CDN."""
        return sorted({"/" + key for key in self.written + self.removed})

    def extend(self, other: SiteUpdate) -> None:
        self.written.extend(other.written)
        self.removed.extend(other.removed)


def write_files(output: SiteOutput, files: Iterable[SiteFile], threads: int = 1) -> SiteUpdate:
    """Write the files, `threads` at a time."""
    update = SiteUpdate()

    def put(file: SiteFile) -> str:
        output.put(file.key, file.body, file.content_type, file.cache_control)
        return file.key

    if threads > 1:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            update.written.extend(pool.map(put, files))
    else:
        update.written.extend(put(file) for file in files)
    return update
