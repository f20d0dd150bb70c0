"""The whole articles table read once, answering from memory (for full builds).

It takes the items as DynamoDB sends them (typed attributes), or deferred, and sorts
them by key alone; an article, its photos, a placement or an entry is converted when a
page asks for it. A build forks its workers after reading, so that work is shared
between them instead of done before any of them starts. It answers the same questions,
with the same answers, as the stores do of the live table.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from newsroom.aws.attributes import from_item
from newsroom.models.article import Article
from newsroom.storage.articles import (
    ArticleNotFound,
    article_from_item,
    article_id_of,
    item_kind,
    photo_from_item,
    with_photos,
)
from newsroom.storage.listings import (
    ListingEntry,
    ListingHead,
    Placement,
    entry_json,
    head_from_item,
    last_seq_of,
    listing_item_kind,
    named_by,
    placement_from_item,
)
from newsroom.storage.search import (
    SearchDocument,
    block_of,
    document_from_item,
    is_search_item,
)


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


class TableSnapshot:
    """Every item of the articles table, sorted by what it is, read on demand."""

    def __init__(self, items: Iterable[StoredItem]) -> None:
        self._raw_articles: dict[str, StoredItem] = {}
        self._raw_photos: dict[str, list[StoredItem]] = defaultdict(list)
        self._heads: dict[str, ListingHead] = {}
        raw_entries: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self._raw_placements: dict[str, Mapping[str, Any]] = {}
        self._raw_search: dict[int, list[Mapping[str, Any]]] = defaultdict(list)
        for item in items:
            if isinstance(item, Mapping):
                pk, sk = item["pk"]["S"], item["sk"]["S"]
            else:
                pk, sk = item.pk, item.sk
            kind = item_kind(pk, sk)
            if kind == "article":
                self._raw_articles[article_id_of(pk)] = item
            elif kind == "photo":
                self._raw_photos[article_id_of(pk)].append(item)
            if kind:
                continue
            item = _typed(item)
            kind = listing_item_kind(pk)
            if kind == "head":
                head = head_from_item(from_item(item))
                self._heads[head.key] = head
            elif kind == "entry":
                raw_entries[named_by(pk)].append((int(sk), entry_json(item)))
            elif kind == "placement":
                self._raw_placements[named_by(pk)] = item
            elif is_search_item(pk):
                self._raw_search[block_of(int(sk))].append(item)
        self._raw = {key: sorted(found) for key, found in raw_entries.items()}
        self._seqs = {key: [seq for seq, _ in found] for key, found in self._raw.items()}
        self._parsed: dict[tuple[str, int], ListingEntry] = {}

    @property
    def article_ids(self) -> list[str]:
        return sorted(self._raw_articles)

    def article(self, article_id: str) -> Article:
        item = self._raw_articles.get(article_id)
        if item is None:
            raise ArticleNotFound(article_id)
        photos = [photo_from_item(from_item(_typed(i))) for i in self._raw_photos[article_id]]
        return with_photos(article_from_item(from_item(_typed(item))), photos)

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

    def last_seq(self, key: str) -> int:
        return last_seq_of(self.head(key))

    def search_documents(self, block: int) -> list[SearchDocument]:
        return [document_from_item(from_item(item)) for item in self._raw_search.get(block, [])]

    def _entry(self, key: str, index: int) -> ListingEntry:
        parsed = self._parsed.get((key, index))
        if parsed is None:
            parsed = ListingEntry.model_validate_json(self._raw[key][index][1])
            self._parsed[(key, index)] = parsed
        return parsed
