"""Every file of the site, each rendered from the database state (`SiteState`) alone."""

from __future__ import annotations

from collections.abc import Iterable

from newsroom.site.assets import all_assets
from newsroom.site.config import SiteConfig
from newsroom.site.feeds import (
    NEWS_SITEMAP,
    PAGES_SITEMAP,
    Feed,
    SitemapUrl,
    news_entries,
    render_article_sitemap,
    render_atom,
    render_news_sitemap,
    render_robots,
    render_rss,
    render_sitemap_index,
    render_urlset,
    shard_of,
    shard_path,
    shard_range,
)
from newsroom.site.files import SiteFile
from newsroom.site.listings import (
    ARCHIVE_ROOT,
    LATEST_ROOT,
    PAGE_SIZE,
    SITE,
    ListingKey,
    ListingKind,
    index_first_page,
    index_links,
    numbered_links,
    page_count,
    page_range,
    pages_touched,
)
from newsroom.site.pages import (
    ArchiveYear,
    Crumb,
    ListingBlock,
    ListingPageView,
    SiteContext,
    render_archive_page,
    render_article_page,
    render_home_page,
    render_listing_page,
    render_not_found_page,
    render_search_page,
)
from newsroom.site.search import search_files
from newsroom.site.state import SiteState
from newsroom.storage.articles import ArticleNotFound
from newsroom.storage.buckets import IMMUTABLE_CACHE_CONTROL
from newsroom.storage.keys import page_key
from newsroom.storage.listings import ListingEntry, Placement
from newsroom.storage.search import block_of

HTML = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
HOME_LATEST = 10
HOME_BLOCK_SIZE = 5
FEED_SIZE = 20
RELATED = 5
NEWS_LIMIT = 1000  # Google News reads at most 1,000 articles from a news sitemap
NEWS_FIRST_READ = 50


def _page(path: str, html: str) -> SiteFile:
    return SiteFile(page_key(path), html.encode("utf-8"), HTML)


def _xml(path: str, text: str, content_type: str = XML) -> SiteFile:
    return SiteFile(path.lstrip("/"), text.encode("utf-8"), content_type)


class SiteRenderer:
    """Renders the site's files from what `state` holds when each file is rendered."""

    def __init__(self, state: SiteState, site: SiteContext) -> None:
        self.state = state
        self.site = site

    @property
    def config(self) -> SiteConfig:
        return self.site.config

    # -- pages for one article ----------------------------------------------------------

    def article_page(self, article_id: str) -> SiteFile | None:
        """The article's page, or None when readers should not see it (or it is deleted)."""
        try:
            article = self.state.article(article_id)
        except ArticleNotFound:
            return None
        if not article.is_live:
            return None
        return _page(
            article.path,
            render_article_page(article, self.site, self.related(article_id, article.category)),
        )

    def files_of_places(self, placement: Placement) -> list[SiteFile]:
        """Every file an article's places are on, but its own page: the pages of the five
        articles after it in its category (they offer it as related), each listing's
        index, the one or two numbered pages its entry touches and the feeds, its sitemap
        shard and search block, the sitemap index, the news sitemap, the home page and the
        archive."""
        files: list[SiteFile] = []
        for text, seq in sorted(placement.seqs.items()):
            key = ListingKey(text)
            files += self.listing_files_for(key, seq)
            if key.kind is ListingKind.CATEGORY:
                files += self._followers(key, seq)
        site_seq = placement.seqs.get(SITE)
        if site_seq:
            files.append(self.sitemap_shard(shard_of(site_seq)))
            files += search_files(self.state, [block_of(site_seq)])
        files += [self.sitemap_index(), self.news_sitemap(), self.home(), self.archive()]
        return files

    def _followers(self, key: ListingKey, seq: int) -> list[SiteFile]:
        """Pages of the next articles in the category: they list this one as related."""
        pages = (
            self.article_page(entry.article_id)
            for entry in self.state.entries(key, seq + 1, seq + RELATED)
        )
        return [page for page in pages if page is not None]

    def related(self, article_id: str, category: str) -> list[ListingEntry]:
        key = ListingKey.category(category)
        seq = self.state.placement(article_id).seqs.get(key)
        if not seq:
            return []
        return list(reversed(self.state.entries(key, seq - RELATED, seq - 1)))

    # -- listings -----------------------------------------------------------------------

    def _crumbs(self, key: ListingKey, title: str) -> list[Crumb]:
        crumbs = [Crumb("Trang chủ", "/")]
        if key.in_archive:
            crumbs.append(Crumb("Lưu trữ", ARCHIVE_ROOT))
        crumbs.append(Crumb(title, key.root))
        return crumbs

    def _title(self, key: ListingKey) -> str:
        head = self.state.head(key)
        return key.heading(head.name if head else key, self.config)

    def listing_files(self, key: ListingKey, pages: Iterable[int] | None = None) -> list[SiteFile]:
        """The listing's index, its numbered `pages` (all of them when None), and its feeds
        when it has some."""
        last = self.state.last_seq(key)
        numbered = range(1, page_count(last) + 1) if pages is None else sorted(pages)
        files = [self.listing_index(key)] + [self.listing_page(key, p) for p in numbered]
        if key.has_feeds:
            files += self.feeds(key)
        return files

    def listing_files_for(self, key: ListingKey, seq: int) -> list[SiteFile]:
        """What the entry at place `seq` of the listing is on: its index, the numbered
        pages the entry touches, its feeds."""
        return self.listing_files(key, pages_touched(seq, self.state.last_seq(key)))

    def listing_index(self, key: ListingKey) -> SiteFile:
        """The listing's first page: its two newest pages, newest first."""
        last = self.state.last_seq(key)
        title = self._title(key)
        first, _ = page_range(index_first_page(last))
        links = index_links(key, last)
        entries = list(reversed(self.state.entries(key, first, last))) if last else []
        view = ListingPageView(
            path=key.root,
            heading=title,
            crumbs=self._crumbs(key, title),
            entries=entries,
            page=0,
            newer=links.newer,
            older=links.older,
            feed=key.feed_paths[0] if key.has_feeds else "",
        )
        return _page(view.path, render_listing_page(self.site, view))

    def listing_page(self, key: ListingKey, page: int) -> SiteFile:
        """Numbered page `page` of the listing (page 1 holds its oldest articles)."""
        title = self._title(key)
        first, end = page_range(page)
        links = numbered_links(key, page, self.state.last_seq(key))
        path = key.page_path(page)
        view = ListingPageView(
            path=path,
            heading=title,
            crumbs=[*self._crumbs(key, title), Crumb(f"Trang {page}", path)],
            entries=list(reversed(self.state.entries(key, first, end))),
            page=page,
            newer=links.newer,
            older=links.older,
        )
        return _page(path, render_listing_page(self.site, view))

    def feeds(self, key: ListingKey) -> list[SiteFile]:
        """RSS and Atom of the site or of a category."""
        entries = self.state.newest(key, FEED_SIZE)
        if key.kind is ListingKind.SITE:
            title, link = self.config.name, "/"
        else:
            title = f"{key.heading(key, self.config)} - {self.config.short_name}"
            link = key.root
        rss_path, atom_path = key.feed_paths
        rss = Feed(title, self.config.description, link, rss_path)
        atom = Feed(title, self.config.description, link, atom_path)
        return [
            _xml(rss_path, render_rss(self.site, rss, entries), RSS),
            _xml(atom_path, render_atom(self.site, atom, entries), ATOM),
        ]

    def home(self) -> SiteFile:
        blocks = [ListingBlock("Tin mới nhất", LATEST_ROOT, self.state.newest(SITE, HOME_LATEST))]
        for category in self.config.categories:
            entries = self.state.newest(ListingKey.category(category.slug), HOME_BLOCK_SIZE)
            blocks.append(ListingBlock(category.name, f"/{category.slug}/", entries))
        return _page("/", render_home_page(self.site, blocks))

    def archive(self) -> SiteFile:
        years: dict[str, list[Crumb]] = {}
        for head in reversed(self.state.heads(f"{ListingKind.MONTH}:")):
            key = ListingKey(head.key)
            years.setdefault(key.value[:4], []).append(Crumb(head.name, key.root))
        page = render_archive_page(self.site, [ArchiveYear(y, m) for y, m in years.items()])
        return _page(ARCHIVE_ROOT, page)

    # -- sitemaps -----------------------------------------------------------------------

    def sitemap_index(self) -> SiteFile:
        return _xml("/sitemap.xml", render_sitemap_index(self.site, self.state.last_seq(SITE)))

    def sitemap_shard(self, shard: int) -> SiteFile:
        first, last = shard_range(shard)
        entries = self.state.entries(SITE, first, last)
        return _xml(shard_path(shard), render_article_sitemap(self.site, entries))

    def news_sitemap(self) -> SiteFile:
        # Read the newest articles a few at a time, until past the two days it covers.
        limit = NEWS_FIRST_READ
        newest = self.state.newest(SITE, limit)
        while len(newest) == limit and limit < NEWS_LIMIT and news_entries(newest) == newest:
            limit = min(limit * 4, NEWS_LIMIT)
            newest = self.state.newest(SITE, limit)
        return _xml(NEWS_SITEMAP, render_news_sitemap(self.site, news_entries(newest)))

    # -- files that depend on the configuration alone ----------------------------------

    def static_files(self) -> list[SiteFile]:
        """Assets, the 404 and search pages, robots.txt and the sitemap of fixed pages."""
        fixed = ["/", LATEST_ROOT, ARCHIVE_ROOT] + [f"/{c.slug}/" for c in self.config.categories]
        files = [
            _page("/404.html", render_not_found_page(self.site)),
            _page("/tim-kiem/", render_search_page(self.site)),
            _xml("/robots.txt", render_robots(self.site), TEXT),
            _xml(
                PAGES_SITEMAP,
                render_urlset(self.site, [SitemapUrl(self.site.absolute(p)) for p in fixed]),
            ),
        ]
        # The stylesheet goes last: publishers take its presence to mean all are there.
        assets = [
            SiteFile(a.key, a.body, a.content_type, IMMUTABLE_CACHE_CONTROL)
            for a in reversed(all_assets(self.config.logo))
        ]
        return files + assets

    def marker_key(self) -> str:
        """The key whose presence shows the static files of this version are written."""
        return self.static_files()[-1].key


__all__ = ["PAGE_SIZE", "SiteFile", "SiteRenderer"]
