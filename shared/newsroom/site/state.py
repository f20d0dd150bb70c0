"""What the site is rendered from: the database as it is when a page is rendered.

Pages read it through `SiteState`: an incremental render asks DynamoDB directly
(`TableState`); a full build reads the table once and answers from memory
(`SnapshotState`). Both give the same answers, so both give the same bytes.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from newsroom.aws.attributes import from_item
from newsroom.models.article import Article, Photo
from newsroom.storage.articles import (
    ARTICLE_PK_PREFIX,
    ARTICLE_SK,
    PHOTO_SK_PREFIX,
    ArticleNotFound,
    ArticleStore,
    _strip,
)
from newsroom.storage.listings import (
    LISTING_PK_PREFIX,
    LISTINGS_PK,
    PLACEMENT_PK_PREFIX,
    ListingEntry,
    ListingHead,
    ListingStore,
    Placement,
    head_from_item,
    placement_from_item,
)


class SiteState(Protocol):
    """Questions a page asks of the database."""

    def article(self, article_id: str) -> Article: ...

    def placement(self, article_id: str) -> Placement: ...

    def head(self, key: str) -> ListingHead | None: ...

    def heads(self, prefix: str) -> list[ListingHead]: ...

    def entries(self, key: str, first: int, last: int) -> list[ListingEntry]: ...

    def newest(self, key: str, limit: int) -> list[ListingEntry]: ...


class TableState:
    """The site's state, read from DynamoDB question by question.

    Heads, placements and articles are read once per `TableState`: make a new one for
    each render, after the article's places are stored.
    """

    def __init__(self, articles: ArticleStore, listings: ListingStore) -> None:
        self.articles = articles
        self.listings = listings
        self._heads: dict[str, ListingHead | None] = {}
        self._placements: dict[str, Placement] = {}
        self._articles: dict[str, Article] = {}

    def article(self, article_id: str) -> Article:
        if article_id not in self._articles:
            self._articles[article_id] = self.articles.get(article_id)
        return self._articles[article_id].model_copy(deep=True)

    def placement(self, article_id: str) -> Placement:
        if article_id not in self._placements:
            self._placements[article_id] = self.listings.placement(article_id)
        return self._placements[article_id]

    def head(self, key: str) -> ListingHead | None:
        if key not in self._heads:
            self._heads[key] = self.listings.head(key)
        return self._heads[key]

    def heads(self, prefix: str) -> list[ListingHead]:
        return self.listings.heads(prefix)

    def entries(self, key: str, first: int, last: int) -> list[ListingEntry]:
        return self.listings.entries(key, first, last)

    def newest(self, key: str, limit: int) -> list[ListingEntry]:
        return self.listings.newest(key, limit)


class DeferredItem(Protocol):
    """An item whose key is known and whose attributes are read when a page needs them."""

    @property
    def pk(self) -> str: ...

    @property
    def sk(self) -> str: ...

    def parse(self) -> dict[str, Any]:
        """The item as DynamoDB sends it (typed attributes)."""
        ...


StoredItem = Mapping[str, Any] | DeferredItem


def _typed(item: StoredItem) -> Mapping[str, Any]:
    return item if isinstance(item, Mapping) else item.parse()


class SnapshotState:
    """The whole table, read once, answering from memory (for full builds).

    It takes the items as DynamoDB sends them (typed attributes), or deferred, and
    sorts them by key alone; an article, its photos, a placement or an entry is
    converted when a page asks for it. A build forks its workers after reading, so
    that work is shared between them instead of done before any of them starts.
    """

    def __init__(self, items: Iterable[StoredItem]) -> None:
        self._raw_articles: dict[str, StoredItem] = {}
        self._raw_photos: dict[str, list[StoredItem]] = defaultdict(list)
        self._heads: dict[str, ListingHead] = {}
        raw_entries: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self._raw_placements: dict[str, Mapping[str, Any]] = {}
        self._raw_search: list[Mapping[str, Any]] = []
        for item in items:
            if isinstance(item, Mapping):
                pk, sk = item["pk"]["S"], item["sk"]["S"]
            else:
                pk, sk = item.pk, item.sk
            if pk.startswith(ARTICLE_PK_PREFIX):
                article_id = pk.removeprefix(ARTICLE_PK_PREFIX)
                if sk == ARTICLE_SK:
                    self._raw_articles[article_id] = item
                elif sk.startswith(PHOTO_SK_PREFIX):
                    self._raw_photos[article_id].append(item)
                continue
            item = _typed(item)
            if pk == LISTINGS_PK:
                head = head_from_item(from_item(item))
                self._heads[head.key] = head
            elif pk.startswith(LISTING_PK_PREFIX):
                raw_entries[pk.removeprefix(LISTING_PK_PREFIX)].append(
                    (int(sk), item["entry"]["S"])
                )
            elif pk.startswith(PLACEMENT_PK_PREFIX):
                self._raw_placements[pk.removeprefix(PLACEMENT_PK_PREFIX)] = item
            elif pk.startswith("SEARCH#"):
                self._raw_search.append(item)
        self._raw = {key: sorted(found) for key, found in raw_entries.items()}
        self._seqs = {key: [seq for seq, _ in found] for key, found in self._raw.items()}
        self._parsed: dict[tuple[str, int], ListingEntry] = {}

    @property
    def search_documents(self) -> list[dict[str, Any]]:
        """The stored words of every live article, as plain values."""
        return [from_item(item) for item in self._raw_search]

    @property
    def article_ids(self) -> list[str]:
        return sorted(self._raw_articles)

    def article(self, article_id: str) -> Article:
        item = self._raw_articles.get(article_id)
        if item is None:
            raise ArticleNotFound(article_id)
        article = Article.model_validate(_strip(from_item(_typed(item))))
        photos = [
            Photo.model_validate(_strip(from_item(_typed(i)))) for i in self._raw_photos[article_id]
        ]
        article.photos = sorted(photos, key=lambda p: (p.position, p.name))
        return article

    def placement(self, article_id: str) -> Placement:
        item = self._raw_placements.get(article_id)
        if item is None:
            return Placement(article_id=article_id)
        return placement_from_item(from_item(item))

    def head(self, key: str) -> ListingHead | None:
        return self._heads.get(key)

    def heads(self, prefix: str) -> list[ListingHead]:
        return [h for k, h in sorted(self._heads.items()) if k.startswith(prefix)]

    def entries(self, key: str, first: int, last: int) -> list[ListingEntry]:
        seqs = self._seqs.get(key, [])
        low = bisect.bisect_left(seqs, first)
        high = bisect.bisect_right(seqs, last)
        return [self._entry(key, i) for i in range(low, high)]

    def newest(self, key: str, limit: int) -> list[ListingEntry]:
        count = len(self._seqs.get(key, []))
        return [self._entry(key, i) for i in range(count - 1, max(count - limit, 0) - 1, -1)]

    def _entry(self, key: str, index: int) -> ListingEntry:
        parsed = self._parsed.get((key, index))
        if parsed is None:
            parsed = ListingEntry.model_validate_json(self._raw[key][index][1])
            self._parsed[(key, index)] = parsed
        return parsed
