"""What the site is rendered from: the database as it is when a page is rendered.

Pages read it through `SiteState`: an incremental render asks DynamoDB directly
(`TableState`, through the stores); a full build reads the table once and answers
from memory (`newsroom.storage.snapshot.TableSnapshot`). Both give the same answers,
so both give the same bytes.
"""

from __future__ import annotations

from typing import Protocol

from newsroom.models.article import Article
from newsroom.storage.listings import ListingEntry, ListingHead, Placement, last_seq_of
from newsroom.storage.search import SearchDocument
from newsroom.storage.stores import SiteStores

__all__ = ["SiteState", "TableState"]


class SiteState(Protocol):
    """Questions a page asks of the database."""

    def article(self, article_id: str) -> Article: ...

    def placement(self, article_id: str) -> Placement: ...

    def head(self, key: str) -> ListingHead | None: ...

    def heads(self, prefix: str) -> list[ListingHead]: ...

    def entries(self, key: str, first: int, last: int) -> list[ListingEntry]: ...

    def newest(self, key: str, limit: int) -> list[ListingEntry]: ...

    def search_documents(self, block: int) -> list[SearchDocument]: ...

    def last_seq(self, key: str) -> int:
        """The last place given in the listing (0 when nothing was ever published in it)."""
        ...


class TableState:
    """The site's state, read from DynamoDB question by question.

    Heads, placements and articles are read once per `TableState`: make a new one for
    each render, after the article's places are stored.
    """

    def __init__(self, stores: SiteStores) -> None:
        self.stores = stores
        self._heads: dict[str, ListingHead | None] = {}
        self._placements: dict[str, Placement] = {}
        self._articles: dict[str, Article] = {}

    def article(self, article_id: str) -> Article:
        if article_id not in self._articles:
            self._articles[article_id] = self.stores.articles.get(article_id)
        return self._articles[article_id].model_copy(deep=True)

    def remember(self, article: Article) -> None:
        """Answer for this article from what was just read, instead of reading it again."""
        self._articles[article.id] = article.model_copy(deep=True)

    def placement(self, article_id: str) -> Placement:
        if article_id not in self._placements:
            self._placements[article_id] = self.stores.listings.placement(article_id)
        return self._placements[article_id]

    def head(self, key: str) -> ListingHead | None:
        if key not in self._heads:
            self._heads[key] = self.stores.listings.head(key)
        return self._heads[key]

    def heads(self, prefix: str) -> list[ListingHead]:
        return self.stores.listings.heads(prefix)

    def entries(self, key: str, first: int, last: int) -> list[ListingEntry]:
        return self.stores.listings.entries(key, first, last)

    def newest(self, key: str, limit: int) -> list[ListingEntry]:
        return self.stores.listings.newest(key, limit)

    def search_documents(self, block: int) -> list[SearchDocument]:
        return self.stores.search.block(block)

    def last_seq(self, key: str) -> int:
        return last_seq_of(self.head(key))
