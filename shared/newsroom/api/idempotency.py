"""`Idempotency-Key`: a retried POST gets the first answer, and nothing is done twice.

One item per (caller, key) in the idempotency table: `in_progress` while the first
request runs (a duplicate meanwhile gets 409), then `completed` with the response.
A record remembers what the request was (a fingerprint of method, path and body), so
the same key with another request gets 422. Records expire through the table's TTL
attribute `expiration`; a server error forgets the record, so a retry runs again.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError

from newsroom.api.problems import Problem
from newsroom.i18n import Message
from newsroom.storage.table import DynamoTable

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

IN_PROGRESS = "in_progress"
COMPLETED = "completed"
REPLAYED_HEADER = "Idempotent-Replayed"


class IdempotencyStore(DynamoTable):
    """Remembers the response to each (caller, Idempotency-Key) for `ttl_seconds`."""

    def __init__(
        self,
        table_name: str,
        client: DynamoDBClient | None = None,
        *,
        ttl_seconds: int = 24 * 3600,
        lock_seconds: int = 60,
    ) -> None:
        super().__init__(table_name, client)
        self.ttl_seconds = ttl_seconds
        self.lock_seconds = lock_seconds

    def _claim(self, record_id: str, fingerprint: str, now: int) -> bool:
        """Start the request; False when a record for this key is alive."""
        try:
            self.client.put_item(
                TableName=self.table_name,
                Item={
                    "id": {"S": record_id},
                    "state": {"S": IN_PROGRESS},
                    "fingerprint": {"S": fingerprint},
                    "expiration": {"N": str(now + self.ttl_seconds)},
                    "locked_until": {"N": str(now + self.lock_seconds)},
                },
                # Absent, expired (TTL deletes late), or an abandoned first attempt.
                ConditionExpression=(
                    "attribute_not_exists(id) OR expiration < :now"
                    " OR (#state = :in_progress AND locked_until < :now)"
                ),
                ExpressionAttributeNames={"#state": "state"},
                ExpressionAttributeValues={
                    ":now": {"N": str(now)},
                    ":in_progress": {"S": IN_PROGRESS},
                },
            )
        except ClientError as error:
            if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def _existing(self, record_id: str, fingerprint: str) -> dict[str, Any]:
        item = self.client.get_item(
            TableName=self.table_name, Key={"id": {"S": record_id}}, ConsistentRead=True
        ).get("Item")
        if item is None:
            raise Problem(409, Message("idempotency.just_ended"))
        if item["fingerprint"]["S"] != fingerprint:
            raise Problem(422, Message("idempotency.reused"), kind="idempotency-key-reused")
        if item["state"]["S"] != COMPLETED:
            raise Problem(409, Message("idempotency.in_progress"), kind="request-in-progress")
        response: dict[str, Any] = json.loads(item["response"]["S"])
        response["headers"] = {**response.get("headers", {}), REPLAYED_HEADER: "true"}
        return response

    def once(
        self,
        *,
        scope: str,
        key: str,
        fingerprint: str,
        answer: Callable[[], dict[str, Any]],
    ) -> dict[str, Any]:
        """The response for this key: the remembered one, or `answer()` run once."""
        record_id = f"{scope}#{key}"
        if not self._claim(record_id, fingerprint, int(time.time())):
            return self._existing(record_id, fingerprint)
        try:
            response = answer()
        except BaseException:
            self._forget(record_id)
            raise
        if int(response.get("statusCode", 500)) >= 500:
            self._forget(record_id)
            return response
        self.client.update_item(
            TableName=self.table_name,
            Key={"id": {"S": record_id}},
            UpdateExpression="SET #state = :completed, #response = :response",
            ExpressionAttributeNames={"#state": "state", "#response": "response"},
            ExpressionAttributeValues={
                ":completed": {"S": COMPLETED},
                ":response": {"S": json.dumps(response, ensure_ascii=False)},
            },
        )
        return response

    def _forget(self, record_id: str) -> None:
        self.client.delete_item(TableName=self.table_name, Key={"id": {"S": record_id}})
