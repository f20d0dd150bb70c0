"""The articles table: one item per article, one per photo, in the article's partition.

Keys: `pk = "ARTICLE#<id>"`; `sk = "A"` for the article, `"P#<name>"` for each photo,
`"R#<version, six digits>"` for each saved version (its revision; outside the range
that `get` reads, and without index keys, so it shows in no listing).
A published article also carries the keys of two sparse indexes, `ByPublished`
(the whole site, newest first) and `ByCategory` (one category, newest first); every
article carries `status` and `updated_sk` for the `ByStatus` index.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from botocore.exceptions import ClientError

from newsroom.aws.attributes import MAX_ITEM_BYTES, from_item, item_size, to_item
from newsroom.models.article import Article, ArticleStatus, Photo
from newsroom.storage.table import DynamoTable

ARTICLE_PK_PREFIX = "ARTICLE#"
ARTICLE_SK = "A"
PHOTO_SK_PREFIX = "P#"
REVISION_SK_PREFIX = "R#"
SITE_FEED = "site"


class ArticleNotFound(LookupError):
    """No article has this id."""


class VersionConflict(RuntimeError):
    """The article changed since it was read."""


class RevisionNotFound(LookupError):
    """The article has no saved version with this number."""


class ItemTooLarge(ValueError):
    """A record would be larger than DynamoDB stores."""


class PhotoChanged(RuntimeError):
    """The photo record changed (or went) since it was read."""


def _sized(item: dict[str, Any], what: str) -> dict[str, Any]:
    size = item_size(item)
    if size > MAX_ITEM_BYTES:
        raise ItemTooLarge(f"{what} would take {size:,} bytes; at most {MAX_ITEM_BYTES:,} fit")
    return item


class Revision(NamedTuple):
    """One saved version of an article: what it said, who saved it and when, what saved it
    (`action`: "" for versions saved before actions were recorded) and the note given
    with it (an editor's, sending it back)."""

    number: int
    saved_at: str
    saved_by: str
    article: Article
    action: str = ""
    note: str = ""


def _pk(article_id: str) -> str:
    return ARTICLE_PK_PREFIX + article_id


def _listing_sort_key(article: Article) -> str:
    return f"{article.sort_time.strftime('%Y-%m-%dT%H:%M:%S.%fZ')}#{article.id}"


def article_item(article: Article) -> dict[str, Any]:
    """The stored form of an article (without its photos), with its index keys."""
    values = article.model_dump(mode="json")
    values.update(
        pk=_pk(article.id), sk=ARTICLE_SK, updated_sk=f"{values['updated_at']}#{article.id}"
    )
    if article.is_live:
        listing = _listing_sort_key(article)
        values.update(
            feed_pk=SITE_FEED, feed_sk=listing, category_pk=article.category, category_sk=listing
        )
    return {k: v for k, v in values.items() if v is not None}


def _revision_sk(number: int) -> str:
    return f"{REVISION_SK_PREFIX}{number:06d}"


def _revision_item(article: Article, action: str = "", note: str = "") -> dict[str, Any]:
    # The snapshot is one map, so that no index key (status, feed_pk...) is copied, and
    # no text is escaped: a body of the largest size fits, whatever characters it has.
    item = {
        "pk": _pk(article.id),
        "sk": _revision_sk(article.version),
        "number": article.version,
        "saved_at": article.model_dump(mode="json")["updated_at"],
        "saved_by": article.updated_by,
        # What the editor wrote, without the body's conversion for the site.
        "snapshot": article.model_dump(mode="json", exclude={"body_prepared"}),
    }
    if action:
        item["action"] = action
    if note:
        item["note"] = note
    return item


def _revision(values: dict[str, Any]) -> Revision:
    snapshot = values["snapshot"]
    return Revision(
        number=int(values["number"]),
        saved_at=str(values["saved_at"]),
        saved_by=str(values["saved_by"]),
        # Revisions saved before snapshots were maps hold them as JSON text.
        article=Article.model_validate_json(snapshot)
        if isinstance(snapshot, str)
        else Article.model_validate(snapshot),
        action=str(values.get("action", "")),
        note=str(values.get("note", "")),
    )


def photo_item(article_id: str, photo: Photo) -> dict[str, Any]:
    """The stored form of one photo record of an article."""
    values = photo.model_dump(mode="json")
    values.update(pk=_pk(article_id), sk=f"{PHOTO_SK_PREFIX}{photo.name}")
    return values


_BOOKKEEPING = ("pk", "sk", "updated_sk", "feed_pk", "feed_sk", "category_pk", "category_sk")


def _strip(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k not in _BOOKKEEPING}


def article_from_item(values: dict[str, Any]) -> Article:
    """An article as stored (plain values), without its photos."""
    return Article.model_validate(_strip(values))


def photo_from_item(values: dict[str, Any]) -> Photo:
    """A photo record as stored (plain values)."""
    return Photo.model_validate(_strip(values))


def with_photos(article: Article, photos: list[Photo]) -> Article:
    """The article holding its photos, in their order."""
    article.photos = sorted(photos, key=lambda p: (p.position, p.name))
    return article


def item_kind(pk: str, sk: str) -> str:
    """What an item of the articles' partitions is: `article`, `photo`, `revision`, or
    `` (not an article's item)."""
    if not pk.startswith(ARTICLE_PK_PREFIX):
        return ""
    if sk == ARTICLE_SK:
        return "article"
    if sk.startswith(PHOTO_SK_PREFIX):
        return "photo"
    return "revision"


def article_id_of(pk: str) -> str:
    return pk.removeprefix(ARTICLE_PK_PREFIX)


class ListingPage(NamedTuple):
    """Articles from an index, and where the next page starts."""

    articles: list[Article]
    cursor: dict[str, Any] | None


class ArticleStore(DynamoTable):
    """Reads and writes articles and their photos in DynamoDB."""

    # -- articles ---------------------------------------------------------------------

    def create(self, article: Article, *, action: str = "") -> None:
        """Store a new article and its first revision; its id must not exist yet."""
        self._write_version(article, "attribute_not_exists(pk)", {}, action=action)

    def save(
        self,
        article: Article,
        expected_version: int,
        *,
        action: str = "",
        note: str = "",
        moved: Sequence[Photo] = (),
    ) -> None:
        """Replace the article if it is still at `expected_version` (VersionConflict if not).

        The new version is kept as a revision in the same transaction, with the action
        that saved it and the note given with it; so are the `position` and `updated_at`
        of each `moved` photo, on the condition that the photo is still there.
        """
        self._write_version(
            article,
            "version = :expected",
            {":expected": {"N": str(expected_version)}},
            action=action,
            note=note,
            also=[self._move(article.id, photo) for photo in moved],
        )

    def _move(self, article_id: str, photo: Photo) -> dict[str, Any]:
        """A transaction's update of one photo's place (its `updated_at` too, so that a
        worker that read the photo before writes it again only after reading it anew)."""
        return {
            "Update": {
                "TableName": self.table_name,
                "Key": {"pk": {"S": _pk(article_id)}, "sk": {"S": PHOTO_SK_PREFIX + photo.name}},
                "UpdateExpression": "SET #position = :position, updated_at = :updated_at",
                "ConditionExpression": "attribute_exists(pk)",
                "ExpressionAttributeNames": {"#position": "position"},
                "ExpressionAttributeValues": {
                    ":position": {"N": str(photo.position)},
                    ":updated_at": {"S": photo.model_dump(mode="json")["updated_at"]},
                },
            }
        }

    def _write_version(
        self,
        article: Article,
        condition: str,
        values: dict[str, Any],
        *,
        action: str = "",
        note: str = "",
        also: Sequence[dict[str, Any]] = (),
    ) -> None:
        item = to_item(article_item(article))
        if item_size(item) > MAX_ITEM_BYTES and article.body_prepared is not None:
            # The body's conversion is kept only when it fits beside the body; without it
            # the page converts the body when it is rendered.
            article.body_prepared = None
            item = to_item(article_item(article))
        article_put: dict[str, Any] = {
            "TableName": self.table_name,
            "Item": _sized(item, f"article {article.id}"),
            "ConditionExpression": condition,
        }
        if values:
            article_put["ExpressionAttributeValues"] = values
        try:
            self.client.transact_write_items(
                TransactItems=[
                    {"Put": article_put},  # type: ignore[typeddict-item]
                    {
                        "Put": {
                            "TableName": self.table_name,
                            "Item": _sized(
                                to_item(_revision_item(article, action, note)),
                                f"revision {article.version} of article {article.id}",
                            ),
                            "ConditionExpression": "attribute_not_exists(pk)",
                        }
                    },
                    *also,  # type: ignore[list-item]
                ]
            )
        except ClientError as error:
            if error.response["Error"]["Code"] in {
                "TransactionCanceledException",
                "ConditionalCheckFailedException",
            }:
                raise VersionConflict(article.id) from error
            raise

    def delete(self, article_id: str) -> None:
        """Remove the article, its photos and its revisions."""
        keys = [
            to_item(item)
            for item in self.query(
                KeyConditionExpression="pk = :pk",
                ExpressionAttributeValues={":pk": {"S": _pk(article_id)}},
                ProjectionExpression="pk, sk",
                ConsistentRead=True,
            )
        ]
        for start in range(0, len(keys), 25):
            requests: list[Any] = [
                {"DeleteRequest": {"Key": key}} for key in keys[start : start + 25]
            ]
            pending: Any = {self.table_name: requests}
            while pending:
                response = self.client.batch_write_item(RequestItems=pending)
                pending = response.get("UnprocessedItems") or None

    def get(self, article_id: str, *, consistent: bool = True) -> Article:
        """The article with its photos in order (ArticleNotFound when there is none)."""
        items = list(self._partition(article_id, consistent=consistent))
        article_values = next((i for i in items if i["sk"] == ARTICLE_SK), None)
        if article_values is None:
            raise ArticleNotFound(article_id)
        photos = [photo_from_item(i) for i in items if i["sk"].startswith(PHOTO_SK_PREFIX)]
        return with_photos(article_from_item(article_values), photos)

    def version(self, article_id: str) -> int | None:
        """The article's current version (None when there is no such article), read alone."""
        response = self.client.get_item(
            TableName=self.table_name,
            Key={"pk": {"S": _pk(article_id)}, "sk": {"S": ARTICLE_SK}},
            ProjectionExpression="version",
            ConsistentRead=True,
        )
        item = response.get("Item")
        return int(item["version"]["N"]) if item else None

    def _partition(self, article_id: str, *, consistent: bool) -> Iterator[dict[str, Any]]:
        return self.query(
            KeyConditionExpression="pk = :pk AND sk BETWEEN :first AND :last",
            ExpressionAttributeValues={
                ":pk": {"S": _pk(article_id)},
                ":first": {"S": ARTICLE_SK},
                ":last": {"S": PHOTO_SK_PREFIX + "\U0010ffff"},
            },
            ConsistentRead=consistent,
        )

    # -- revisions --------------------------------------------------------------------

    def revisions(self, article_id: str) -> list[Revision]:
        """Every saved version of the article, oldest first."""
        items = self.query(
            KeyConditionExpression="pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues={
                ":pk": {"S": _pk(article_id)},
                ":prefix": {"S": REVISION_SK_PREFIX},
            },
            ConsistentRead=True,
        )
        return [_revision(item) for item in items]

    def revision(self, article_id: str, number: int) -> Revision:
        """One saved version (RevisionNotFound when there is none)."""
        response = self.client.get_item(
            TableName=self.table_name,
            Key={"pk": {"S": _pk(article_id)}, "sk": {"S": _revision_sk(number)}},
            ConsistentRead=True,
        )
        if "Item" not in response:
            raise RevisionNotFound(f"{article_id} {number}")
        return _revision(from_item(response["Item"]))

    # -- photos -----------------------------------------------------------------------

    def photo(self, article_id: str, name: str) -> Photo | None:
        """One photo record of an article, or None."""
        response = self.client.get_item(
            TableName=self.table_name,
            Key={"pk": {"S": _pk(article_id)}, "sk": {"S": f"{PHOTO_SK_PREFIX}{name}"}},
            ConsistentRead=True,
        )
        item = response.get("Item")
        return photo_from_item(from_item(item)) if item else None

    def put_photo(self, article_id: str, photo: Photo, *, replacing: Photo | None = None) -> None:
        """Store (or replace) one photo record of an article.

        With `replacing`, only if the stored record is still that one (PhotoChanged if
        it was changed or removed meanwhile).
        """
        request: dict[str, Any] = {
            "TableName": self.table_name,
            "Item": _sized(to_item(photo_item(article_id, photo)), f"photo {photo.name}"),
        }
        if replacing is not None:
            request["ConditionExpression"] = "updated_at = :read"
            request["ExpressionAttributeValues"] = {
                ":read": {"S": replacing.model_dump(mode="json")["updated_at"]}
            }
        try:
            self.client.put_item(**request)
        except ClientError as error:
            if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
                raise PhotoChanged(f"{article_id} {photo.name}") from error
            raise

    def delete_photo(self, article_id: str, name: str) -> None:
        """Remove one photo record of an article."""
        self.client.delete_item(
            TableName=self.table_name,
            Key={"pk": {"S": _pk(article_id)}, "sk": {"S": f"{PHOTO_SK_PREFIX}{name}"}},
        )

    # -- listings ---------------------------------------------------------------------

    def latest_published(
        self,
        *,
        category: str | None = None,
        limit: int = 20,
        cursor: dict[str, Any] | None = None,
    ) -> ListingPage:
        """Published articles, newest first: the whole site, or one category."""
        if category is None:
            index, key, value = "ByPublished", "feed_pk", SITE_FEED
        else:
            index, key, value = "ByCategory", "category_pk", category
        request: dict[str, Any] = {
            "TableName": self.table_name,
            "IndexName": index,
            "KeyConditionExpression": f"{key} = :value",
            "ExpressionAttributeValues": {":value": {"S": value}},
            "ScanIndexForward": False,
            "Limit": limit,
        }
        if cursor:
            request["ExclusiveStartKey"] = to_item(cursor)
        response = self.client.query(**request)
        articles = [article_from_item(from_item(i)) for i in response.get("Items", [])]
        last = response.get("LastEvaluatedKey")
        return ListingPage(articles, from_item(last) if last else None)

    def with_status(self, status: ArticleStatus, limit: int = 50) -> list[Article]:
        """Articles in one status, most recently changed first."""
        response = self.client.query(
            TableName=self.table_name,
            IndexName="ByStatus",
            KeyConditionExpression="#status = :status",
            ExpressionAttributeNames={"#status": "status"},
            ExpressionAttributeValues={":status": {"S": status.value}},
            ScanIndexForward=False,
            Limit=limit,
        )
        return [article_from_item(from_item(i)) for i in response.get("Items", [])]

    def changed_before(
        self, status: ArticleStatus, before: str | None = None, page_size: int = 100
    ) -> Iterator[tuple[str, Article]]:
        """Articles in one status, most recently changed first, each with its change key.

        The change key (`updated_sk`) orders articles across statuses; with `before`,
        only articles whose change key sorts before it are read.
        """
        condition = "#status = :status"
        values: dict[str, Any] = {":status": {"S": status.value}}
        if before is not None:
            condition += " AND updated_sk < :before"
            values[":before"] = {"S": before}
        items = self.query(
            IndexName="ByStatus",
            KeyConditionExpression=condition,
            ExpressionAttributeNames={"#status": "status"},
            ExpressionAttributeValues=values,
            ScanIndexForward=False,
            PaginationConfig={"PageSize": page_size},
        )
        for item in items:
            yield str(item["updated_sk"]), article_from_item(item)
