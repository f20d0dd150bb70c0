"""Every file of the site, each rendered from the database state (`SiteState`) alone."""

from __future__ import annotations

from collections.abc import Iterable

from newsroom.models.article import Article
from newsroom.site.assets import STYLESHEET, all_assets, asset
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
)
from newsroom.site.pages import (
    ArchiveYear,
    Crumb,
    HomeView,
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
from newsroom.storage.buckets import IMMUTABLE_CACHE_CONTROL
from newsroom.storage.keys import page_key
from newsroom.storage.listings import ListingEntry

HTML = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
HOME_TOP = 6  # the lead story and the five after it
HOME_BLOCK_SIZE = 5  # articles in a category's block on the home page
ANNOUNCEMENTS = 6
FEED_SIZE = 20
RELATED = 5  # the articles before one in its category, offered with it
NEWER = 3  # the articles after one in its category, offered with it
NEWS_LIMIT = 1000  # Google News reads at most 1,000 articles from a news sitemap
NEWS_FIRST_READ = 50


def _page(path: str, html: str) -> SiteFile:
    return SiteFile(page_key(path), html.encode("utf-8"), HTML)


def _empty_text(key: ListingKey, title: str) -> str:
    if key.kind is ListingKind.CATEGORY:
        return f"Chuyên mục “{title}” chưa có bài viết."
    return "Chưa có bài viết."


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
        return _page(article.path, self.article_html(article))

    def article_html(self, article: Article) -> str:
        """The page of `article` as readers get it, beside the articles around its place in
        its category; an article without a place yet (a preview of one not published) is
        shown where publishing it now would put it: after the category's newest."""
        key = ListingKey.category(article.category)
        seq = self.state.placement(article.id).seqs.get(key, 0) if article.is_live else 0
        if seq:
            related, newer = self._neighbours(key, seq)
        else:
            newest = self.state.newest(key, RELATED + 1)
            related, newer = [e for e in newest if e.article_id != article.id][:RELATED], []
        return render_article_page(article, self.site, related, newer)

    def neighbour_entries(self, key: ListingKey, seq: int) -> list[ListingEntry]:
        """The articles around place `seq` of a category whose pages show the article
        there: the five after it offer it as related, the three before it as newer."""
        around = self.state.entries(key, max(1, seq - NEWER), seq + RELATED)
        return [entry for entry in around if entry.seq != seq]

    def _neighbours(
        self, key: ListingKey, seq: int
    ) -> tuple[list[ListingEntry], list[ListingEntry]]:
        """The articles before place `seq` in the listing and those after it, newest first."""
        if not seq:
            return [], []
        around = self.state.entries(key, max(1, seq - RELATED), seq + NEWER)
        before = [e for e in reversed(around) if e.seq < seq]
        after = [e for e in reversed(around) if e.seq > seq]
        return before, after

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
            # A listing that never had an article has no feeds yet.
            feed=key.feed_paths[0] if key.has_feeds and last else "",
            empty=_empty_text(key, title),
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

    def home_files(self) -> list[SiteFile]:
        """The home page, and the page of each category of the configuration that has
        never had an article (it says so): every link of the navigation leads somewhere.
        Until the site's first article, its feeds too, without items: every page links
        them (a feed reader subscribed before then finds a feed, not a 404). Rendered
        with the home page, on every publish, so the first article of a category or of
        the site (whose publish renders its listing after this) always has the last
        word."""
        files = [self.home(), *self.empty_categories()]
        if self.state.head(SITE) is None:
            files += self.feeds(SITE)
        return files

    def empty_categories(self) -> list[SiteFile]:
        """The index page of each configured category that has no listing yet."""
        keys = (ListingKey.category(category.slug) for category in self.config.categories)
        return [self.listing_index(key) for key in keys if self.state.head(key) is None]

    def home(self) -> SiteFile:
        """The home page, from a fixed number of reads: the site's newest articles, the
        announcements' and each category's."""
        newest = self.state.newest(SITE, HOME_TOP)
        lead = next((e for e in newest if e.thumbnail), newest[0] if newest else None)
        shown = {entry.article_id for entry in newest}
        announcements = None
        announced = self.config.announcements
        if announced is not None:
            key = (
                ListingKey.category(announced.category)
                if announced.category
                else ListingKey.tag(announced.tag)
            )
            entries = self.state.newest(key, ANNOUNCEMENTS)
            announcements = ListingBlock(announced.title, key.root if entries else "", entries)
        blocks = []
        for category in self.config.categories:
            if announced is not None and category.slug == announced.category:
                continue
            key = ListingKey.category(category.slug)
            newest_here = self.state.newest(key, HOME_BLOCK_SIZE + HOME_TOP)
            # Those not among the top stories already; all of them if they all are.
            entries = [e for e in newest_here if e.article_id not in shown] or newest_here
            entries = entries[:HOME_BLOCK_SIZE]
            if entries:
                first = next((e for e in entries if e.thumbnail), entries[0])
                entries = [first, *(e for e in entries if e is not first)]
                blocks.append(ListingBlock(category.name, key.root, entries))
        view = HomeView(
            lead=lead,
            latest=[e for e in newest if e is not lead],
            announcements=announcements,
            blocks=blocks,
        )
        return _page("/", render_home_page(self.site, view))

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
        """The key whose presence shows the static files of this version are written (the
        stylesheet, written last)."""
        return asset(STYLESHEET).key


__all__ = ["PAGE_SIZE", "SiteFile", "SiteRenderer"]
