"""The desk's list of articles: the caller's own (`mine=true`), most recently changed first
across every status, each summary saying who created it, who changed it last and when,
its status and its schedule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.integration.conftest import Stack
from tests.integration.editorial_helpers import (
    EDITOR,
    OTHER_REPORTER,
    REPORTER,
    Answer,
    act,
    api,
    create,
)


def _list(stack: Stack, claims: dict[str, Any] = REPORTER, **query: str) -> Answer:
    answer = api(stack, "GET", "/articles", query=query, claims=claims)
    assert answer.status == 200, answer.body
    return answer


def test_mine_lists_what_the_caller_created_newest_change_first(stack: Stack) -> None:
    first = create(stack, REPORTER, title="Bài thứ nhất").body["id"]
    create(stack, OTHER_REPORTER, title="Bài của người khác")
    second = create(stack, REPORTER, title="Bài thứ hai").body["id"]
    act(stack, "submit", first, REPORTER)  # changed last: first in the list
    later = (datetime.now(UTC) + timedelta(days=2)).isoformat()
    act(stack, "publish", second, EDITOR, {"publish_at": later})  # changed by an editor

    mine = _list(stack, mine="true").body["articles"]
    assert [a["title"] for a in mine] == ["Bài thứ hai", "Bài thứ nhất"]
    scheduled, submitted = mine
    assert scheduled["status"] == "scheduled"
    assert scheduled["created_by"] == "phong.vien"
    assert scheduled["updated_by"] == "bien.tap"
    assert datetime.fromisoformat(scheduled["scheduled_for"]) == datetime.fromisoformat(later)
    assert (submitted["status"], submitted["scheduled_for"]) == ("in_review", None)
    assert submitted["updated_by"] == "phong.vien"
    changed = [datetime.fromisoformat(a["updated_at"]) for a in mine]
    assert changed == sorted(changed, reverse=True)

    others = _list(stack, OTHER_REPORTER, mine="true").body["articles"]
    assert [a["title"] for a in others] == ["Bài của người khác"]
    assert _list(stack, EDITOR, mine="true").body["articles"] == []
    everyone = _list(stack, mine="false").body["articles"]
    assert len(everyone) == 3
    changed = [datetime.fromisoformat(a["updated_at"]) for a in everyone]
    assert changed == sorted(changed, reverse=True)


def test_mine_pages_and_filters_like_the_rest_of_the_list(stack: Stack) -> None:
    for number in range(5):
        create(stack, REPORTER, title=f"Bản tin số {number}")
        create(stack, OTHER_REPORTER, title=f"Tin khác số {number}")
    seen: list[str] = []
    cursor = None
    while True:
        query = {"mine": "true", "status": "draft", "limit": "2"}
        page = _list(stack, **(query | ({"cursor": cursor} if cursor else {}))).body
        seen += [a["title"] for a in page["articles"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [f"Bản tin số {n}" for n in (4, 3, 2, 1, 0)]
    found = _list(stack, mine="true", q="so 3").body["articles"]
    assert [a["title"] for a in found] == ["Bản tin số 3"]


def test_a_mine_that_is_not_a_boolean_is_refused_naming_it(stack: Stack) -> None:
    answer = api(stack, "GET", "/articles", query={"mine": "perhaps"})
    assert answer.status == 422
    assert [e["field"] for e in answer.body["errors"]] == ["mine"]
