"""The article's life through the API: status flow, ETags, revisions, the list, limits."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from newsroom.models.article import Article
from newsroom.storage.articles import ArticleStore

from tests.integration.conftest import Stack
from tests.integration.editorial_helpers import (
    ADMIN,
    EDITOR,
    REPORTER,
    Answer,
    act,
    api,
    create,
    draft,
    get_article,
    put_article,
)


def test_draft_goes_to_review_then_published_then_unpublished(stack: Stack) -> None:
    article_id = create(stack, REPORTER).body["id"]
    submitted = act(stack, "submit", article_id, REPORTER)
    assert (submitted.status, submitted.body["status"]) == (200, "in_review")
    published = act(stack, "publish", article_id, EDITOR)
    assert (published.status, published.body["status"]) == (202, "published")
    assert published.body["published_at"] is not None
    unpublished = act(stack, "unpublish", article_id, ADMIN)
    assert (unpublished.status, unpublished.body["status"]) == (202, "unpublished")
    assert get_article(stack, article_id).body["status"] == "unpublished"


@pytest.mark.parametrize(
    ("steps", "action", "expected_words"),
    [
        (["submit"], "submit", "this article is in_review"),
        (["publish"], "submit", "this article is published"),
        ([], "unpublish", "this article is draft"),
        (["submit"], "unpublish", "this article is in_review"),
        (["publish", "unpublish"], "unpublish", "this article is unpublished"),
        (["publish"], "delete", "unpublish it first"),
    ],
)
def test_an_invalid_status_change_is_a_409_saying_why(
    stack: Stack, steps: list[str], action: str, expected_words: str
) -> None:
    article_id = create(stack, REPORTER).body["id"]
    for step in steps:
        assert act(stack, step, article_id, EDITOR).status in (200, 202)
    if action == "delete":
        answer = api(stack, "DELETE", "/articles/{id}", params={"id": article_id})
    else:
        answer = act(stack, action, article_id, EDITOR)
    assert answer.status == 409, answer.body
    assert answer.content_type == "application/problem+json"
    assert expected_words in answer.body["detail"]


def test_scheduling_an_article_that_is_already_published_is_a_conflict(stack: Stack) -> None:
    article_id = create(stack, REPORTER).body["id"]
    assert act(stack, "publish", article_id, EDITOR).status == 202
    later = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    again = act(stack, "publish", article_id, EDITOR, {"publish_at": later})
    assert again.status == 409


def test_every_response_with_an_article_carries_its_etag(stack: Stack) -> None:
    created = create(stack, REPORTER)
    assert created.headers["ETag"] == '"1"'
    article_id = created.body["id"]
    assert get_article(stack, article_id).headers["ETag"] == '"1"'
    assert act(stack, "submit", article_id, REPORTER).headers["ETag"] == '"2"'
    assert act(stack, "publish", article_id, EDITOR).headers["ETag"] == '"3"'


def test_a_put_replaces_the_fields_and_needs_the_current_etag(stack: Stack) -> None:
    created = create(stack, REPORTER)
    article_id = created.body["id"]

    missing = put_article(stack, article_id, draft(title="Không có If-Match"), None)
    assert missing.status == 428
    assert "If-Match" in missing.body["detail"]

    changed = put_article(
        stack, article_id, draft(title="Cầu Bến Lức thông xe"), created.headers["ETag"]
    )
    assert changed.status == 200, changed.body
    assert changed.body["title"] == "Cầu Bến Lức thông xe"
    assert changed.body["slug"].startswith("cau-ben-luc-thong-xe-")
    assert changed.headers["ETag"] == '"2"'

    stale = put_article(stack, article_id, draft(title="Bản cũ"), created.headers["ETag"])
    assert stale.status == 412
    assert stale.content_type == "application/problem+json"
    assert get_article(stack, article_id).body["title"] == "Cầu Bến Lức thông xe"


def test_two_editors_saving_the_same_version_at_once_one_wins_one_gets_412(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = create(stack, REPORTER)
    article_id, etag = created.body["id"], created.headers["ETag"]
    # The worst overlap, every time: both editors' requests have read version 1 and
    # passed the If-Match check before either writes; then A writes, then B. Only the
    # table's conditional write can stop B from overwriting A.
    both_read = threading.Barrier(2, timeout=30)
    a_saved = threading.Event()
    save = ArticleStore.save

    def save_in_turn(
        store: ArticleStore, article: Article, expected_version: int, **recorded: str
    ) -> None:
        both_read.wait()
        if article.title == "Bản của B":
            a_saved.wait(timeout=30)
        try:
            save(store, article, expected_version=expected_version, **recorded)
        finally:
            if article.title == "Bản của A":
                a_saved.set()

    monkeypatch.setattr(ArticleStore, "save", save_in_turn)
    answers: dict[str, Answer] = {}

    def edit(title: str) -> None:
        answers[title] = put_article(stack, article_id, draft(title=title), etag)

    threads = [threading.Thread(target=edit, args=(t,)) for t in ("Bản của A", "Bản của B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = {title: answer.status for title, answer in answers.items()}
    assert statuses == {"Bản của A": 200, "Bản của B": 412}, {
        k: (a.status, a.body) for k, a in answers.items()
    }
    assert answers["Bản của B"].content_type == "application/problem+json"
    stored = get_article(stack, article_id).body
    assert (stored["title"], stored["version"]) == ("Bản của A", 2)
    monkeypatch.undo()
    # B reads again and saves over A's version, as the 412 asks.
    again = put_article(
        stack, article_id, draft(title="Bản của B"), get_article(stack, article_id).headers["ETag"]
    )
    assert (again.status, again.body["version"]) == (200, 3)


def test_a_published_article_that_is_edited_stays_published_and_is_rendered_again(
    stack: Stack,
) -> None:
    article_id = create(stack, REPORTER).body["id"]
    published = act(stack, "publish", article_id, EDITOR)
    stack.drain("ImagesFunction")
    stack.drain("RenderFunction")
    edited = put_article(
        stack, article_id, draft(title="Đính chính: cầu dài 450 m"), published.headers["ETag"]
    )
    assert edited.status == 200
    assert edited.body["status"] == "published"
    assert edited.body["slug"] == published.body["slug"]
    queued = stack.client("sqs").receive_message(
        QueueUrl=stack.specs["ImagesFunction"].queues[0].queue_url, MaxNumberOfMessages=10
    )
    bodies = [json.loads(m["Body"]) for m in queued.get("Messages", [])]
    # The message carries the correlation id of the request that saved the version.
    assert [b.pop("correlation_id") != "" for b in bodies] == [True]
    assert bodies == [
        {"schema_version": 1, "kind": "photos_requested", "article_id": article_id, "version": 3}
    ]


def test_a_live_article_cannot_move_to_another_category(stack: Stack) -> None:
    article_id = create(stack, REPORTER).body["id"]
    published = act(stack, "publish", article_id, EDITOR)
    moved = put_article(stack, article_id, draft(category="thong-bao"), published.headers["ETag"])
    assert moved.status == 409, moved.body
    assert "Unpublish it first" in moved.body["detail"]


def test_every_saved_version_is_kept_with_who_saved_it_and_when(stack: Stack) -> None:
    created = create(stack, REPORTER)
    article_id = created.body["id"]
    put_article(stack, article_id, draft(title="Bản thứ hai"), created.headers["ETag"], REPORTER)
    act(stack, "submit", article_id, REPORTER)
    act(stack, "publish", article_id, EDITOR)

    listed = api(stack, "GET", "/articles/{id}/revisions", params={"id": article_id})
    assert listed.status == 200
    summary = [
        (r["number"], r["saved_by"], r["status"], r["title"]) for r in listed.body["revisions"]
    ]
    assert summary == [
        (1, "phong.vien", "draft", "Tỉnh khánh thành cầu Bến Lức mới"),
        (2, "phong.vien", "draft", "Bản thứ hai"),
        (3, "phong.vien", "in_review", "Bản thứ hai"),
        (4, "bien.tap", "published", "Bản thứ hai"),
    ]
    assert all(r["saved_at"].endswith("Z") for r in listed.body["revisions"])

    first = api(stack, "GET", "/articles/{id}/revisions/{n}", params={"id": article_id, "n": "1"})
    assert first.status == 200
    assert first.body["title"] == "Tỉnh khánh thành cầu Bến Lức mới"
    assert first.body["body"].startswith("Sáng nay")
    missing = api(stack, "GET", "/articles/{id}/revisions/{n}", params={"id": article_id, "n": "9"})
    assert missing.status == 404
    assert "versions 1 to 4" in missing.body["detail"]


def test_deleting_an_article_removes_it_and_its_revisions(stack: Stack) -> None:
    article_id = create(stack, REPORTER).body["id"]
    assert api(stack, "DELETE", "/articles/{id}", params={"id": article_id}).status == 204
    assert get_article(stack, article_id).status == 404
    assert api(stack, "GET", "/articles/{id}/revisions", params={"id": article_id}).status == 404
    table = stack.env.ref("ArticlesTable")
    items = stack.client("dynamodb").scan(TableName=table)["Items"]
    assert not [i for i in items if article_id in i["pk"]["S"]]


def _list(stack: Stack, **query: str) -> Answer:
    answer = api(stack, "GET", "/articles", query=query)
    assert answer.status == 200, answer.body
    return answer


def test_the_list_is_newest_first_filtered_and_paged_with_a_cursor(stack: Stack) -> None:
    titles = [f"Bản tin số {i}" for i in range(5)]
    ids = [create(stack, REPORTER, title=t).body["id"] for t in titles]
    create(stack, REPORTER, title="Lễ hội đường phố", category="thong-bao", tags=["lễ hội"])
    act(stack, "publish", ids[1], EDITOR)

    everything = _list(stack)
    assert [a["title"] for a in everything.body["articles"]][:2] == [
        "Bản tin số 1",  # published last: the most recent change
        "Lễ hội đường phố",
    ]
    assert len(everything.body["articles"]) == 6

    first = _list(stack, status="draft", limit="2")
    second = _list(stack, status="draft", limit="2", cursor=first.body["next_cursor"])
    third = _list(stack, status="draft", limit="2", cursor=second.body["next_cursor"])
    pages = [first, second, third]
    seen = [a["title"] for page in pages for a in page.body["articles"]]
    assert seen == [
        "Lễ hội đường phố",
        "Bản tin số 4",
        "Bản tin số 3",
        "Bản tin số 2",
        "Bản tin số 0",
    ]
    assert third.body["next_cursor"] is None

    assert [a["id"] for a in _list(stack, status="published").body["articles"]] == [ids[1]]
    assert [a["title"] for a in _list(stack, category="thong-bao").body["articles"]] == [
        "Lễ hội đường phố"
    ]
    assert [a["title"] for a in _list(stack, tag="Lễ hội").body["articles"]] == ["Lễ hội đường phố"]
    # Search ignores case and accents: "le hoi" finds "Lễ hội".
    assert [a["title"] for a in _list(stack, q="le hoi").body["articles"]] == ["Lễ hội đường phố"]


def test_bad_list_parameters_are_problems_naming_the_parameter(stack: Stack) -> None:
    answer = api(stack, "GET", "/articles", query={"limit": "1000", "status": "lost"})
    assert answer.status == 422
    fields = {e["field"] for e in answer.body["errors"]}
    assert fields == {"limit", "status"}
    cursor = api(stack, "GET", "/articles", query={"cursor": "not-a-cursor"})
    assert cursor.status == 400
    assert "cursor" in cursor.body["detail"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "T" * 301}, "title"),
        ({"summary": "S" * 1001}, "summary"),
        ({"body": "B" * (200 * 1024 + 1)}, "body"),
        ({"tags": [f"tag {i}" for i in range(21)]}, "tags"),
        ({"category": "khong-co"}, "category"),
        ({"title": "   "}, "title"),
    ],
)
def test_limits_are_problems_naming_the_field(
    stack: Stack, changes: dict[str, Any], field: str
) -> None:
    answer = api(stack, "POST", "/articles", body=draft(**changes), claims=REPORTER)
    assert answer.status == 422, answer.body
    assert answer.content_type == "application/problem+json"
    assert answer.body["type"].endswith("/validation")
    assert field in {e["field"] for e in answer.body["errors"]}


def test_text_is_stored_in_nfc(stack: Stack) -> None:
    decomposed = "Tiê\u0301ng Việt"  # "ế" as e + circumflex + combining acute
    article = create(stack, REPORTER, title=decomposed)
    assert article.body["title"] == "Tiếng Việt"


def test_a_saved_body_is_kept_converted_for_the_site_and_converted_again_when_edited(
    stack: Stack,
) -> None:
    from newsroom.storage.articles import ArticleStore

    created = create(stack, REPORTER, body="Cầu dài **420 m**.\n\n![Lễ thông xe](le.jpg)")
    article_id = created.body["id"]
    store = ArticleStore(stack.env.ref("ArticlesTable"))
    stored = store.get(article_id).body_prepared
    assert stored is not None
    assert "<strong>420 m</strong>" in stored.html
    assert [(s.name, s.alt) for s in stored.slots] == [("le.jpg", "Lễ thông xe")]
    # The API shows what the editor wrote, not the conversion.
    assert "body_prepared" not in get_article(stack, article_id).body

    edited = put_article(stack, article_id, draft(body="Cầu dài *450 m*."), created.headers["ETag"])
    assert edited.status == 200, edited.body
    stored = store.get(article_id).body_prepared
    assert stored is not None
    assert stored.html == "<p>Cầu dài <em>450 m</em>.</p>\n"
    assert stored.slots == []
