"""The editors' list of articles, on moto: most recently changed first, filtered, a page at
a time, with a cursor that only this list gives out."""

from __future__ import annotations

from typing import Any

import pytest
from newsroom.editorial.articles import create_article, publish_article, submit_article
from newsroom.editorial.errors import EditorialError, Forbidden
from newsroom.editorial.listing import list_articles
from newsroom.editorial.newsroom import Newsroom
from newsroom.models.article import Article
from newsroom.models.editorial import ArticleQuery

from tests.unit.editorial_newsroom import (
    EDITOR,
    NO_ROLE,
    OTHER_REPORTER,
    REPORTER,
    draft,
    newsroom_on_moto,  # noqa: F401 - the fixture `newsroom`
)


def _titles(newsroom: Newsroom, **query: Any) -> list[str]:
    page = list_articles(newsroom, ArticleQuery.model_validate(query), by=REPORTER)
    return [a.title for a in page.articles]


@pytest.fixture
def three(newsroom: Newsroom) -> list[Article]:
    """A draft, an article in review and a published one, written in that order."""
    cho = create_article(newsroom, draft(title="Hội chợ nông sản", tags=["Kinh tế"]), by=REPORTER)
    cau = create_article(newsroom, draft(title="Cầu Bến Lức thông xe"), by=REPORTER)
    le = create_article(newsroom, draft(title="Lễ hội đền Hùng", category="hoat-dong"), by=REPORTER)
    return [
        cho,
        submit_article(newsroom, cau.id, by=REPORTER),
        publish_article(newsroom, le.id, by=EDITOR),
    ]


def test_the_most_recently_changed_article_comes_first(
    newsroom: Newsroom, three: list[Article]
) -> None:
    assert _titles(newsroom) == ["Lễ hội đền Hùng", "Cầu Bến Lức thông xe", "Hội chợ nông sản"]
    submit_article(newsroom, three[0].id, by=REPORTER)
    assert _titles(newsroom)[0] == "Hội chợ nông sản"


def test_filters_by_status_category_tag_and_words_ignoring_accents(
    newsroom: Newsroom, three: list[Article]
) -> None:
    assert _titles(newsroom, status="in_review") == ["Cầu Bến Lức thông xe"]
    assert _titles(newsroom, category="hoat-dong") == ["Lễ hội đền Hùng"]
    assert _titles(newsroom, tag="kinh te") == ["Hội chợ nông sản"]
    assert _titles(newsroom, q="DEN hung") == ["Lễ hội đền Hùng"]
    assert _titles(newsroom, q="den hung", status="draft") == []


def test_mine_lists_the_articles_the_caller_created_whoever_changed_them_last(
    newsroom: Newsroom, three: list[Article]
) -> None:
    other = create_article(newsroom, draft(title="Bài của phóng viên khác"), by=OTHER_REPORTER)
    submit_article(newsroom, other.id, by=OTHER_REPORTER)

    def mine(caller: Any, **query: Any) -> list[str]:
        asked = ArticleQuery.model_validate({"mine": "true", **query})
        return [a.title for a in list_articles(newsroom, asked, by=caller).articles]

    # The published one was last changed by an editor: it is still the reporter's own.
    assert mine(REPORTER) == ["Lễ hội đền Hùng", "Cầu Bến Lức thông xe", "Hội chợ nông sản"]
    assert mine(OTHER_REPORTER) == ["Bài của phóng viên khác"]
    assert mine(OTHER_REPORTER, status="draft") == []
    assert mine(EDITOR) == []
    assert _titles(newsroom, mine="false")[0] == "Bài của phóng viên khác"
    assert len(mine(REPORTER, limit=1)) == 1


def test_pages_follow_each_other_through_the_cursor(
    newsroom: Newsroom, three: list[Article]
) -> None:
    first = list_articles(newsroom, ArticleQuery(limit=2), by=REPORTER)
    assert [a.title for a in first.articles] == ["Lễ hội đền Hùng", "Cầu Bến Lức thông xe"]
    assert first.next_cursor is not None
    second = list_articles(newsroom, ArticleQuery(limit=2, cursor=first.next_cursor), by=REPORTER)
    assert [a.title for a in second.articles] == ["Hội chợ nông sản"]
    assert second.next_cursor is None


def test_an_article_saved_while_paging_moves_to_the_first_page_and_is_not_shown_twice(
    newsroom: Newsroom, three: list[Article]
) -> None:
    first = list_articles(newsroom, ArticleQuery(limit=2), by=REPORTER)
    submit_article(newsroom, three[0].id, by=REPORTER)
    second = list_articles(newsroom, ArticleQuery(limit=2, cursor=first.next_cursor), by=REPORTER)
    assert second.articles == []
    assert second.next_cursor is None
    assert _titles(newsroom, limit=1) == ["Hội chợ nông sản"]


@pytest.mark.parametrize("cursor", ["khong-phai", "eyJhZnRlciI6IDF9", "W10"])
def test_a_cursor_the_list_did_not_give_out_is_refused(newsroom: Newsroom, cursor: str) -> None:
    with pytest.raises(EditorialError) as refused:
        list_articles(newsroom, ArticleQuery(cursor=cursor), by=REPORTER)
    assert refused.value.status == 400
    assert refused.value.detail == (
        "The cursor is not one this API gave out; start from the first page."
    )


def test_a_caller_without_a_role_lists_nothing(newsroom: Newsroom) -> None:
    with pytest.raises(Forbidden):
        list_articles(newsroom, ArticleQuery(), by=NO_ROLE)
