"""Feeds and indexes for machines: RSS 2.0, Atom, sitemaps, the news sitemap, robots.txt.

Each document is XML 1.0 whatever the stored text holds: templates are rendered
through `newsroom.site.templating.render`, which drops the characters XML forbids,
so that one article can never make a feed or a sitemap unreadable.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from newsroom.site.pages import SiteContext
from newsroom.site.templating import render
from newsroom.storage.listings import ListingEntry

NEWS_WINDOW = timedelta(days=2)
SITEMAP_SHARD_SIZE = 1000  # URLs a sitemap shard holds (the protocol allows 50,000)


class Feed(NamedTuple):
    """A feed's channel: its title, the page it describes and its own address."""

    title: str
    description: str
    link_path: str
    self_path: str


def _render(site: SiteContext, template: str, **values: object) -> str:
    return render(template, site=site.config, absolute=site.absolute, **values)


def _updated(entries: list[ListingEntry]) -> datetime | None:
    return max((e.updated_at for e in entries), default=None)


def render_rss(site: SiteContext, feed: Feed, entries: list[ListingEntry]) -> str:
    """RSS 2.0 of `entries` (newest first)."""
    return _render(
        site,
        "rss.xml",
        title=feed.title,
        description=feed.description,
        link=site.absolute(feed.link_path),
        self_url=site.absolute(feed.self_path),
        updated=_updated(entries),
        entries=entries,
    )


def render_atom(site: SiteContext, feed: Feed, entries: list[ListingEntry]) -> str:
    """Atom of `entries` (newest first); an empty feed is dated at the epoch."""
    return _render(
        site,
        "atom.xml",
        title=feed.title,
        link=site.absolute(feed.link_path),
        self_url=site.absolute(feed.self_path),
        updated=_updated(entries) or datetime(1970, 1, 1, tzinfo=UTC),
        entries=entries,
    )


class SitemapUrl(NamedTuple):
    loc: str
    lastmod: datetime | None = None


def shard_of(seq: int) -> int:
    """The sitemap shard (from 1) holding the site's article at place `seq`."""
    return (seq - 1) // SITEMAP_SHARD_SIZE + 1


def shard_count(last_seq: int) -> int:
    return (last_seq + SITEMAP_SHARD_SIZE - 1) // SITEMAP_SHARD_SIZE


def shard_range(shard: int) -> tuple[int, int]:
    return (shard - 1) * SITEMAP_SHARD_SIZE + 1, shard * SITEMAP_SHARD_SIZE


def shard_path(shard: int) -> str:
    return f"/sitemaps/bai-viet-{shard}.xml"


PAGES_SITEMAP = "/sitemaps/trang.xml"
NEWS_SITEMAP = "/sitemaps/tin-moi.xml"


def render_sitemap_index(site: SiteContext, last_seq: int) -> str:
    """`sitemap.xml`: the pages sitemap, the news sitemap and every article shard."""
    paths = [PAGES_SITEMAP, NEWS_SITEMAP] + [
        shard_path(s) for s in range(1, shard_count(last_seq) + 1)
    ]
    return _render(site, "sitemapindex.xml", sitemaps=[site.absolute(p) for p in paths])


def render_urlset(site: SiteContext, urls: list[SitemapUrl]) -> str:
    return _render(site, "urlset.xml", urls=urls)


def render_article_sitemap(site: SiteContext, entries: list[ListingEntry]) -> str:
    """One shard: the articles at a range of places."""
    return render_urlset(site, [SitemapUrl(site.absolute(e.path), e.updated_at) for e in entries])


def news_entries(newest: list[ListingEntry]) -> list[ListingEntry]:
    """Articles published within two days of the newest one (the sitemap depends on the
    database alone, not on the clock, so rendering it again gives the same bytes)."""
    if not newest:
        return []
    since = newest[0].published_at - NEWS_WINDOW
    return [e for e in newest if e.published_at >= since]


def render_news_sitemap(site: SiteContext, entries: list[ListingEntry]) -> str:
    """The Google News sitemap."""
    return _render(site, "news.xml", entries=entries)


def render_robots(site: SiteContext) -> str:
    sitemap = site.absolute("/sitemap.xml")
    return f"User-agent: *\nAllow: /\nDisallow: /tim-kiem/?\n\nSitemap: {sitemap}\n"
