"""The whole site in parts: what each part renders, and the parts of a full rebuild.

A full render of the site is cut into parts: `site` (the files that depend on the
whole site but on no one listing or article: fixed pages and assets, home (with the
pages of the categories that have no article yet), archive, sitemaps, the search
index), `listings` (every page and feed of some listings) and `articles` (the pages of
some articles). `newsroom build` spreads the parts over processes; `newsroom rebuild`
sends them through the render queue, so Lambda renders them in parallel. Both render a
part with `part_files`, so both give the same bytes.
"""

from __future__ import annotations

from typing import Literal

from newsroom.models.rebuild import RebuildRequested
from newsroom.site.feeds import shard_count
from newsroom.site.files import SiteFile
from newsroom.site.listings import SITE, ListingKey
from newsroom.site.renderer import SiteRenderer
from newsroom.site.search import search_files
from newsroom.site.state import SiteState

Part = Literal["site", "listings", "articles"]


def part_files(renderer: SiteRenderer, part: Part, items: list[str]) -> list[SiteFile]:
    """The files of one part: `items` are listing keys, article ids, or none (`site`)."""
    if part == "articles":
        pages = (renderer.article_page(article_id) for article_id in items)
        return [page for page in pages if page is not None]
    if part == "listings":
        return [f for key in items for f in renderer.listing_files(ListingKey(key))]
    files = renderer.static_files()
    files += [*renderer.home_files(), renderer.archive(), renderer.sitemap_index()]
    files.append(renderer.news_sitemap())
    shards = shard_count(renderer.state.last_seq(SITE))
    files += [renderer.sitemap_shard(shard) for shard in range(1, shards + 1)]
    return files + search_files(renderer.state)


def site_parts(
    listing_keys: list[str], article_ids: list[str], listings_each: int, articles_each: int
) -> list[tuple[Part, list[str]]]:
    """The whole site as parts: the `site` part, then the listings and the articles, so
    many to a part."""
    parts: list[tuple[Part, list[str]]] = [("site", [])]
    for start in range(0, len(listing_keys), listings_each):
        parts.append(("listings", listing_keys[start : start + listings_each]))
    for start in range(0, len(article_ids), articles_each):
        parts.append(("articles", article_ids[start : start + articles_each]))
    return parts


def rebuild_messages(state: SiteState, chunk: int, rebuild_id: str) -> list[RebuildRequested]:
    """Messages that together render every file of the site once (`chunk` items each)."""
    keys = [head.key for head in state.heads("")]
    last = state.last_seq(SITE)
    ids = [entry.article_id for entry in state.entries(SITE, 1, last)] if last else []
    return [
        RebuildRequested(part=part, items=items, rebuild_id=rebuild_id)
        for part, items in site_parts(keys, ids, chunk, chunk)
    ]
