"""Sending queue messages: pydantic models in, JSON on the wire."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from newsroom.aws import clients
from newsroom.observability import current_correlation_id

if TYPE_CHECKING:
    from mypy_boto3_sqs import SQSClient


class Queue(clients.Reached["SQSClient"]):
    """One SQS queue that this function sends to."""

    def __init__(self, url: str, client: SQSClient | None = None) -> None:
        super().__init__(client, clients.sqs)
        self.url = url

    @property
    def name(self) -> str:
        """The queue's name: the last part of its URL (and of its ARN)."""
        return self.url.rstrip("/").rsplit("/", 1)[-1]

    def delivered(self, record: dict[str, Any]) -> bool:
        """Whether an SQS event's record came from this queue (by its `eventSourceARN`)."""
        return str(record.get("eventSourceARN", "")).rsplit(":", 1)[-1] == self.name

    def send(self, message: BaseModel, delay_seconds: int = 0, *, group: str = "") -> str:
        """Send one message (delivered after `delay_seconds`, at most 900); returns its
        SQS message id.

        A message without a correlation id gets the one of the request or message
        being handled, so the article can be followed from the API to the site.
        """
        correlation_id = current_correlation_id()
        if correlation_id and getattr(message, "correlation_id", None) == "":
            message = message.model_copy(update={"correlation_id": correlation_id})
        request: dict[str, object] = {
            "QueueUrl": self.url,
            "MessageBody": message.model_dump_json(),
        }
        if group:
            # A FIFO queue: in order within the group, one batch of it at a time; each
            # message is its own (FIFO queues take no delay).
            request.update(MessageGroupId=group, MessageDeduplicationId=uuid.uuid4().hex)
        else:
            request["DelaySeconds"] = delay_seconds
        response = self.client.send_message(**request)  # type: ignore[arg-type]
        return response["MessageId"]
