"""Bringing the site bucket in line with one article's stored state.

Every page is a pure function of what the database holds when it is rendered, so
rendering again is harmless and the last render shows the newest state.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsroom.models.article import Article
from newsroom.site.config import SiteConfig
from newsroom.site.pages import (
    ListingBlock,
    SiteContext,
    render_article_page,
    render_listing_page,
    render_not_found_page,
    stylesheet,
)
from newsroom.storage.articles import ArticleStore
from newsroom.storage.buckets import HTML_CACHE_CONTROL, IMMUTABLE_CACHE_CONTROL, SiteBucket
from newsroom.storage.keys import page_key

HTML = "text/html; charset=utf-8"
LISTING_SIZE = 20
HOME_BLOCK_SIZE = 5
NOT_FOUND_KEY = "404.html"


@dataclass(frozen=True)
class SiteUpdate:
    """What a render changed: pages written and pages removed, as site paths."""

    written: list[str]
    removed: list[str]

    @property
    def changed_paths(self) -> list[str]:
        return ["/" + page_key(p) for p in self.written + self.removed]


class SitePublisher:
    """Writes pages for articles into the site bucket."""

    def __init__(
        self, store: ArticleStore, bucket: SiteBucket, config: SiteConfig, base_url: str
    ) -> None:
        self.store = store
        self.bucket = bucket
        self.site = SiteContext(config=config, base_url=base_url)

    def _put_html(self, path: str, html: str) -> None:
        self.bucket.put(page_key(path), html.encode("utf-8"), HTML, HTML_CACHE_CONTROL)

    def ensure_assets(self) -> None:
        """The stylesheet and the 404 page, written when missing."""
        sheet = stylesheet()
        if not self.bucket.exists(sheet.key):
            self.bucket.put(
                sheet.key, sheet.body, "text/css; charset=utf-8", IMMUTABLE_CACHE_CONTROL
            )
        if not self.bucket.exists(NOT_FOUND_KEY):
            self.bucket.put(
                NOT_FOUND_KEY, render_not_found_page(self.site).encode(), HTML, HTML_CACHE_CONTROL
            )

    def render_category(self, category: str) -> str:
        """The category's listing page (newest first); returns its path."""
        name = self.site.config.category(category).name
        latest = self.store.latest_published(category=category, limit=LISTING_SIZE).articles
        path = f"/{category}/"
        self._put_html(
            path,
            render_listing_page(
                self.site,
                path=path,
                heading=name,
                breadcrumb=True,
                blocks=[ListingBlock(title="", href="", articles=latest)],
            ),
        )
        return path

    def render_home(self) -> str:
        """The home page: the latest articles, then a block per category; returns its path."""
        blocks = [
            ListingBlock(
                "Tin mới nhất", "", self.store.latest_published(limit=LISTING_SIZE).articles
            )
        ]
        for category in self.site.config.categories:
            articles = self.store.latest_published(
                category=category.slug, limit=HOME_BLOCK_SIZE
            ).articles
            if articles:
                blocks.append(ListingBlock(category.name, f"/{category.slug}/", articles))
        self._put_html(
            "/",
            render_listing_page(self.site, path="/", heading="", breadcrumb=False, blocks=blocks),
        )
        return "/"

    def update_for_article(self, article: Article) -> SiteUpdate:
        """Write (or remove) the article's page and rewrite the listings it appears on."""
        self.ensure_assets()
        written: list[str] = []
        removed: list[str] = []
        if article.is_live:
            self._put_html(article.path, render_article_page(article, self.site))
            written.append(article.path)
        else:
            self.bucket.delete(page_key(article.path))
            removed.append(article.path)
        written.append(self.render_category(article.category))
        written.append(self.render_home())
        return SiteUpdate(written=written, removed=removed)
