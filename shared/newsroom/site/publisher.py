"""Bringing the site in line with the database: one article at a time, or all of it.

Publishing, updating or unpublishing one article happens in two steps:

1. `update_for_article` (the render queue, one message per change, many at once):
   places the article in its listings (or takes it out), writes its own page at once
   (or deletes it), and marks the shared files its places are on as stale
   (`newsroom.site.shared`: listing pages, feeds, sitemaps, the search block, home,
   archive, the pages that show it as related, and its own page once more).
2. `render_stale` (the site queue, one render at a time): waits for a burst to settle
   (`newsroom.site.settle`), renders every stale file once, from the database as it is
   then, and clears the marks it rendered. A burst of publishes therefore renders each
   shared file a few times, not once per article; a file marked again while it was
   being rendered stays marked for the next render.

Both read the database as it is when they render, so rendering again is harmless and
the last render shows the newest state; a full build renders the same files from the
same state, byte for byte.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import NamedTuple

from newsroom.models.article import Article
from newsroom.site.config import SiteConfig
from newsroom.site.files import SiteOutput, SiteUpdate, write_files
from newsroom.site.listings import SITE, entry_for, listing_keys
from newsroom.site.pages import SiteContext
from newsroom.site.rebuild import Part, part_files
from newsroom.site.renderer import SiteRenderer
from newsroom.site.search import search_document
from newsroom.site.settle import Settle
from newsroom.site.shared import (
    Rendered,
    article_name,
    article_pages,
    names_of_places,
    render_all,
    render_shared,
)
from newsroom.site.state import TableState
from newsroom.storage.articles import ArticleNotFound
from newsroom.storage.listings import Placement
from newsroom.storage.stores import SiteStores

MAX_PLACEMENTS = 8  # placings of one change, when the article keeps changing meanwhile
RENDER_THREADS = 4  # stale files rendered at once


class ArticleKeptChanging(RuntimeError):
    """The article changed again each time it was placed: place it later (the message
    is retried)."""


class ArticleRender(NamedTuple):
    """What rendering for one article found and changed: the article as it was last
    placed (None: deleted), its page, and how many shared files it marked stale."""

    article: Article | None
    update: SiteUpdate
    marked: int = 0


class StaleRender(NamedTuple):
    """What one render of the stale files changed: the files, how many marks it
    rendered, how many publishes it covered, and how long it waited for them to settle
    (seconds)."""

    update: SiteUpdate
    rendered: int
    publishes: int
    waited: float = 0.0


class SitePublisher:
    """Keeps the site bucket in line with the articles table, one article at a time."""

    def __init__(
        self,
        stores: SiteStores,
        bucket: SiteOutput,
        config: SiteConfig,
        base_url: str,
        settle: Settle | None = None,
    ) -> None:
        self.stores = stores
        self.stale = stores.stale
        self.settle = settle or Settle()
        self.bucket = bucket
        self._static_written = False
        self.site = SiteContext(config=config, base_url=base_url)

    @property
    def renderer(self) -> SiteRenderer:
        """A renderer over the table as it is now (each render reads afresh)."""
        return SiteRenderer(TableState(self.stores), self.site)

    def ensure_static(self) -> SiteUpdate:
        """The assets, 404 and search pages and robots.txt, written when this version's are
        missing (their content depends on the code and the configuration alone): looked
        for once per process."""
        if self._static_written:
            return SiteUpdate()
        renderer = self.renderer
        update = SiteUpdate()
        if not self.bucket.exists(renderer.marker_key()):
            update = write_files(self.bucket, renderer.static_files())
        self._static_written = True
        return update

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

        Entries are written in as few requests as possible; the files they are on are
        rendered later, from the table as it is then (`render_stale`).
        """
        live = article if article is not None and article.is_live else None
        wanted = listing_keys(live) if live is not None else {}
        placement = self.stores.listings.claim_places(
            article_id, wanted, slug=live.slug if live is not None else ""
        )
        shown = []
        hidden = []
        for key, seq in placement.seqs.items():
            if live is not None and key in wanted:
                shown.append((key, entry_for(live, seq)))
            else:
                hidden.append((key, seq))
        self.stores.listings.write_entries(shown, hidden)
        site_seq = placement.seqs.get(SITE)
        if site_seq and live is not None:
            self.stores.search.put(search_document(live, site_seq))
        elif site_seq:
            self.stores.search.remove(site_seq)
        return placement

    def update_for_article(self, article_id: str) -> ArticleRender:
        """Place (or take out) the article as it is stored now, write its page (or delete
        it: a deleted article is taken off the site), and mark the shared files it is on
        as stale.

        The article is read again once placed: if it was saved, unpublished or deleted
        meanwhile, it is placed again as it is now, so a render that read it while it
        was live can never put it back in a listing after its takedown.
        """
        update = self.ensure_static()
        article = self.current(article_id)
        for _ in range(MAX_PLACEMENTS):
            placement = self.place(article_id, article)
            version = self.stores.articles.version(article_id)
            if version == (article.version if article is not None else None):
                break
            article = self.current(article_id)
        else:
            raise ArticleKeptChanging(article_id)
        state = TableState(self.stores)
        if article is not None:
            state.remember(article)
        renderer = SiteRenderer(state, self.site)
        # The article's own page goes out first: a reader with its link need not wait
        # for the listings, feeds and sitemaps rendered after it.
        update.extend(self._apply(article_pages(renderer, article_id)))
        # Its page is marked too: the shared render comes after every change it reads,
        # so the last write of the page shows its newest related articles.
        names = [*names_of_places(renderer, placement), article_name(article_id)]
        self.stale.mark(names)
        return ArticleRender(article, update, marked=len(names))

    def render_stale(self) -> StaleRender:
        """Once the publishes have settled, render every stale file once, from the table
        as it is then, and clear the marks that nobody renewed meanwhile."""
        waited = self.settle.wait(self.stale.last_marked)
        publishes = self.stale.publishes()
        marks = self.stale.stale()
        if not marks:
            return StaleRender(SiteUpdate(), 0, 0, waited)
        renderer = self.renderer

        def render(names: list[str]) -> list[Rendered]:
            # Each file waits on the table for what it shows: a few render at once.
            with ThreadPoolExecutor(RENDER_THREADS) as pool:
                return list(pool.map(lambda name: render_shared(renderer, name), names))

        rendered = render_all(renderer, [mark.name for mark in marks], render)
        update = self._apply(rendered)
        self.stale.clear_all(marks)
        self.stale.covered(publishes)
        return StaleRender(update, len(marks), publishes, waited)

    def _apply(self, rendered: Rendered) -> SiteUpdate:
        update = write_files(self.bucket, rendered.files, threads=self.bucket.writers)
        for key in rendered.removed:
            self.bucket.delete(key)
            update.removed.append(key)
        return update

    def rebuild(self, part: Part, items: list[str]) -> SiteUpdate:
        """Render one part of a full rebuild (see `RebuildRequested`)."""
        files = part_files(self.renderer, part, items)
        return write_files(self.bucket, files, threads=self.bucket.writers)
