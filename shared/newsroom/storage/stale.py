"""Site files waiting to be rendered again: the marks that coalesce a burst of publishes.

Publishing an article writes its own page at once, then marks the shared files its
change touches (listing pages, feeds, home, sitemaps, search blocks, the pages that
show it as related) as stale. One render of the site later renders every stale file
once, from the database as it is then, however many publishes marked it meanwhile.

Items, next to the articles in the same table: `pk = "STALE"`, `sk = <file name>`
(see `newsroom.site.shared`), `token`: a value new at each marking. A render clears a
mark only if its token is still the one it read, so a file marked again while it was
being rendered stays marked, and is rendered again by the render that marking asks for.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterable
from typing import Any, NamedTuple

from botocore.exceptions import ClientError

from newsroom.aws.attributes import to_item
from newsroom.storage.table import DynamoTable

STALE_PK = "STALE"
# How many publishes marked files since the last render of them (for the metric of how
# many a render covers), and when the last of them marked (epoch ms: a render waits for
# a burst to settle, see `newsroom.site.settle`).
COUNT_KEY = {"pk": "STALE#COUNT", "sk": "publishes"}
BATCH = 25  # items a BatchWriteItem request takes
TRANSACTION = 100  # items a TransactWriteItems request takes


class Pending(NamedTuple):
    """The publishes not yet covered by a render, and when the last one marked files."""

    publishes: int
    last_marked: float  # epoch seconds; 0 when nothing was ever marked


class StaleMark(NamedTuple):
    """One file to render again, and the token of the marking that was read."""

    name: str
    token: str


def is_stale_mark(pk: str) -> bool:
    """Whether an item with this partition key is a mark or their count (no page is
    rendered from either)."""
    return pk in (STALE_PK, COUNT_KEY["pk"])


class StaleFiles(DynamoTable):
    """Marks site files stale, lists them, and clears them once rendered."""

    def mark(self, names: Iterable[str]) -> None:
        """Mark these files stale (again: each gets a new token), for one publish."""
        token = secrets.token_hex(8)
        items = [
            {"PutRequest": {"Item": to_item({"pk": STALE_PK, "sk": name, "token": token})}}
            for name in sorted(set(names))
        ]
        for start in range(0, len(items), BATCH):
            pending: Any = {self.table_name: items[start : start + BATCH]}
            while pending:
                response = self.client.batch_write_item(RequestItems=pending)
                pending = response.get("UnprocessedItems") or None
        self.client.update_item(
            TableName=self.table_name,
            Key=to_item(COUNT_KEY),
            UpdateExpression="ADD #count :one SET #last = :now",
            ExpressionAttributeNames={"#count": "count", "#last": "last_marked"},
            ExpressionAttributeValues=to_item({":one": 1, ":now": round(time.time() * 1000)}),
        )

    def pending(self) -> Pending:
        """How many publishes marked files since the renders so far covered them, and when
        the last of them marked."""
        response = self.client.get_item(
            TableName=self.table_name, Key=to_item(COUNT_KEY), ConsistentRead=True
        )
        item = response.get("Item", {})
        return Pending(
            publishes=int(item.get("count", {}).get("N", 0)),
            last_marked=int(item.get("last_marked", {}).get("N", 0)) / 1000,
        )

    def publishes(self) -> int:
        """How many publishes marked files since the renders so far covered them."""
        return self.pending().publishes

    def last_marked(self) -> float:
        """When a publish last marked files (epoch seconds; 0 when none ever did)."""
        return self.pending().last_marked

    def covered(self, publishes: int) -> None:
        """A render covered this many of the publishes counted."""
        if publishes:
            self.client.update_item(
                TableName=self.table_name,
                Key=to_item(COUNT_KEY),
                UpdateExpression="ADD #count :change",
                ExpressionAttributeNames={"#count": "count"},
                ExpressionAttributeValues=to_item({":change": -publishes}),
            )

    def stale(self) -> list[StaleMark]:
        """Every file marked stale, in the order of their names."""
        return [
            StaleMark(str(item["sk"]), str(item["token"]))
            for item in self.query(
                KeyConditionExpression="pk = :pk",
                ExpressionAttributeValues=to_item({":pk": STALE_PK}),
                ConsistentRead=True,
            )
        ]

    def clear_all(self, marks: list[StaleMark]) -> int:
        """Clear every mark nobody renewed since it was read, in as few requests as
        possible (a transaction of up to 100; when some were renewed, the others again
        without them); how many were cleared."""
        cleared = 0
        for start in range(0, len(marks), TRANSACTION):
            chunk = marks[start : start + TRANSACTION]
            while chunk:
                try:
                    deletes: Any = [{"Delete": self._delete(mark)} for mark in chunk]
                    self.client.transact_write_items(TransactItems=deletes)
                except ClientError as error:
                    if error.response["Error"]["Code"] != "TransactionCanceledException":
                        raise
                    reasons = error.response.get("CancellationReasons", [])
                    renewed = {
                        i
                        for i, r in enumerate(reasons)
                        if r.get("Code") == "ConditionalCheckFailed"
                    }
                    if not renewed:
                        raise
                    chunk = [m for i, m in enumerate(chunk) if i not in renewed]
                    continue
                cleared += len(chunk)
                break
        return cleared

    def _delete(self, mark: StaleMark) -> dict[str, Any]:
        return {
            "TableName": self.table_name,
            "Key": to_item({"pk": STALE_PK, "sk": mark.name}),
            "ConditionExpression": "#token = :token",
            "ExpressionAttributeNames": {"#token": "token"},
            "ExpressionAttributeValues": to_item({":token": mark.token}),
        }
