"""SQS batches with partial failures: a bad record is retried alone, never the whole batch.

Lambda's event source mapping (with `ReportBatchItemFailures`) re-delivers only the
records listed in `batchItemFailures`; after the queue's `maxReceiveCount` they go to
its dead-letter queue, so nothing is dropped silently.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from newsroom.models.messages import MessageKinds, UnknownKind
from newsroom.observability import correlated

MessageT = TypeVar("MessageT", bound=BaseModel)


def process_sqs_batch(
    event: dict[str, Any],
    model: type[MessageT] | MessageKinds[Any],
    handle: Callable[[MessageT], object],
    logger: logging.Logger | Any,
    *,
    threads: int = 1,
) -> dict[str, list[dict[str, str]]]:
    """Handle each record of an SQS event (`threads` at a time: records that wait on
    AWS overlap their waits); report the ones that failed."""
    records = event.get("Records", [])

    def one(record: dict[str, Any]) -> dict[str, str] | None:
        return _handle_record(record, model, handle, logger)

    if threads > 1 and len(records) > 1:
        with ThreadPoolExecutor(min(threads, len(records))) as pool:
            outcomes = list(pool.map(one, records))
    else:
        outcomes = [one(record) for record in records]
    return {"batchItemFailures": [failure for failure in outcomes if failure]}


def _handle_record(
    record: dict[str, Any],
    model: type[MessageT] | MessageKinds[Any],
    handle: Callable[[MessageT], object],
    logger: logging.Logger | Any,
) -> dict[str, str] | None:
    """Handle one record; the failure to report, or None."""
    message_id = record.get("messageId", "")
    receive_count = record.get("attributes", {}).get("ApproximateReceiveCount", "1")
    try:
        message = model.model_validate_json(record["body"])
    except (ValidationError, UnknownKind, KeyError) as error:
        logger.error(
            "message rejected: not a valid %s",
            model.__name__,
            extra={
                "message_id": message_id,
                "receive_count": receive_count,
                "reason": str(error),
            },
        )
        return {"itemIdentifier": message_id}
    # An images queue message is a union (RootModel): its fields are on `.root`.
    subject = getattr(message, "root", message)
    article_id = getattr(subject, "article_id", "")
    with correlated(
        logger, getattr(subject, "correlation_id", "") or message_id, article_id=article_id
    ):
        try:
            handle(message)
        except Exception as error:
            logger.exception(
                "message failed",
                extra={
                    "message_id": message_id,
                    "receive_count": receive_count,
                    "article_id": article_id,
                    "version": getattr(subject, "version", None),
                    "reason": f"{type(error).__name__}: {error}",
                },
            )
            return {"itemIdentifier": message_id}
    return None


def process_together(
    records: list[dict[str, Any]],
    handle: Callable[[], object],
    logger: logging.Logger | Any,
) -> list[dict[str, str]]:
    """Handle records that all ask for the same thing (each says "do it now") with one
    call; the failures to report: every record when that call fails, none otherwise.

    For a FIFO queue's group this is also the order SQS wants: no record of the group
    is reported done after one that failed.
    """
    if not records:
        return []
    try:
        handle()
    except Exception as error:
        logger.exception(
            "messages failed",
            extra={"messages": len(records), "reason": f"{type(error).__name__}: {error}"},
        )
        return [{"itemIdentifier": r.get("messageId", "")} for r in records]
    return []
