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

from dataclasses import dataclass

from newsroom.models.article import Article
from newsroom.site.config import SiteConfig
from newsroom.site.files import SiteOutput, SiteUpdate, write_files
from newsroom.site.listings import SITE, ListingKey, ListingKind, entry_for, listing_keys
from newsroom.site.pages import SiteContext
from newsroom.site.rebuild import Part, part_files
from newsroom.site.renderer import SiteRenderer
from newsroom.site.search import search_document
from newsroom.site.state import TableState
from newsroom.storage.articles import ArticleNotFound
from newsroom.storage.keys import page_key
from newsroom.storage.listings import ListingHead, Placement
from newsroom.storage.stores import SiteStores

MAX_RENDERS = 8  # renders of one change, when others keep changing the listings meanwhile
RENDER_AGAIN_AFTER = 5  # seconds before a render that could not catch up runs again


class SiteKeptChanging(RuntimeError):
    """Other renders kept changing the listings while this one rendered: render again
    later. `update` holds what it wrote meanwhile."""

    def __init__(self, article_id: str, update: SiteUpdate) -> None:
        super().__init__(article_id)
        self.update = update


@dataclass(frozen=True)
class ArticleRender:
    """What rendering for one article found and changed: the article as it was last
    placed (None: deleted), and the files."""

    article: Article | None
    update: SiteUpdate


class SitePublisher:
    """Keeps the site bucket in line with the articles table, one article at a time."""

    def __init__(
        self, stores: SiteStores, bucket: SiteOutput, config: SiteConfig, base_url: str
    ) -> None:
        self.stores = stores
        self.bucket = bucket
        self.site = SiteContext(config=config, base_url=base_url)

    @property
    def renderer(self) -> SiteRenderer:
        """A renderer over the table as it is now (each render reads afresh)."""
        return SiteRenderer(TableState(self.stores), self.site)

    def ensure_static(self) -> SiteUpdate:
        """The assets, 404 and search pages and robots.txt, written when this version's are
        missing (their content depends on the code and the configuration alone)."""
        if self.bucket.exists(self.renderer.marker_key()):
            return SiteUpdate()
        return write_files(self.bucket, self.renderer.static_files())

    def current(self, article_id: str) -> Article | None:
        """The article as stored now, or None when it was deleted."""
        try:
            return self.stores.articles.get(article_id)
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
        live = article if article is not None and article.is_live else None
        wanted = listing_keys(live) if live is not None else {}
        placement = self.stores.listings.claim_places(
            article_id, wanted, slug=live.slug if live is not None else ""
        )
        for key, seq in sorted(placement.seqs.items(), key=lambda item: item[0] == SITE):
            if key == SITE:
                if live is not None:
                    self.stores.search.put(search_document(live, seq))
                else:
                    self.stores.search.remove(seq)
            if live is not None and key in wanted:
                self.stores.listings.put_entry(key, entry_for(live, seq))
            else:
                self.stores.listings.delete_entry(key, seq)
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
            latest = _site_revision(self.stores.listings.head(SITE))
            if _same_version(now, article) and latest == seen:
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
        files = renderer.files_of_places(placement)
        update.extend(write_files(self.bucket, files, threads=self.bucket.writers))
        return update

    def rebuild(self, part: Part, items: list[str]) -> SiteUpdate:
        """Render one part of a full rebuild (see `RebuildRequested`)."""
        files = part_files(self.renderer, part, items)
        return write_files(self.bucket, files, threads=self.bucket.writers)


def _site_revision(head: ListingHead | None) -> int:
    return head.revision if head else 0


def _same_version(now: Article | None, placed: Article | None) -> bool:
    if now is None or placed is None:
        return now is placed
    return now.version == placed.version


def _stale_pages(article: Article | None, placement: Placement, *, live: bool) -> list[str]:
    """Keys of the article's page in every category it was published in, but the one it
    is live in now. A deleted article's address comes from its placement."""
    keys = (ListingKey(text) for text in placement.seqs)
    categories = {key.value for key in keys if key.kind is ListingKind.CATEGORY}
    slug = article.slug if article is not None else placement.slug
    if article is not None:
        categories.add(article.category)
        if live:
            categories.discard(article.category)
    if not slug:
        return []
    return [page_key(f"/{category}/{slug}/") for category in sorted(categories)]
