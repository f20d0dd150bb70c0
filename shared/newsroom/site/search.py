"""A static search index, in blocks, that a publish updates at a bounded cost.

Words are indexed without diacritics ("Công Thương" as "cong thuong"), and the
search script folds what readers type the same way, so a query matches with and
without diacritics. Articles are grouped in blocks of `BLOCK_SIZE` by their place in
the site's listing; each block has a documents file and `SHARDS` term files
(`/search/<block>/<shard>.json`, a term's shard from its CRC-32), and
`/search/index.json` says how many blocks there are. A publish rewrites the
article's own block alone, from the words stored for that block's articles
(`newsroom.storage.search`), so its cost does not depend on the size of the site.
The script reads blocks newest first and stops when it has enough results.
"""

from __future__ import annotations

import json
import re
import zlib
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from newsroom.models.article import Article
from newsroom.site.files import SiteFile
from newsroom.site.listings import SITE
from newsroom.storage.search import BLOCK_SIZE, SearchDocument, block_of
from newsroom.text.slug import ascii_fold

if TYPE_CHECKING:
    from newsroom.site.state import SiteState

SHARDS = 16
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


def article_terms(article: Article) -> list[str]:
    text = " ".join(
        [article.title, article.summary, " ".join(article.tags), _MARKUP.sub(" ", article.body)]
    )
    return fold_terms(text)


def _dump(value: Any) -> bytes:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # A lone surrogate (in a record older than the API's character rules) is no UTF-8.
    return text.encode("utf-8", errors="replace")


def render_block(block: int, documents: list[SearchDocument]) -> list[SiteFile]:
    """The documents file and the term shards of one block."""
    shards: dict[int, dict[str, list[int]]] = {s: defaultdict(list) for s in range(SHARDS)}
    docs = {}
    for document in sorted(documents, key=lambda d: d.seq):
        docs[str(document.seq)] = [document.title, document.path, document.date]
        for term in document.terms.split():
            shards[shard_for(term)][term].append(document.seq)
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


def search_document(article: Article, seq: int) -> SearchDocument:
    """What the index keeps of the live article at place `seq` of the site's listing."""
    from newsroom.site.dates import vietnamese_date

    return SearchDocument(
        seq=seq,
        title=article.title,
        path=article.path,
        date=vietnamese_date(article.sort_time),
        terms=" ".join(article_terms(article)),
    )


def search_files(state: SiteState, blocks: list[int] | None = None) -> list[SiteFile]:
    """The files of the index's blocks (every block when `blocks` is None) and its
    manifest, from the words `state` holds."""
    last = state.last_seq(SITE)
    wanted = range(1, block_of(last) + 1 if last else 1) if blocks is None else blocks
    files = []
    for block in wanted:
        files += render_block(block, state.search_documents(block))
    return [*files, render_manifest(last)]
