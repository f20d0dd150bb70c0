"""A static search index, in blocks, that a publish updates at a bounded cost.

Words are indexed without diacritics ("Công Thương" as "cong thuong"), and the
search script (`static/search.js`) folds what readers type the same way, so a query
matches with and without diacritics.

Articles are grouped in blocks of `BLOCK_SIZE` by their place in the site's listing.
Each block has `SHARDS` term files (`/search/<block>/<shard>.json`, a term's shard
from its CRC-32) and documents files of `DOCS_PER_FILE` places each
(`/search/<block>/docs-<n>.json`: title, address, date and the start of the summary,
which results show with the words found); `/search/index.json` says how many blocks
there are. A publish rewrites its article's block's term files, its documents file and
the manifest, from the words stored for that block's articles
(`newsroom.storage.search`), so its cost does not depend on the size of the site.

A term file maps each term to the places that have it and where: in the title, in the
summary (tags count as summary) or in the body, as bits (`TITLE`, `SUMMARY`, `BODY`),
and, for the title and the summary, at which words: a mask with bit *i* set when the
term is the title's (or summary's) word *i*, for its first `POSITIONS` words. The
script finds a phrase from them (its second word one place after its first…), so no
pair of words needs a term of its own. (Positions of the body are not kept: they would
multiply what a publish renders and what a search reads; a phrase in a body counts as
all its words in the body.)

A term in few articles is a list: for each place, its distance from the one before,
times 8, plus its bits, then its title mask when it has the title bit, and its summary
mask when it has the summary bit. A term in many is a string of one hex digit per
place of the block (its bits; 0: not there), then "|" and the masks in the same order,
whichever is shorter.

The script reads every block's files for the query's words, ranks what it found
(phrase before all words before some; title before summary before body; newer first),
and then reads the documents files of the results it shows.
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
    from collections.abc import Iterable

    from newsroom.site.state import SiteState

SHARDS = 32
DOCS_PER_FILE = 50
SNIPPET_CHARS = 200  # of the summary, kept for results
POSITIONS = 30  # words of a title or a summary whose places are kept (bits of a mask)
FORMAT = 2
TITLE, SUMMARY, BODY = 4, 2, 1
JSON = "application/json; charset=utf-8"
_WORD = re.compile(r"[a-z0-9]+")
_MARKUP = re.compile(r"<[^>]*>|!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|[*_#>`\[\]]")
_SPACE = re.compile(r"\s+")


def words(text: str) -> list[str]:
    """Every word of `text`, lower case, without diacritics, in order."""
    return _WORD.findall(ascii_fold(text).lower())


def fold_terms(text: str) -> list[str]:
    """The distinct words of `text`, lower case, without diacritics, in order."""
    return list(dict.fromkeys(words(text)))


def shard_for(term: str) -> int:
    return zlib.crc32(term.encode("ascii")) % SHARDS


def docs_file(seq: int) -> int:
    """The documents file (from 1) holding place `seq`."""
    return (seq - 1) // DOCS_PER_FILE + 1


def article_terms(article: Article) -> list[str]:
    """The distinct words of the article's body (its markup left out)."""
    return fold_terms(_MARKUP.sub(" ", article.body))


def _dump(value: Any) -> bytes:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # A lone surrogate (in a record older than the API's character rules) is no UTF-8.
    return text.encode("utf-8", errors="replace")


def _snippet(summary: str) -> str:
    text = _SPACE.sub(" ", summary).strip()
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text[:SNIPPET_CHARS].rsplit(" ", 1)[0]
    return cut + "…"


BREAK = "|"  # between a tag and the next, in a document's summary words


def summary_sequence(summary: str, tags: Iterable[str]) -> list[str]:
    """The words places count in a summary: each tag's, then the summary's, with `BREAK`
    after each tag, so that no phrase runs from one into the next."""
    sequence: list[str] = []
    for tag in tags:
        sequence += [*words(tag), BREAK]
    return sequence + words(summary)


def _heading(document: SearchDocument) -> tuple[dict[str, int], dict[str, list[int]]]:
    """The bits and masks of the document's title and summary words."""
    bits: dict[str, int] = {}
    titles: dict[str, int] = {}
    summaries: dict[str, int] = {}
    title = document.title_words.split() if document.title_words else words(document.title)
    summary = (
        document.summary_words.split()
        if document.summary_words
        else summary_sequence(document.summary, document.tags)
    )
    for place, term in enumerate(title):
        bits[term] = TITLE
        if place < POSITIONS:
            titles[term] = titles.get(term, 0) | 1 << place
    for place, term in enumerate(summary):
        if term != BREAK:
            bits[term] = bits.get(term, 0) | SUMMARY
            if place < POSITIONS:
                summaries[term] = summaries.get(term, 0) | 1 << place
    masks = {}
    for term, where in bits.items():
        masks[term] = ([titles.get(term, 0)] if where & TITLE else []) + (
            [summaries.get(term, 0)] if where & SUMMARY else []
        )
    return bits, masks


class _Postings:
    """A block's terms: for each, its places and their bits (as place × 8 + bits), and
    the masks of those in a title or a summary, in order."""

    def __init__(self) -> None:
        self.places: dict[str, list[int]] = defaultdict(list)
        self.masks: dict[str, list[int]] = defaultdict(list)

    def add(self, document: SearchDocument) -> None:
        places = self.places
        body_only = document.seq * 8 + BODY
        bits, masks = _heading(document)
        body = document.terms.split()
        for term in body:
            if term not in bits:
                places[term].append(body_only)
        in_body = set(body)
        here = document.seq * 8
        for term, where in bits.items():
            places[term].append(here + (where | BODY if term in in_body else where))
            self.masks[term] += masks[term]

    def encoded(self, term: str, start: int) -> list[int] | str:
        """The term's places after place `start` as a list, or as a hex digit per place
        when that is shorter (see above): a list takes two characters a place or more, a
        hex string one for every place of its span."""
        places, masks = self.places[term], self.masks.get(term)
        span = (places[-1] >> 3) - start
        if not masks:  # in bodies only: no masks to interleave
            if span > 2 * len(places):
                listed, previous = [], start * 8
                for value in places:
                    listed.append(value - (previous & ~7))
                    previous = value
                return listed
            digits = ["0"] * span
            for value in places:
                digits[(value >> 3) - start - 1] = "01234567"[value & 7]
            return "".join(digits) + "|"
        if span > 2 * len(places):
            listed = []
            previous, next_mask = start * 8, 0
            for value in places:
                where = value & 7
                listed.append(value - (previous & ~7))
                previous = value
                count = (where & TITLE) // TITLE + (where & SUMMARY) // SUMMARY
                listed += masks[next_mask : next_mask + count]
                next_mask += count
            return listed
        digits = ["0"] * span
        for value in places:
            digits[(value >> 3) - start - 1] = "01234567"[value & 7]
        return "".join(digits) + "|" + ",".join(map(str, masks))


def render_block(
    block: int, documents: Iterable[SearchDocument], docs_files: Iterable[int] | None = None
) -> list[SiteFile]:
    """The term files of one block, and its documents files (all, or those named)."""
    postings = _Postings()
    start = (block - 1) * BLOCK_SIZE
    docs: dict[int, dict[str, list[str]]] = defaultdict(dict)
    for document in sorted(documents, key=lambda d: d.seq):
        docs[docs_file(document.seq)][str(document.seq)] = [
            document.title,
            document.path,
            document.date,
            _snippet(document.summary),
        ]
        postings.add(document)
    shards: dict[int, dict[str, list[int] | str]] = {shard: {} for shard in range(SHARDS)}
    for term in postings.places:
        shards[shard_for(term)][term] = postings.encoded(term, start)
    first, end = docs_file(start + 1), docs_file(start + BLOCK_SIZE)
    wanted = range(first, end + 1) if docs_files is None else docs_files
    files = [
        SiteFile(f"search/{block}/docs-{n}.json", _dump(docs.get(n, {})), JSON) for n in wanted
    ]
    files += [
        SiteFile(f"search/{block}/{shard}.json", _dump(terms), JSON)
        for shard, terms in shards.items()
    ]
    return files


def render_manifest(last_seq: int) -> SiteFile:
    blocks = (last_seq + BLOCK_SIZE - 1) // BLOCK_SIZE
    manifest = {
        "blocks": blocks,
        "shards": SHARDS,
        "size": BLOCK_SIZE,
        "docs": DOCS_PER_FILE,
        "format": FORMAT,
    }
    return SiteFile("search/index.json", _dump(manifest), JSON)


def search_document(article: Article, seq: int) -> SearchDocument:
    """What the index keeps of the live article at place `seq` of the site's listing."""
    from newsroom.site.dates import vietnamese_date

    return SearchDocument(
        seq=seq,
        title=article.title,
        path=article.path,
        date=vietnamese_date(article.sort_time),
        terms=" ".join(article_terms(article)),
        summary=article.summary,
        tags=list(article.tags),
        title_words=" ".join(words(article.title)),
        summary_words=" ".join(summary_sequence(article.summary, article.tags)),
    )


def search_files(
    state: SiteState, blocks: list[int] | None = None, *, seq: int = 0
) -> list[SiteFile]:
    """The files of the index's blocks (every block when `blocks` is None) and its
    manifest, from the words `state` holds; of the documents files, only the one holding
    place `seq` when it is given (the one a publish at that place changes), else every
    one up to the site's last place (each of those was written when its first place was
    given, and a later one never was)."""
    last = state.last_seq(SITE)
    wanted = range(1, block_of(last) + 1 if last else 1) if blocks is None else blocks
    files = []
    for block in wanted:
        first = docs_file((block - 1) * BLOCK_SIZE + 1)
        given = docs_file(min(last, block * BLOCK_SIZE)) if last else first - 1
        docs_files = [docs_file(seq)] if seq else list(range(first, given + 1))
        files += render_block(block, state.search_documents(block), docs_files)
    return [*files, render_manifest(last)]
