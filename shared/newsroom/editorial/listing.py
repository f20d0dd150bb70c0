"""The editors' list of articles: filtered, most recently changed first, a page at a time.

Articles are read from the `ByStatus` index, one status at a time, and merged by their
change key. The cursor is the change key of the last article shown, so the next page
starts right after it whatever was saved meanwhile.
"""

from __future__ import annotations

import base64
import binascii
import heapq
import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from newsroom.editorial.errors import EditorialError
from newsroom.editorial.newsroom import Newsroom
from newsroom.editorial.policy import Action, authorize
from newsroom.models.article import Article, ArticleStatus
from newsroom.models.caller import Caller
from newsroom.models.editorial import ArticleQuery
from newsroom.text.slug import ascii_fold


class BadCursor(EditorialError):
    status = 400


@dataclass(frozen=True)
class ArticlePage:
    """One page of the list, and the cursor of the next one (None on the last page)."""

    articles: list[Article]
    next_cursor: str | None


def _fold(text: str) -> str:
    return ascii_fold(text).casefold()


def encode_cursor(change_key: str) -> str:
    raw = json.dumps({"before": change_key}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        before = json.loads(raw)["before"]
    except (binascii.Error, ValueError, KeyError, TypeError) as error:
        raise BadCursor("listing.bad_cursor") from error
    if not isinstance(before, str):
        raise BadCursor("listing.bad_cursor")
    return before


def _matches(article: Article, query: ArticleQuery, words: list[str], by: Caller) -> bool:
    if query.mine and article.created_by != by.username:
        return False
    if query.category is not None and article.category != query.category:
        return False
    if query.tag is not None and _fold(query.tag) not in {_fold(t) for t in article.tags}:
        return False
    if words:
        text = _fold(
            " ".join((article.title, article.summary, article.body, " ".join(article.tags)))
        )
        return all(word in text for word in words)
    return True


def list_articles(newsroom: Newsroom, query: ArticleQuery, *, by: Caller) -> ArticlePage:
    """Articles matching the query (`mine`: created by `by`), most recently changed first."""
    authorize(by, Action.READ)
    before = decode_cursor(query.cursor) if query.cursor else None
    statuses = [query.status] if query.status else list(ArticleStatus)
    words = _fold(query.q).split() if query.q else []
    streams = [newsroom.article_store.changed_before(status, before) for status in statuses]
    merged: Iterator[tuple[str, Article]] = heapq.merge(
        *streams, key=lambda pair: pair[0], reverse=True
    )
    found = islice(((k, a) for k, a in merged if _matches(a, query, words, by)), query.limit + 1)
    page = list(found)
    more = len(page) > query.limit
    page = page[: query.limit]
    cursor = encode_cursor(page[-1][0]) if more and page else None
    return ArticlePage([article for _, article in page], cursor)
