"""An SQS event source mapping, as Lambda runs one for a function's `SQS` event.

- Long-polls the queue; once a first record arrives it keeps gathering until the
  batch is full (`BatchSize`) or `MaximumBatchingWindowInSeconds` has passed.
- Invokes the function with a real-shaped SQS event.
- With `ReportBatchItemFailures`, deletes every record except those the function
  lists in `batchItemFailures`; without it, or when the function raises (or returns
  an identifier that is not in the batch), deletes none.
- Leaves visibility alone: records not deleted come back after the queue's
  visibility timeout, and SQS moves them to the dead-letter queue after the redrive
  policy's `maxReceiveCount` receives.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import boto3
from botocore.config import Config

from newsroom_local.events import sqs_event
from newsroom_local.functions import QueueSource

log = logging.getLogger("newsroom.local")

MAX_MESSAGES_PER_RECEIVE = 10
LONG_POLL_SECONDS = 1  # short enough that a stop is prompt; SQS allows up to 20
# A FIFO queue is read with short polls this far apart: moto's long poll spins while a
# group's messages wait behind one in flight (visible, but not to be delivered yet).
FIFO_POLL_SECONDS = 0.1


def failed_ids(result: Any, batch_ids: set[str], partial: bool) -> set[str]:
    """The records of the batch that count as failed, given the function's response."""
    if not partial:
        return set()
    if result is None or (isinstance(result, dict) and not result.get("batchItemFailures")):
        return set()
    try:
        listed = {str(f["itemIdentifier"]) for f in result["batchItemFailures"]}
    except (KeyError, TypeError):
        return set(batch_ids)  # a malformed response fails the whole batch, as on Lambda
    if not listed <= batch_ids or "" in listed:
        return set(batch_ids)
    return listed


class QueuePoller(threading.Thread):
    """Polls one queue and invokes the function with batches, until stopped."""

    def __init__(
        self,
        function: str,
        source: QueueSource,
        invoke: Callable[[dict[str, Any]], Any],
        client: Any = None,
    ) -> None:
        super().__init__(name=f"{function}<-{source.queue_logical_id}", daemon=True)
        self.function = function
        self.source = source
        self.invoke = invoke
        self.sqs = client or boto3.client(
            "sqs", config=Config(retries={"mode": "standard", "max_attempts": 3})
        )
        self._stopping = threading.Event()

    def stop(self) -> None:
        self._stopping.set()

    def run(self) -> None:
        while not self._stopping.is_set():
            try:
                batch = self._gather()
                if batch:
                    self._deliver(batch)
            except Exception:
                log.exception("%s: polling %s failed", self.function, self.source.queue_logical_id)
                self._stopping.wait(1)

    def _receive(self, count: int, wait: float) -> list[dict[str, Any]]:
        fifo = self.source.queue_url.endswith(".fifo")
        messages: list[dict[str, Any]] = self.sqs.receive_message(  # type: ignore[assignment]
            QueueUrl=self.source.queue_url,
            MaxNumberOfMessages=min(MAX_MESSAGES_PER_RECEIVE, count),
            WaitTimeSeconds=0 if fifo else max(0, min(20, round(wait))),
            AttributeNames=["All"],
            MessageAttributeNames=["All"],
        ).get("Messages", [])
        if fifo and not messages and wait > 0:
            self._stopping.wait(min(wait, FIFO_POLL_SECONDS))
        return messages

    def _gather(self) -> list[dict[str, Any]]:
        """A batch: the first records, then more until full or the window has passed."""
        batch = self._receive(self.source.batch_size, LONG_POLL_SECONDS)
        if not batch:
            return []
        deadline = time.monotonic() + self.source.batching_window_seconds
        while len(batch) < self.source.batch_size:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            more = self._receive(self.source.batch_size - len(batch), min(left, 1))
            batch.extend(more)
            if not more and left < 1:
                # WaitTimeSeconds is whole seconds: sleep out the rest of the window.
                self._stopping.wait(max(0.0, deadline - time.monotonic()))
        return batch

    def _deliver(self, batch: list[dict[str, Any]]) -> None:
        started = time.monotonic()
        event = sqs_event(batch, self.source.queue_arn)
        ids = {m["MessageId"] for m in batch}
        try:
            result = self.invoke(event)
        except Exception:
            log.exception("%s raised; the whole batch will be retried", self.function)
            failed = set(ids)
        else:
            failed = failed_ids(result, ids, self.source.report_batch_item_failures)
        done = [m for m in batch if m["MessageId"] not in failed]
        for start in range(0, len(done), 10):
            entries: list[Any] = [
                {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]}
                for i, m in enumerate(done[start : start + 10])
            ]
            self.sqs.delete_message_batch(QueueUrl=self.source.queue_url, Entries=entries)
        log.info(
            "%-16s %2d record%s  %d failed  %5.0f ms",
            self.function,
            len(batch),
            " " if len(batch) == 1 else "s",
            len(failed),
            (time.monotonic() - started) * 1000,
        )
