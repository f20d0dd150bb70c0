"""The search index's words in the articles table: one item per live article.

Items, next to the articles in the same table: `pk = "SEARCH#<block>"`,
`sk = <place in the site's listing, zero-padded>`, holding what a search result
shows of the article (title, address, date, summary), its tags, and the words of its
body. Articles are grouped in
blocks of `BLOCK_SIZE` places, so that one block is read, and rewritten, at a cost
that does not depend on the size of the site.
"""

from typing import Any

from pydantic import BaseModel, ConfigDict

from newsroom.aws.attributes import to_item
from newsroom.storage.table import DynamoTable

BLOCK_SIZE = 500
SEARCH_PK_PREFIX = "SEARCH#"
SEQ_DIGITS = 9


class SearchDocument(BaseModel):
    """What the search index keeps of the live article at place `seq` of the site."""

    model_config = ConfigDict(frozen=True)
    seq: int
    title: str
    path: str
    date: str
    terms: str
    """The distinct words of its body, folded (lower case, no diacritics), separated by
    spaces (stored before summaries were: of its title, summary and tags too)."""
    summary: str = ""
    tags: list[str] = []
    title_words: str = ""
    """Its title's words, folded, in order (their places count for phrases)."""
    summary_words: str = ""
    """Its tags' words then its summary's, folded, in order, "|" between tags."""


def block_of(seq: int) -> int:
    """The block (from 1) holding place `seq`."""
    return (seq - 1) // BLOCK_SIZE + 1


def _key(seq: int) -> dict[str, str]:
    return {"pk": f"{SEARCH_PK_PREFIX}{block_of(seq)}", "sk": f"{seq:0{SEQ_DIGITS}d}"}


def search_item(document: SearchDocument) -> dict[str, Any]:
    """The stored form of a document."""
    return {**_key(document.seq), **document.model_dump()}


def is_search_item(pk: str) -> bool:
    """Whether an item with this partition key holds search words."""
    return pk.startswith(SEARCH_PK_PREFIX)


def document_from_item(values: dict[str, Any]) -> SearchDocument:
    """A stored document, read back (plain values)."""
    return SearchDocument.model_validate({k: v for k, v in values.items() if k not in _KEYS})


_KEYS = ("pk", "sk")


class SearchStore(DynamoTable):
    """Reads and writes the search index's words."""

    def put(self, document: SearchDocument) -> None:
        """Store (or replace) the words of the article at the document's place."""
        self.client.put_item(TableName=self.table_name, Item=to_item(search_item(document)))

    def remove(self, seq: int) -> None:
        """Drop the words stored at place `seq`: readers should no longer find its article."""
        self.client.delete_item(TableName=self.table_name, Key=to_item(_key(seq)))

    def block(self, block: int) -> list[SearchDocument]:
        """The documents of one block, in the order of their places."""
        return [
            document_from_item(item)
            for item in self.query(
                KeyConditionExpression="pk = :pk",
                ExpressionAttributeValues=to_item({":pk": f"{SEARCH_PK_PREFIX}{block}"}),
                ConsistentRead=True,
            )
        ]
