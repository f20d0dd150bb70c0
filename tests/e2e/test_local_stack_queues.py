"""The local event source mapping: partial batch failures, visibility timeout, the DLQ."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from newsroom_local.launch import StackProcess
from newsroom_local.sqs_source import LONG_POLL_SECONDS

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("local_stack")]

MAX_RECEIVE_COUNT = 5  # the template's RedrivePolicy of the render queue


def _queue(stack: StackProcess, sqs: Any, name: str) -> str:
    url: str = sqs.get_queue_url(QueueName=f"newsroom-local-{name}")["QueueUrl"]
    return url


def _count(sqs: Any, url: str) -> int:
    attributes = sqs.get_queue_attributes(
        QueueUrl=url,
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    )["Attributes"]
    return sum(int(v) for v in attributes.values())


@pytest.fixture
def quick_render_queue(local_stack: StackProcess) -> Iterator[str]:
    """The render queue with a one-second visibility timeout, as the test needs it."""
    sqs = local_stack.client("sqs")
    url = _queue(local_stack, sqs, "renderqueue")
    before = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["VisibilityTimeout"])
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"VisibilityTimeout": "1"})
    # moto gives a receive the timeout the queue had when the receive began: let the
    # long polls already waiting end before the test sends anything.
    time.sleep(LONG_POLL_SECONDS + 0.5)
    yield url
    sqs.set_queue_attributes(QueueUrl=url, Attributes=before["Attributes"])


def test_a_record_that_always_fails_ends_in_the_dlq_and_its_batch_mates_succeed(
    local_stack: StackProcess, quick_render_queue: str
) -> None:
    sqs = local_stack.client("sqs")
    dead_letters = _queue(local_stack, sqs, "renderdeadletterqueue")
    assert _count(sqs, dead_letters) == 0
    poison = json.dumps({"kind": "render_requested", "article_id": "no such id!", "version": 1})
    good = [
        json.dumps({"kind": "rebuild_requested", "part": "listings", "items": []}),
        json.dumps({"kind": "rebuild_requested", "part": "articles", "items": []}),
    ]
    sqs.send_message_batch(
        QueueUrl=quick_render_queue,
        Entries=[
            {"Id": str(i), "MessageBody": body} for i, body in enumerate([*good, poison, *good])
        ],
    )
    deadline = time.monotonic() + 60
    while _count(sqs, dead_letters) == 0:
        assert time.monotonic() < deadline, local_stack.output()[-3000:]
        time.sleep(0.2)

    received = sqs.receive_message(
        QueueUrl=dead_letters, AttributeNames=["All"], MaxNumberOfMessages=10
    )["Messages"]
    assert [m["Body"] for m in received] == [poison]
    # Received once more here, after the render function had it maxReceiveCount times.
    assert int(received[0]["Attributes"]["ApproximateReceiveCount"]) == MAX_RECEIVE_COUNT + 1
    assert _count(sqs, quick_render_queue) == 0  # the good records were deleted, not retried
    # The poison shared a batch with good records, and only it came back.
    batches = re.findall(r"RenderFunction +(\d+) records? +(\d+) failed", local_stack.output())
    failing = [int(size) for size, failed in batches if failed == "1"]
    assert failing[0] > 1
    assert len(failing) == MAX_RECEIVE_COUNT
    sqs.delete_message(QueueUrl=dead_letters, ReceiptHandle=received[0]["ReceiptHandle"])
