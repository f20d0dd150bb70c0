"""Idempotency-Key: a retried POST gets the first answer, and nothing is done twice."""

from __future__ import annotations

import threading
from typing import Any

from tests.integration.conftest import Stack
from tests.integration.editorial_helpers import (
    EDITOR,
    OTHER_REPORTER,
    REPORTER,
    Answer,
    api,
    create,
    draft,
    ingest_module,
)


def _post(stack: Stack, key: str, body: Any, claims: Any = None) -> Answer:
    return api(
        stack,
        "POST",
        "/articles",
        body=body,
        claims=claims or REPORTER,
        headers={"Idempotency-Key": key},
    )


def _article_count(stack: Stack) -> int:
    listed = api(stack, "GET", "/articles", query={"limit": "100"})
    return len(listed.body["articles"])


def test_a_retried_create_returns_the_first_article_and_creates_one(stack: Stack) -> None:
    first = _post(stack, "tao-bai-1", draft())
    again = _post(stack, "tao-bai-1", draft())
    assert first.status == again.status == 201
    assert again.body == first.body
    assert again.headers["Location"] == first.headers["Location"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert _article_count(stack) == 1


def test_the_same_key_with_another_body_is_a_422(stack: Stack) -> None:
    assert _post(stack, "tao-bai-2", draft()).status == 201
    other = _post(stack, "tao-bai-2", draft(title="Một bài khác"))
    assert other.status == 422
    assert other.content_type == "application/problem+json"
    assert "another request" in other.body["detail"]
    assert _article_count(stack) == 1


def test_keys_belong_to_their_caller(stack: Stack) -> None:
    mine = _post(stack, "chung", draft())
    theirs = _post(stack, "chung", draft(), claims=OTHER_REPORTER)
    assert mine.status == theirs.status == 201
    assert mine.body["id"] != theirs.body["id"]


def test_a_retried_publish_sends_one_message(stack: Stack) -> None:
    article_id = create(stack, REPORTER).body["id"]
    for _ in range(3):
        answer = api(
            stack,
            "POST",
            "/articles/{id}/publish",
            params={"id": article_id},
            claims=EDITOR,
            headers={"Idempotency-Key": "xuat-ban-1"},
        )
        assert answer.status == 202
    queue = stack.specs["ImagesFunction"].queues[0].queue_url
    attributes = stack.client("sqs").get_queue_attributes(
        QueueUrl=queue, AttributeNames=["ApproximateNumberOfMessages"]
    )
    assert attributes["Attributes"]["ApproximateNumberOfMessages"] == "1"
    revisions = api(stack, "GET", "/articles/{id}/revisions", params={"id": article_id})
    assert len(revisions.body["revisions"]) == 2


def test_a_duplicate_sent_while_the_first_runs_gets_409(stack: Stack, monkeypatch: Any) -> None:
    module = ingest_module()
    entered, release = threading.Event(), threading.Event()
    create_article = module.article_store.create

    def slow_create(article: Any, **recorded: Any) -> None:
        entered.set()
        assert release.wait(10)
        create_article(article, **recorded)

    monkeypatch.setattr(module.article_store, "create", slow_create)
    answers: list[Answer] = []
    first = threading.Thread(target=lambda: answers.append(_post(stack, "cham", draft())))
    first.start()
    assert entered.wait(10)
    duplicate = _post(stack, "cham", draft())
    release.set()
    first.join()

    assert duplicate.status == 409
    assert "still in progress" in duplicate.body["detail"]
    assert answers[0].status == 201
    replay = _post(stack, "cham", draft())
    assert replay.status == 201
    assert replay.body["id"] == answers[0].body["id"]


def test_a_request_that_failed_on_our_side_runs_again_on_retry(
    stack: Stack, monkeypatch: Any
) -> None:
    module = ingest_module()
    create_article = module.article_store.create
    calls: list[str] = []

    def failing_once(article: Any, **recorded: Any) -> None:
        calls.append(article.id)
        if len(calls) == 1:
            raise RuntimeError("DynamoDB is having a bad day")
        create_article(article, **recorded)

    monkeypatch.setattr(module.article_store, "create", failing_once)
    assert _post(stack, "thu-lai", draft()).status == 500
    retried = _post(stack, "thu-lai", draft())
    assert retried.status == 201
    assert "Idempotent-Replayed" not in retried.headers
    assert _article_count(stack) == 1


def test_a_malformed_key_is_a_400(stack: Stack) -> None:
    answer = _post(stack, "có dấu cách", draft())
    assert answer.status == 400
    assert "Idempotency-Key" in answer.body["detail"]
