"""EventBridge Scheduler: one-time schedules that send a message to an SQS queue when due."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from botocore.exceptions import ClientError
from pydantic import BaseModel

from newsroom.aws import clients

SCHEDULE_PREFIX = "publish-"


def at_expression(when: datetime) -> str:
    """The schedule expression of a one-time schedule, in UTC to the second."""
    return f"at({when.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%S')})"


class PublicationScheduler(clients.Reached[Any]):
    """One schedule per article (`publish-<id>`) whose target sends a message to a queue."""

    def __init__(
        self, queue_arn: str, role_arn: str, group: str = "default", client: Any = None
    ) -> None:
        super().__init__(client, clients.scheduler)
        self.queue_arn = queue_arn
        self.role_arn = role_arn
        self.group = group

    @staticmethod
    def name_for(article_id: str) -> str:
        return f"{SCHEDULE_PREFIX}{article_id}"

    def schedule(self, article_id: str, when: datetime, message: BaseModel) -> None:
        """Send `message` at `when`, replacing the article's earlier schedule if any."""
        if not self.queue_arn or not self.role_arn:
            raise RuntimeError("scheduling needs PUBLISH_QUEUE_ARN and SCHEDULER_ROLE_ARN")
        self.cancel(article_id)
        self.client.create_schedule(
            Name=self.name_for(article_id),
            GroupName=self.group,
            ScheduleExpression=at_expression(when),
            ScheduleExpressionTimezone="UTC",
            FlexibleTimeWindow={"Mode": "OFF"},
            ActionAfterCompletion="DELETE",
            State="ENABLED",
            Description=f"Publish article {article_id}",
            Target={
                "Arn": self.queue_arn,
                "RoleArn": self.role_arn,
                "Input": message.model_dump_json(),
                "RetryPolicy": {"MaximumRetryAttempts": 185, "MaximumEventAgeInSeconds": 86400},
            },
        )

    def cancel(self, article_id: str) -> None:
        """Remove the article's schedule (nothing happens when there is none)."""
        try:
            self.client.delete_schedule(Name=self.name_for(article_id), GroupName=self.group)
        except ClientError as error:
            if error.response["Error"]["Code"] != "ResourceNotFoundException":
                raise
