"""What every DynamoDB store shares: its table, its client, and paginated queries."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from newsroom.aws import clients
from newsroom.aws.attributes import from_item

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient


class DynamoTable(clients.Reached["DynamoDBClient"]):
    """One DynamoDB table."""

    def __init__(self, table_name: str, client: DynamoDBClient | None = None) -> None:
        super().__init__(client, clients.dynamodb)
        self.table_name = table_name

    def query(self, **request: Any) -> Iterator[dict[str, Any]]:
        """Every item a query finds, page after page, as plain values."""
        paginator = self.client.get_paginator("query")
        for page in paginator.paginate(TableName=self.table_name, **request):
            for item in page.get("Items", []):
                yield from_item(item)
