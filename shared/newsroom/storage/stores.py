"""The stores of the articles table, made together over one client."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from newsroom.storage.articles import ArticleStore
from newsroom.storage.listings import ListingStore
from newsroom.storage.search import SearchStore
from newsroom.storage.stale import StaleFiles

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient


class SiteStores(NamedTuple):
    """What the site is kept in line with: articles, listings, search words and the marks
    of files waiting to be rendered again, all in the articles table."""

    articles: ArticleStore
    listings: ListingStore
    search: SearchStore
    stale: StaleFiles

    @classmethod
    def for_table(cls, table_name: str, client: DynamoDBClient | None = None) -> SiteStores:
        """The stores of `table_name`, through `client` (else the process's own)."""
        return cls(
            ArticleStore(table_name, client),
            ListingStore(table_name, client),
            SearchStore(table_name, client),
            StaleFiles(table_name, client),
        )
