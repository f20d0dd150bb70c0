"""Files that many articles share, named, so that a burst of publishes renders each once.

A publish changes its article's own page and a bounded set of shared files: its
listings' index pages, the numbered pages its entries are on, the site's and its
category's feeds, its sitemap shard, its search block, the sitemap index, the news
sitemap, the home page, the archive, and the pages of the articles after it in its
category (they show it as related). Each has a name here (`index:category:tin-tuc`,
`page:3:tag:ocop`, `home`, `article:<id>`…); the publish marks those names stale
(`newsroom.storage.stale`), and a later render of the site renders each stale file
once, from the database as it is then.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from newsroom.models.article import Article
from newsroom.site.feeds import shard_of
from newsroom.site.files import SiteFile
from newsroom.site.listings import SITE, ListingKey, ListingKind, pages_touched
from newsroom.site.renderer import SiteRenderer
from newsroom.site.search import docs_file, render_block, render_manifest
from newsroom.storage.articles import ArticleNotFound
from newsroom.storage.keys import page_key
from newsroom.storage.listings import Placement
from newsroom.storage.search import block_of

WHOLE_SITE = ("sitemap", "news", "home", "archive")


@dataclass
class Rendered:
    """Files to write, and keys to delete (pages readers should no longer find)."""

    files: list[SiteFile] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def extend(self, other: Rendered) -> None:
        self.files += other.files
        self.removed += other.removed


def article_name(article_id: str) -> str:
    return f"article:{article_id}"


def names_of_places(renderer: SiteRenderer, placement: Placement) -> list[str]:
    """The shared files an article's places are on (its own page aside)."""
    names: list[str] = []
    for text, seq in sorted(placement.seqs.items()):
        key = ListingKey(text)
        names.append(f"index:{key}")
        names += [f"page:{page}:{key}" for page in sorted(pages_touched(seq))]
        if key.has_feeds:
            names.append(f"feeds:{key}")
        if key.kind is ListingKind.CATEGORY:
            followers = renderer.neighbour_entries(key, seq)
            names += [article_name(entry.article_id) for entry in followers]
    site_seq = placement.seqs.get(SITE)
    if site_seq:
        block, docs = block_of(site_seq), docs_file(site_seq)
        names += [f"shard:{shard_of(site_seq)}", f"search:{block}:{docs}"]
    return names + list(WHOLE_SITE)


def render_all(
    renderer: SiteRenderer, names: list[str], render: Callable[[list[str]], list[Rendered]]
) -> Rendered:
    """What the shared files of these names are now: the search marks of one block
    together (its term files once, and each documents file named), the others by
    `render` (which may render them at once, on threads)."""
    search: dict[int, set[int]] = defaultdict(set)
    others = []
    for name in names:
        kind, _, rest = name.partition(":")
        if kind != "search":
            others.append(name)
            continue
        number, _, docs = rest.partition(":")
        search[int(number)].update([int(docs)] if docs else [])
    rendered = Rendered()
    for one in render(others):
        rendered.extend(one)
    last = renderer.state.last_seq(SITE)
    for block_number, docs_files in sorted(search.items()):
        documents = renderer.state.search_documents(block_number)
        rendered.files += render_block(block_number, documents, sorted(docs_files))
    if search:
        rendered.files.append(render_manifest(last))
    return rendered


def render_shared(renderer: SiteRenderer, name: str) -> Rendered:
    """What the shared file of this name is now (unknown names render nothing)."""
    kind, _, rest = name.partition(":")
    if kind == "article":
        return article_pages(renderer, rest)
    if kind in ("index", "feeds"):
        listing = ListingKey(rest)
        files = [renderer.listing_index(listing)] if kind == "index" else renderer.feeds(listing)
        return Rendered(files)
    if kind == "page":
        number, _, text = rest.partition(":")
        return Rendered([renderer.listing_page(ListingKey(text), int(number))])
    if kind == "shard":
        return Rendered([renderer.sitemap_shard(int(rest))])
    if kind == "home":
        return Rendered(renderer.home_files())
    whole = {
        "sitemap": renderer.sitemap_index,
        "news": renderer.news_sitemap,
        "home": renderer.home,
        "archive": renderer.archive,
    }
    return Rendered([whole[kind]()]) if kind in whole else Rendered()


def article_pages(renderer: SiteRenderer, article_id: str) -> Rendered:
    """The article's page where it is live, and its page under every other category it
    was published in (or everywhere, when it is not live or was deleted) to delete."""
    try:
        article: Article | None = renderer.state.article(article_id)
    except ArticleNotFound:
        article = None
    page = renderer.article_page(article_id)
    placement = renderer.state.placement(article_id)
    return Rendered(
        [page] if page is not None else [],
        _stale_pages(article, placement, live=page is not None),
    )


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
