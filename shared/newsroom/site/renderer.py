"""Every file of the site, each rendered from the database state (`SiteState`) alone."""

from __future__ import annotations

from dataclasses import dataclass

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
    shard_path,
    shard_range,
)
from newsroom.site.listings import (
    ARCHIVE_ROOT,
    LATEST_ROOT,
    PAGE_SIZE,
    SITE,
    category_key,
    index_first_page,
    index_links,
    listing_root,
    listing_title,
    numbered_links,
    page_count,
    page_path,
    page_range,
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
from newsroom.site.state import SiteState
from newsroom.storage.articles import ArticleNotFound
from newsroom.storage.buckets import HTML_CACHE_CONTROL, IMMUTABLE_CACHE_CONTROL
from newsroom.storage.keys import page_key
from newsroom.storage.listings import ListingEntry

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


@dataclass(frozen=True)
class SiteFile:
    """One object of the site: its key in the bucket, its bytes and how it is served."""

    key: str
    body: bytes
    content_type: str
    cache_control: str = HTML_CACHE_CONTROL


def _page(path: str, html: str) -> SiteFile:
    return SiteFile(page_key(path), html.encode("utf-8"), HTML)


def _xml(path: str, text: str, content_type: str = XML) -> SiteFile:
    return SiteFile(path.lstrip("/"), text.encode("utf-8"), content_type)


def feed_paths(key: str) -> tuple[str, str]:
    """Where the RSS and Atom feeds of a listing are (the site's, or a category's)."""
    root = "/" if key == SITE else listing_root(key)
    return f"{root}feed.xml", f"{root}atom.xml"


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

    def related(self, article_id: str, category: str) -> list[ListingEntry]:
        seq = self.state.placement(article_id).seqs.get(category_key(category))
        if not seq:
            return []
        return list(reversed(self.state.entries(category_key(category), seq - RELATED, seq - 1)))

    # -- listings -----------------------------------------------------------------------

    def _crumbs(self, key: str, title: str) -> list[Crumb]:
        crumbs = [Crumb("Trang chủ", "/")]
        if key.startswith("month:"):
            crumbs.append(Crumb("Lưu trữ", ARCHIVE_ROOT))
        crumbs.append(Crumb(title, listing_root(key)))
        return crumbs

    def listing_index(self, key: str) -> SiteFile:
        """The listing's first page: its two newest pages, newest first."""
        head = self.state.head(key)
        last = head.last_seq if head else 0
        name = head.name if head else key
        title = listing_title(key, name, self.config)
        first, _ = page_range(index_first_page(last))
        links = index_links(key, last)
        entries = list(reversed(self.state.entries(key, first, last))) if last else []
        view = ListingPageView(
            path=listing_root(key),
            heading=title,
            crumbs=self._crumbs(key, title),
            entries=entries,
            page=0,
            newer=links.newer,
            older=links.older,
            feed=feed_paths(key)[0] if key == SITE or key.startswith("category:") else "",
        )
        return _page(view.path, render_listing_page(self.site, view))

    def listing_page(self, key: str, page: int) -> SiteFile:
        """Numbered page `page` of the listing (page 1 holds its oldest articles)."""
        head = self.state.head(key)
        last = head.last_seq if head else 0
        title = listing_title(key, head.name if head else key, self.config)
        first, end = page_range(page)
        links = numbered_links(key, page, last)
        crumbs = self._crumbs(key, title)
        path = page_path(key, page)
        view = ListingPageView(
            path=path,
            heading=title,
            crumbs=[*crumbs, Crumb(f"Trang {page}", path)],
            entries=list(reversed(self.state.entries(key, first, end))),
            page=page,
            newer=links.newer,
            older=links.older,
        )
        return _page(path, render_listing_page(self.site, view))

    def listing_pages(self, key: str) -> list[SiteFile]:
        """The index and every numbered page of a listing."""
        head = self.state.head(key)
        pages = page_count(head.last_seq) if head else 0
        return [self.listing_index(key)] + [self.listing_page(key, p) for p in range(1, pages + 1)]

    def feeds(self, key: str) -> list[SiteFile]:
        """RSS and Atom of the site (`site`) or of a category."""
        entries = self.state.newest(key, FEED_SIZE)
        if key == SITE:
            title, link = self.config.name, "/"
        else:
            title = f"{listing_title(key, key, self.config)} - {self.config.short_name}"
            link = listing_root(key)
        rss_path, atom_path = feed_paths(key)
        rss = Feed(title, self.config.description, link, rss_path)
        atom = Feed(title, self.config.description, link, atom_path)
        return [
            _xml(rss_path, render_rss(self.site, rss, entries), RSS),
            _xml(atom_path, render_atom(self.site, atom, entries), ATOM),
        ]

    def home(self) -> SiteFile:
        blocks = [ListingBlock("Tin mới nhất", LATEST_ROOT, self.state.newest(SITE, HOME_LATEST))]
        for category in self.config.categories:
            entries = self.state.newest(category_key(category.slug), HOME_BLOCK_SIZE)
            blocks.append(ListingBlock(category.name, f"/{category.slug}/", entries))
        return _page("/", render_home_page(self.site, blocks))

    def archive(self) -> SiteFile:
        years: dict[str, list[Crumb]] = {}
        for head in reversed(self.state.heads("month:")):
            year = head.key.removeprefix("month:")[:4]
            years.setdefault(year, []).append(Crumb(head.name, listing_root(head.key)))
        page = render_archive_page(self.site, [ArchiveYear(y, m) for y, m in years.items()])
        return _page(ARCHIVE_ROOT, page)

    # -- sitemaps -----------------------------------------------------------------------

    def sitemap_index(self) -> SiteFile:
        head = self.state.head(SITE)
        return _xml("/sitemap.xml", render_sitemap_index(self.site, head.last_seq if head else 0))

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


__all__ = ["PAGE_SIZE", "SiteFile", "SiteRenderer", "feed_paths"]
