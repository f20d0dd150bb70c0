"""SQS batches with partial failures: a bad record is retried alone, never the whole batch.

Lambda's event source mapping (with `ReportBatchItemFailures`) re-delivers only the
records listed in `batchItemFailures`; after the queue's `maxReceiveCount` they go to
its dead-letter queue, so nothing is dropped silently.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from newsroom.observability import correlated

MessageT = TypeVar("MessageT", bound=BaseModel)


def process_sqs_batch(
    event: dict[str, Any],
    model: type[MessageT],
    handle: Callable[[MessageT], object],
    logger: logging.Logger | Any,
) -> dict[str, list[dict[str, str]]]:
    """Handle each record of an SQS event; report the ones that failed."""
    failures: list[dict[str, str]] = []
    for record in event.get("Records", []):
        message_id = record.get("messageId", "")
        receive_count = record.get("attributes", {}).get("ApproximateReceiveCount", "1")
        try:
            message = model.model_validate_json(record["body"])
        except (ValidationError, KeyError) as error:
            logger.error(
                "message rejected: not a valid %s",
                model.__name__,
                extra={
                    "message_id": message_id,
                    "receive_count": receive_count,
                    "reason": str(error),
                },
            )
            failures.append({"itemIdentifier": message_id})
            continue
        # A render message is a union (RootModel): its fields are on `.root`.
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
                failures.append({"itemIdentifier": message_id})
    return {"batchItemFailures": failures}
