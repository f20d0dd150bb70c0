"""Listings in the articles table: where each published article sits on the site.

Every listing (the whole site, a category, a tag, a month) numbers its articles
from the oldest: an article gets its place (`seq`) in a listing the first time it
is published there, and keeps it. A page of a listing is a fixed range of places,
so a new article lands on the newest page and never shifts the older ones.

Items, next to the articles in the same table:
- `pk = "LISTINGS"`, `sk = <listing key>`: the listing's name and the last place given;
- `pk = "LISTING#<listing key>"`, `sk = <place, zero-padded>`: one entry, a snapshot of
  what a listing shows of the article (title, summary, path, dates, thumbnail);
- `pk = "PLACEMENT#<article id>"`, `sk = "L"`: every place the article was ever given.
"""

import random
import time
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

from botocore.exceptions import ClientError
from pydantic import BaseModel, ConfigDict

from newsroom.aws.attributes import from_item, to_item
from newsroom.models.fields import UtcDatetime
from newsroom.storage.table import DynamoTable

LISTINGS_PK = "LISTINGS"
LISTING_PK_PREFIX = "LISTING#"
PLACEMENT_PK_PREFIX = "PLACEMENT#"
PLACEMENT_SK = "L"
SEQ_DIGITS = 9
CLAIM_ATTEMPTS = 25  # tries at claiming places while other renders claim in the same listings
KeyT = TypeVar("KeyT", bound=str)
CLAIM_BACKOFF = 0.02  # seconds; the random wait before a retry grows by this much each time
WRITE_BATCH = 25  # items a BatchWriteItem request takes


class Thumbnail(BaseModel):
    """A listing entry's picture: the lead photo's 3:2 crop, as `srcset`s of its widths in
    WebP and JPEG (`src` the JPEG for browsers without `srcset`), and the photo's dominant
    colour (#rrggbb), shown until it loads. Photos processed before crops were made have
    no `srcset`s: `src` is then the photo in its own shape."""

    model_config = ConfigDict(frozen=True)
    src: str
    width: int
    height: int
    webp: str = ""
    jpeg: str = ""
    colour: str = ""


class ListingEntry(BaseModel):
    """What a listing, a feed or a sitemap shows of one article."""

    model_config = ConfigDict(frozen=True)
    article_id: str
    seq: int
    path: str
    title: str
    summary: str = ""
    category: str
    author: str = ""
    published_at: UtcDatetime
    updated_at: UtcDatetime
    thumbnail: Thumbnail | None = None


class ListingHead(BaseModel):
    """A listing: its key (`site`, `category:<slug>`, `tag:<slug>`, `month:<yyyy-mm>`), its
    name and the last place it gave."""

    model_config = ConfigDict(frozen=True)
    key: str
    name: str
    last_seq: int = 0


class Placement(BaseModel):
    """Every place an article was given, by listing key, and the slug of its address
    when it was last placed live (what takes its page down once it is deleted);
    `revision` guards concurrent writes."""

    article_id: str
    seqs: dict[str, int] = {}
    slug: str = ""
    revision: int = 0


class PlacementConflict(RuntimeError):
    """The article's places could not be claimed: other renders kept claiming in the
    same listings (the message is retried later)."""


def _seq_sk(seq: int) -> str:
    return f"{seq:0{SEQ_DIGITS}d}"


def entry_item(key: str, entry: ListingEntry) -> dict[str, Any]:
    """The stored form of an entry."""
    return {
        "pk": LISTING_PK_PREFIX + key,
        "sk": _seq_sk(entry.seq),
        "entry": entry.model_dump_json(),
    }


def placement_item(placement: Placement) -> dict[str, Any]:
    """The stored form of a placement."""
    item: dict[str, Any] = {
        "pk": PLACEMENT_PK_PREFIX + placement.article_id,
        "sk": PLACEMENT_SK,
        "seqs": placement.seqs,
        "revision": placement.revision,
    }
    if placement.slug:
        item["slug"] = placement.slug
    return item


def listing_item_kind(pk: str) -> str:
    """What an item of the listings' partitions is: `head`, `entry`, `placement`, or ``."""
    if pk == LISTINGS_PK:
        return "head"
    if pk.startswith(LISTING_PK_PREFIX):
        return "entry"
    if pk.startswith(PLACEMENT_PK_PREFIX):
        return "placement"
    return ""


def named_by(pk: str) -> str:
    """The listing an entry's partition key names, or the article a placement's does."""
    for prefix in (LISTING_PK_PREFIX, PLACEMENT_PK_PREFIX):
        if pk.startswith(prefix):
            return pk.removeprefix(prefix)
    return pk


def entry_json(item: Mapping[str, Any]) -> str:
    """A stored entry's snapshot, as JSON, from the item as DynamoDB sends it."""
    return str(item["entry"]["S"])


def last_seq_of(head: ListingHead | None) -> int:
    """The last place given in a listing (0 when nothing was ever published in it)."""
    return head.last_seq if head else 0


def entry_from_item(values: dict[str, Any]) -> ListingEntry:
    return ListingEntry.model_validate_json(values["entry"])


def head_from_item(values: dict[str, Any]) -> ListingHead:
    return ListingHead(
        key=values["sk"],
        name=values["name"],
        last_seq=int(values["last_seq"]),
    )


def placement_from_item(values: dict[str, Any]) -> Placement:
    return Placement(
        article_id=values["pk"].removeprefix(PLACEMENT_PK_PREFIX),
        seqs={k: int(v) for k, v in values.get("seqs", {}).items()},
        slug=str(values.get("slug", "")),
        revision=int(values.get("revision", 0)),
    )


class ListingStore(DynamoTable):
    """Reads and writes listing heads, entries and placements in DynamoDB."""

    # -- placements -------------------------------------------------------------------

    def placement(self, article_id: str) -> Placement:
        """The article's places (empty when it was never published)."""
        response = self.client.get_item(
            TableName=self.table_name,
            Key=to_item({"pk": PLACEMENT_PK_PREFIX + article_id, "sk": PLACEMENT_SK}),
            ConsistentRead=True,
        )
        item = response.get("Item")
        if not item:
            return Placement(article_id=article_id)
        return placement_from_item(from_item(item))

    def claim_places(
        self, article_id: str, wanted: Mapping[KeyT, str], *, slug: str = ""
    ) -> Placement:
        """Give the article the next place in each `wanted` listing it has no place in yet
        (key: the listing's name, used when the listing is new), keeping those it has,
        and remember `slug` (the live article's address) when given.

        Places are given without gaps: each listing's last place and the article's
        placement are written in one transaction, on the condition that neither moved
        since they were read. When another render got there first the claim is read
        again and retried (PlacementConflict after `CLAIM_ATTEMPTS`). A claim that was
        stored but whose answer was lost is found on the next read.
        """
        for attempt in range(CLAIM_ATTEMPTS):
            placement = self.placement(article_id)
            missing = {key: name for key, name in wanted.items() if key not in placement.seqs}
            new_slug = slug or placement.slug
            if not missing and new_slug == placement.slug:
                return placement
            seqs = dict(placement.seqs)
            actions: list[dict[str, Any]] = []
            for key, name in sorted(missing.items()):
                last = last_seq_of(self.head(key))
                seqs[key] = last + 1
                actions.append({"Update": self._claim_update(key, name, last)})
            saved = placement.model_copy(
                update={"seqs": seqs, "slug": new_slug, "revision": placement.revision + 1}
            )
            actions.append({"Put": self._placement_put(placement, saved)})
            try:
                self.client.transact_write_items(TransactItems=actions)  # type: ignore[arg-type]
            except ClientError as error:
                if error.response["Error"]["Code"] != "TransactionCanceledException":
                    raise
                time.sleep(random.uniform(0, CLAIM_BACKOFF * (attempt + 1)))  # noqa: S311
                continue
            return saved
        raise PlacementConflict(article_id)

    def _claim_update(self, key: str, name: str, last: int) -> dict[str, Any]:
        update: dict[str, Any] = {
            "TableName": self.table_name,
            "Key": to_item({"pk": LISTINGS_PK, "sk": key}),
            "UpdateExpression": "SET last_seq = :next, #name = if_not_exists(#name, :name)",
            "ExpressionAttributeNames": {"#name": "name"},
            "ExpressionAttributeValues": to_item({":next": last + 1, ":name": name}),
        }
        if last:
            update["ConditionExpression"] = "last_seq = :last"
            update["ExpressionAttributeValues"].update(to_item({":last": last}))
        else:
            update["ConditionExpression"] = "attribute_not_exists(last_seq)"
        return update

    def _placement_put(self, read: Placement, saved: Placement) -> dict[str, Any]:
        put: dict[str, Any] = {
            "TableName": self.table_name,
            "Item": to_item(placement_item(saved)),
        }
        if read.revision:
            put["ConditionExpression"] = "revision = :expected"
            put["ExpressionAttributeValues"] = to_item({":expected": read.revision})
        else:
            put["ConditionExpression"] = "attribute_not_exists(pk)"
        return put

    # -- heads ------------------------------------------------------------------------

    def head(self, key: str) -> ListingHead | None:
        """The listing, or None when nothing was ever published in it."""
        response = self.client.get_item(
            TableName=self.table_name,
            Key=to_item({"pk": LISTINGS_PK, "sk": key}),
            ConsistentRead=True,
        )
        item = response.get("Item")
        return head_from_item(from_item(item)) if item else None

    def heads(self, prefix: str) -> list[ListingHead]:
        """Every listing whose key starts with `prefix` (`month:` gives the months)."""
        if not prefix:
            found = self._query("pk = :pk", {":pk": LISTINGS_PK})
        else:
            found = self._query(
                "pk = :pk AND begins_with(sk, :prefix)", {":pk": LISTINGS_PK, ":prefix": prefix}
            )
        return [head_from_item(i) for i in found]

    # -- entries ----------------------------------------------------------------------

    def write_entries(
        self, shown: list[tuple[str, ListingEntry]], hidden: list[tuple[str, int]]
    ) -> None:
        """Show each entry in its listing at its place (replacing an older snapshot), and
        take the entries at the `hidden` places out, in as few requests as possible."""
        requests: list[Any] = [
            {"PutRequest": {"Item": to_item(entry_item(key, entry))}} for key, entry in shown
        ]
        requests += [
            {"DeleteRequest": {"Key": to_item({"pk": LISTING_PK_PREFIX + key, "sk": _seq_sk(seq)})}}
            for key, seq in hidden
        ]
        for start in range(0, len(requests), WRITE_BATCH):
            pending: Any = {self.table_name: requests[start : start + WRITE_BATCH]}
            while pending:
                response = self.client.batch_write_item(RequestItems=pending)
                pending = response.get("UnprocessedItems") or None

    def entries(self, key: str, first: int, last: int) -> list[ListingEntry]:
        """The entries at places `first`..`last`, oldest first."""
        if last < first:
            return []
        return [
            entry_from_item(i)
            for i in self._query(
                "pk = :pk AND sk BETWEEN :first AND :last",
                {
                    ":pk": LISTING_PK_PREFIX + key,
                    ":first": _seq_sk(max(first, 0)),
                    ":last": _seq_sk(last),
                },
            )
        ]

    def newest(self, key: str, limit: int) -> list[ListingEntry]:
        """The newest `limit` entries of the listing, newest first."""
        response = self.client.query(
            TableName=self.table_name,
            KeyConditionExpression="pk = :pk",
            ExpressionAttributeValues=to_item({":pk": LISTING_PK_PREFIX + key}),
            ScanIndexForward=False,
            Limit=limit,
            ConsistentRead=True,
        )
        return [entry_from_item(from_item(i)) for i in response.get("Items", [])]

    def _query(self, condition: str, values: dict[str, Any]) -> Iterator[dict[str, Any]]:
        return self.query(
            KeyConditionExpression=condition,
            ExpressionAttributeValues=to_item(values),
            ConsistentRead=True,
        )
