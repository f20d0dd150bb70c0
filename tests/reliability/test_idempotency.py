"""Consumers are keyed on what a message means (article and version), not on SQS's
delivery: every message delivered twice, in reverse order, or shuffled leaves the site
bucket byte for byte as delivering each once in order did."""

from __future__ import annotations

import json
import random
import uuid
from typing import Any

import pytest
from newsroom.site import listings
from newsroom_local.events import LambdaContext, sqs_event

from tests.integration.conftest import Stack
from tests.photos import make_jpeg
from tests.reliability.local_stack import draft


@pytest.fixture(autouse=True)
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    # Three articles a page: a handful of articles spans several listing pages.
    monkeypatch.setattr(listings, "PAGE_SIZE", 3)


def _take(stack: Stack, function: str) -> list[str]:
    """Every message waiting on the function's queue, removed from it (bodies, in order)."""
    source = stack.specs[function].queues[0]
    sqs = stack.client("sqs")
    bodies = []
    while True:
        received = sqs.receive_message(QueueUrl=source.queue_url, MaxNumberOfMessages=10).get(
            "Messages", []
        )
        if not received:
            return bodies
        for message in received:
            bodies.append(message["Body"])
            sqs.delete_message(QueueUrl=source.queue_url, ReceiptHandle=message["ReceiptHandle"])


def _deliver(stack: Stack, function: str, bodies: list[str]) -> None:
    """Each body as its own SQS delivery (a new message id each time), as a redelivery is."""
    source = stack.specs[function].queues[0]
    for body in bodies:
        message = {"MessageId": str(uuid.uuid4()), "ReceiptHandle": uuid.uuid4().hex, "Body": body}
        result = stack.handlers[function](
            sqs_event([message], source.queue_arn), LambdaContext(function)
        )
        assert result == {"batchItemFailures": []}, body


def _api(stack: Stack, method: str, route: str, article_id: str = "", **kw: Any) -> Any:
    status, answer, headers = stack.call_api(
        method, route, params={"id": article_id} if article_id else None, **kw
    )
    assert status < 300, answer
    return answer, headers


def test_messages_delivered_twice_reversed_or_shuffled_leave_the_same_bucket(
    stack: Stack,
) -> None:
    ids = [_api(stack, "POST", "/articles", body=draft(f"Bài {n}"))[0]["id"] for n in range(5)]
    # A photo: its renditions are named by its content hash.
    upload, _ = _api(
        stack, "POST", "/articles/{id}/photos", ids[0], body={"name": "cho.jpg", "caption": "Chợ"}
    )
    stack.upload_photo(upload, make_jpeg(1200, 800), "cho.jpg")
    stack.drain("ImagesFunction")  # a photo is processed as it arrives
    for article_id in ids:
        _api(stack, "POST", "/articles/{id}/publish", article_id)
    # A correction of a live article, and one taken off the site.
    _, headers = _api(stack, "GET", "/articles/{id}", ids[2])
    _api(
        stack,
        "PUT",
        "/articles/{id}",
        ids[2],
        body=draft("Bài 2 (đính chính)"),
        headers={"if-match": headers["ETag"]},
    )
    _api(stack, "POST", "/articles/{id}/unpublish", ids[4])

    images = _take(stack, "ImagesFunction")
    assert {json.loads(b)["article_id"] for b in images} == set(ids)
    _deliver(stack, "ImagesFunction", images)
    renders = _take(stack, "RenderFunction")
    assert len(renders) == len(images)
    # Once each, in order, and the renders of the shared files they ask for: the reference.
    _deliver(stack, "RenderFunction", renders)
    stack.drain("RenderFunction")
    once = stack.site_objects()
    assert any(k.startswith("media/") for k in once)
    assert any("Bài 2 (đính chính)".encode() in v for v in once.values())
    assert not any("bai-4" in k for k in once)

    # Every message again (images too: the renders they ask for are delivered as well).
    _deliver(stack, "ImagesFunction", images)
    _deliver(stack, "RenderFunction", renders + _take(stack, "RenderFunction"))
    stack.drain("RenderFunction")
    assert stack.site_objects() == once

    # In reverse order: older versions after newer ones change nothing.
    _deliver(stack, "RenderFunction", list(reversed(renders)))
    stack.drain("RenderFunction")
    assert stack.site_objects() == once

    # Shuffled.
    shuffled = list(renders)
    random.Random(7).shuffle(shuffled)  # noqa: S311 - a repeatable order, not a secret
    _deliver(stack, "RenderFunction", shuffled)
    stack.drain("RenderFunction")
    assert stack.site_objects() == once
