"""A static search index, in blocks, that a publish updates at a bounded cost.

Words are indexed without diacritics ("Công Thương" as "cong thuong"), and the
search script folds what readers type the same way, so a query matches with and
without diacritics. Articles are grouped in blocks of `BLOCK_SIZE` by their place in
the site's listing; each block has a documents file and `SHARDS` term files
(`/search/<block>/<shard>.json`, a term's shard from its CRC-32), and
`/search/index.json` says how many blocks there are. A publish rewrites the
article's own block alone, from the words stored for that block's articles, so its
cost does not depend on the size of the site. The script reads blocks newest first
and stops when it has enough results.
"""

from __future__ import annotations

import json
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from newsroom.aws.attributes import to_item
from newsroom.models.article import Article
from newsroom.site.listings import SITE
from newsroom.site.renderer import SiteFile
from newsroom.storage.listings import ListingStore
from newsroom.text.slug import ascii_fold

if TYPE_CHECKING:
    from newsroom.site.state import SiteState, SnapshotState

BLOCK_SIZE = 500
SHARDS = 16
SEARCH_PK_PREFIX = "SEARCH#"
JSON = "application/json; charset=utf-8"
_WORD = re.compile(r"[a-z0-9]+")
_MARKUP = re.compile(r"<[^>]*>|!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|[*_#>`\[\]]")


def fold_terms(text: str) -> list[str]:
    """The distinct words of `text`, lower case, without diacritics, in order."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(ascii_fold(text).lower()):
        seen.setdefault(word, None)
    return list(seen)


def shard_for(term: str) -> int:
    return zlib.crc32(term.encode("ascii")) % SHARDS


def block_of(seq: int) -> int:
    return (seq - 1) // BLOCK_SIZE + 1


def article_terms(article: Article) -> list[str]:
    text = " ".join(
        [article.title, article.summary, " ".join(article.tags), _MARKUP.sub(" ", article.body)]
    )
    return fold_terms(text)


def _dump(value: Any) -> bytes:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # A lone surrogate (in a record older than the API's character rules) is no UTF-8.
    return text.encode("utf-8", errors="replace")


def render_block(block: int, documents: list[dict[str, Any]]) -> list[SiteFile]:
    """The documents file and the term shards of one block."""
    shards: dict[int, dict[str, list[int]]] = {s: defaultdict(list) for s in range(SHARDS)}
    docs = {}
    for document in sorted(documents, key=lambda d: int(d["seq"])):
        seq = int(document["seq"])
        docs[str(seq)] = [document["title"], document["path"], document["date"]]
        for term in str(document["terms"]).split():
            shards[shard_for(term)][term].append(seq)
    files = [SiteFile(f"search/{block}/docs.json", _dump(docs), JSON)]
    files += [
        SiteFile(f"search/{block}/{shard}.json", _dump(dict(terms)), JSON)
        for shard, terms in shards.items()
    ]
    return files


def render_manifest(last_seq: int) -> SiteFile:
    blocks = (last_seq + BLOCK_SIZE - 1) // BLOCK_SIZE
    return SiteFile(
        "search/index.json", _dump({"blocks": blocks, "shards": SHARDS, "size": BLOCK_SIZE}), JSON
    )


def _document(article: Article, seq: int) -> dict[str, Any]:
    from newsroom.site.dates import vietnamese_date

    return {
        "seq": seq,
        "title": article.title,
        "path": article.path,
        "date": vietnamese_date(article.sort_time),
        "terms": " ".join(article_terms(article)),
    }


def search_item(article: Article, seq: int) -> dict[str, Any]:
    """The stored words of the article at place `seq` of the site's listing."""
    return {
        "pk": f"{SEARCH_PK_PREFIX}{block_of(seq)}",
        "sk": f"{seq:09d}",
        **_document(article, seq),
    }


class SearchIndexer:
    """Keeps the words of each live article in the table and its block's files in line."""

    def __init__(self, listings: ListingStore) -> None:
        self.listings = listings

    def _pk(self, block: int) -> str:
        return f"{SEARCH_PK_PREFIX}{block}"

    def store(self, article: Article, seq: int) -> None:
        """Store the words of the live article at place `seq` of the site's listing."""
        self.listings.client.put_item(
            TableName=self.listings.table_name, Item=to_item(search_item(article, seq))
        )

    def remove(self, seq: int) -> None:
        """Drop the words stored at place `seq`: readers should no longer find its article."""
        key = {"pk": self._pk(block_of(seq)), "sk": f"{seq:09d}"}
        self.listings.client.delete_item(TableName=self.listings.table_name, Key=to_item(key))

    def files_for(self, state: SiteState, seq: int) -> list[SiteFile]:
        """The block holding place `seq`, and the manifest, from the stored words."""
        block = block_of(seq)
        head = state.head(SITE)
        return [
            *render_block(block, self._documents(block)),
            render_manifest(head.last_seq if head else 0),
        ]

    def _documents(self, block: int) -> list[dict[str, Any]]:
        return list(
            self.listings.query(
                KeyConditionExpression="pk = :pk",
                ExpressionAttributeValues=to_item({":pk": self._pk(block)}),
                ConsistentRead=True,
            )
        )

    def rebuild(self, state: SiteState) -> list[SiteFile]:
        """Every block of the index, from the table."""
        head = state.head(SITE)
        last = head.last_seq if head else 0
        files = []
        for block in range(1, block_of(last) + 1 if last else 1):
            files += render_block(block, self._documents(block))
        return [*files, render_manifest(last)]

    @staticmethod
    def build(state: SnapshotState) -> Iterable[SiteFile]:
        """Every block of the index, from a snapshot of the table."""
        head = state.head(SITE)
        last = head.last_seq if head else 0
        blocks: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for document in state.search_documents:
            blocks[block_of(int(document["seq"]))].append(document)
        for block in range(1, block_of(last) + 1 if last else 1):
            yield from render_block(block, blocks.get(block, []))
        yield render_manifest(last)
