"""Bringing the site in line with the database: one article at a time, or all of it.

Publishing, updating or unpublishing one article places it in its listings (or takes
it out) and rewrites only the files it appears on: its page, the pages of its five
followers in its category (which offer it as related), the index and the one or two
numbered pages of each of its listings, the site's and its category's feeds, one
sitemap shard, the sitemap index, the news sitemap, the home page and the archive.
That set does not grow with the site.

Every file is rendered from the database as it is at render time, so rendering again
is harmless and the last render shows the newest state; a full build renders the
same files from the same state, byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from newsroom.models.article import Article
from newsroom.site.config import SiteConfig
from newsroom.site.feeds import shard_count, shard_of
from newsroom.site.listings import (
    SITE,
    entry_for,
    listing_keys,
    pages_touched,
)
from newsroom.site.pages import SiteContext
from newsroom.site.renderer import RELATED, SiteFile, SiteRenderer
from newsroom.site.search import SearchIndexer
from newsroom.site.state import SnapshotState, TableState
from newsroom.storage.articles import ArticleNotFound, ArticleStore
from newsroom.storage.keys import page_key
from newsroom.storage.listings import ListingHead, ListingStore, Placement

WRITERS = 8  # objects written to the bucket at once
MAX_RENDERS = 8  # renders of one change, when others keep changing the listings meanwhile
RENDER_AGAIN_AFTER = 5  # seconds before a render that could not catch up runs again


class SiteKeptChanging(RuntimeError):
    """Other renders kept changing the listings while this one rendered: render again
    later. `update` holds what it wrote meanwhile."""

    def __init__(self, article_id: str, update: SiteUpdate) -> None:
        super().__init__(article_id)
        self.update = update


class SiteOutput(Protocol):
    """Where site files go: the site bucket, or a folder."""

    def put(self, key: str, body: bytes, content_type: str, cache_control: str) -> None: ...

    def delete(self, key: str) -> None: ...

    def exists(self, key: str) -> bool: ...


class FolderOutput:
    """A folder holding the site, one file per bucket key."""

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


@dataclass(frozen=True)
class ArticleRender:
    """What rendering for one article found and changed: the article as it was last
    placed (None: deleted), and the files."""

    article: Article | None
    update: SiteUpdate


def write_files(output: SiteOutput, files: Iterable[SiteFile], threads: int = 1) -> SiteUpdate:
    """Write the files (`threads` at a time: S3 takes many writes at once)."""
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


def _listing_files(renderer: SiteRenderer, key: str, seq: int) -> list[SiteFile]:
    head = renderer.state.head(key)
    last = head.last_seq if head else 0
    files = [renderer.listing_index(key)]
    files += [renderer.listing_page(key, p) for p in sorted(pages_touched(seq, last))]
    if key == SITE or key.startswith("category:"):
        files += renderer.feeds(key)
    return files


class SitePublisher:
    """Keeps the site bucket in line with the articles table, one article at a time."""

    def __init__(
        self,
        store: ArticleStore,
        bucket: SiteOutput,
        config: SiteConfig,
        base_url: str,
        listings: ListingStore | None = None,
    ) -> None:
        self.store = store
        self.listings = listings or ListingStore(store.table_name, store._client)
        self.bucket = bucket
        self.site = SiteContext(config=config, base_url=base_url)
        self.search = SearchIndexer(self.listings)

    @property
    def renderer(self) -> SiteRenderer:
        """A renderer over the table as it is now (each render reads afresh)."""
        return SiteRenderer(TableState(self.store, self.listings), self.site)

    def ensure_static(self) -> SiteUpdate:
        """The assets, 404 and search pages and robots.txt, written when this version's are
        missing (their content depends on the code and the configuration alone)."""
        if self.bucket.exists(self.renderer.marker_key()):
            return SiteUpdate()
        return write_files(self.bucket, self.renderer.static_files())

    def current(self, article_id: str) -> Article | None:
        """The article as stored now, or None when it was deleted."""
        try:
            return self.store.get(article_id)
        except ArticleNotFound:
            return None

    def place(self, article_id: str, article: Article | None) -> Placement:
        """Give a live article its places in its listings (keeping any it had) and store
        what each listing and the search index show of it; take an article readers
        should not see (`article` None: deleted) out.

        The site's listing is written last: every change to any listing ends with a new
        revision of the site's listing, so that one revision tells a render whether
        anything it read has changed since.
        """
        live = article is not None and article.is_live
        wanted = listing_keys(article) if article is not None and live else {}
        slug = article.slug if article is not None and live else ""
        placement = self.listings.claim_places(article_id, wanted, slug=slug)
        for key, seq in sorted(placement.seqs.items(), key=lambda item: item[0] == SITE):
            if key == SITE:
                if article is not None and live:
                    self.search.store(article, seq)
                else:
                    self.search.remove(seq)
            if article is not None and key in wanted:
                self.listings.put_entry(key, entry_for(article, seq))
            else:
                self.listings.delete_entry(key, seq)
        return placement

    def update_for_article(self, article_id: str) -> ArticleRender:
        """Place (or take out) the article as it is stored now, and rewrite the bounded
        set of files it is on; a deleted article is taken off the site.

        Files are rendered from the table as it is when they are rendered, after reading
        the site's listing revision. A render is done only when, once its files are
        written, no listing changed meanwhile (the revision did not move) and the
        article is still as it was placed (same version, or still deleted); otherwise
        the article is read and placed again and everything rendered again, so the last
        files written show the newest state, and a render that read the article before
        it was unpublished or deleted cannot put it back. A render that cannot catch up
        in `MAX_RENDERS` tries raises SiteKeptChanging, and must be run again later
        rather than leave what it wrote as the last word.
        """
        update = self.ensure_static()
        article = self.current(article_id)
        for _ in range(MAX_RENDERS):
            placement = self.place(article_id, article)
            renderer = self.renderer
            seen = _site_revision(renderer.state.head(SITE))
            update.extend(self._render_for_article(renderer, article_id, article, placement))
            now = self.current(article_id)
            if _same_version(now, article) and _site_revision(self.listings.head(SITE)) == seen:
                return ArticleRender(article, update)
            article = now
        raise SiteKeptChanging(article_id, update)

    def _render_for_article(
        self,
        renderer: SiteRenderer,
        article_id: str,
        article: Article | None,
        placement: Placement,
    ) -> SiteUpdate:
        update = SiteUpdate()
        files: list[SiteFile] = []
        page = renderer.article_page(article_id)
        if page is not None:
            # The article's own page goes out first: a reader with its link need not
            # wait for the listings, feeds and sitemaps rendered after it.
            update.extend(write_files(self.bucket, [page]))
        # Its page where readers should no longer find it: everywhere when it is not
        # live, and in any category it has left (the category is part of its address).
        for key in _stale_pages(article, placement, live=page is not None):
            self.bucket.delete(key)
            update.removed.append(key)
        for key, seq in sorted(placement.seqs.items()):
            files += _listing_files(renderer, key, seq)
            if key.startswith("category:"):
                files += _followers(renderer, key, seq)
        site_seq = placement.seqs.get(SITE)
        if site_seq:
            files.append(renderer.sitemap_shard(shard_of(site_seq)))
            files += self.search.files_for(renderer.state, site_seq)
        files += [
            renderer.sitemap_index(),
            renderer.news_sitemap(),
            renderer.home(),
            renderer.archive(),
        ]
        update.extend(write_files(self.bucket, files, threads=WRITERS))
        return update

    def rebuild(self, part: str, items: list[str]) -> SiteUpdate:
        """Render one chunk of a full rebuild (see `RebuildRequested`)."""
        renderer = self.renderer
        files = rebuild_files(renderer, self.search, part, items)
        return write_files(self.bucket, files, threads=WRITERS)


def _site_revision(head: ListingHead | None) -> int:
    return head.revision if head else 0


def _same_version(now: Article | None, placed: Article | None) -> bool:
    if now is None or placed is None:
        return now is placed
    return now.version == placed.version


def _stale_pages(article: Article | None, placement: Placement, *, live: bool) -> list[str]:
    """Keys of the article's page in every category it was published in, but the one it
    is live in now. A deleted article's address comes from its placement."""
    categories = {k.removeprefix("category:") for k in placement.seqs if k.startswith("category:")}
    slug = article.slug if article is not None else placement.slug
    if article is not None:
        categories.add(article.category)
        if live:
            categories.discard(article.category)
    if not slug:
        return []
    return [page_key(f"/{category}/{slug}/") for category in sorted(categories)]


def _followers(renderer: SiteRenderer, key: str, seq: int) -> list[SiteFile]:
    """Pages of the next articles in the category: they list this one as related."""
    files = []
    for entry in renderer.state.entries(key, seq + 1, seq + RELATED):
        page = renderer.article_page(entry.article_id)
        if page is not None:
            files.append(page)
    return files


def listing_files(renderer: SiteRenderer, key: str) -> list[SiteFile]:
    """Every page of a listing, and its feeds when it has some."""
    files = renderer.listing_pages(key)
    if key == SITE or key.startswith("category:"):
        files += renderer.feeds(key)
    return files


def whole_site_files(renderer: SiteRenderer) -> list[SiteFile]:
    """The files that depend on the whole site but on no one listing or article: static
    files, home page, archive and sitemaps (the search index aside)."""
    files = renderer.static_files()
    files += [renderer.home(), renderer.archive(), renderer.sitemap_index()]
    files.append(renderer.news_sitemap())
    head = renderer.state.head(SITE)
    for shard in range(1, shard_count(head.last_seq if head else 0) + 1):
        files.append(renderer.sitemap_shard(shard))
    return files


def build_site(
    state: SnapshotState, site: SiteContext, *, articles: bool = True, listings: bool = True
) -> Iterable[SiteFile]:
    """Every file of the site, rendered from a snapshot of the table (without the article
    pages or the listings when `articles` or `listings` is false)."""
    renderer = SiteRenderer(state, site)
    yield from whole_site_files(renderer)
    if listings:
        for head in state.heads(""):
            yield from listing_files(renderer, head.key)
    yield from SearchIndexer.build(state)
    if not articles:
        return
    for article_id in state.article_ids:
        page = renderer.article_page(article_id)
        if page is not None:
            yield page


def rebuild_files(
    renderer: SiteRenderer, search: SearchIndexer, part: str, items: list[str]
) -> list[SiteFile]:
    """The files of one chunk of a rebuild."""
    files: list[SiteFile] = []
    if part == "articles":
        for article_id in items:
            page = renderer.article_page(article_id)
            if page is not None:
                files.append(page)
    elif part == "listings":
        for key in items:
            files += listing_files(renderer, key)
    else:
        files += whole_site_files(renderer)
        files += search.rebuild(renderer.state)
    return files
