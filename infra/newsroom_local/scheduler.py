"""EventBridge Scheduler, locally: fire the one-time schedules that are due.

moto stores schedules but never runs them. `fire_due_schedules` does what the
service does when an `at(...)` schedule comes due: it performs the target's action
(for an SQS queue ARN, `SendMessage` with the target's `Input`), then deletes the
schedule (`ActionAfterCompletion: DELETE`) or disables it. `run_scheduler` does that
every `interval` seconds until stopped; the local stack runs it in a thread.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

logger = logging.getLogger(__name__)

_AT = re.compile(r"^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$")


@dataclass(frozen=True)
class FiredSchedule:
    """A schedule that came due and what was done."""

    group: str
    name: str
    target_arn: str
    message_id: str


def due_time(expression: str, time_zone: str = "UTC") -> datetime | None:
    """When a one-time `at(yyyy-mm-ddThh:mm:ss)` schedule is due (None for rate/cron)."""
    found = _AT.match(expression.strip())
    if found is None:
        return None
    local = datetime.fromisoformat(found.group(1))
    return local.replace(tzinfo=ZoneInfo(time_zone or "UTC")).astimezone(UTC)


def _queue_url(sqs: Any, queue_arn: str) -> str:
    # arn:aws:sqs:<region>:<account>:<name>
    _, _, _, _, account, name = queue_arn.split(":", 5)
    return str(sqs.get_queue_url(QueueName=name, QueueOwnerAWSAccountId=account)["QueueUrl"])


def _schedules(scheduler: Any) -> list[tuple[str, str]]:
    found = []
    for group in scheduler.list_schedule_groups().get("ScheduleGroups", []):
        token: str | None = None
        while True:
            request: dict[str, Any] = {"GroupName": group["Name"]}
            if token:
                request["NextToken"] = token
            page = scheduler.list_schedules(**request)
            found += [(group["Name"], s["Name"]) for s in page.get("Schedules", [])]
            token = page.get("NextToken")
            if not token:
                break
    return found


def fire_due_schedules(
    scheduler: Any, sqs: Any, now: datetime | None = None
) -> list[FiredSchedule]:
    """Run every enabled one-time schedule due by `now` whose target is an SQS queue."""
    now = now or datetime.now(UTC)
    fired = []
    for group, name in _schedules(scheduler):
        schedule = scheduler.get_schedule(GroupName=group, Name=name)
        when = due_time(
            schedule.get("ScheduleExpression", ""), schedule.get("ScheduleExpressionTimezone", "")
        )
        if schedule.get("State") != "ENABLED" or when is None or when > now:
            continue
        target = schedule["Target"]
        if not target["Arn"].startswith("arn:aws:sqs:"):
            logger.warning("schedule %s/%s: only SQS targets run locally", group, name)
            continue
        sent = sqs.send_message(
            QueueUrl=_queue_url(sqs, target["Arn"]), MessageBody=target.get("Input", "{}")
        )
        if schedule.get("ActionAfterCompletion") == "DELETE":
            scheduler.delete_schedule(GroupName=group, Name=name)
        else:
            scheduler.update_schedule(
                GroupName=group,
                Name=name,
                ScheduleExpression=schedule["ScheduleExpression"],
                FlexibleTimeWindow=schedule["FlexibleTimeWindow"],
                Target=target,
                State="DISABLED",
            )
        fired.append(FiredSchedule(group, name, target["Arn"], sent["MessageId"]))
        logger.info("schedule %s/%s fired: sent to %s", group, name, target["Arn"])
    return fired


def run_scheduler(scheduler: Any, sqs: Any, stop: threading.Event, interval: float = 1.0) -> None:
    """Fire due schedules every `interval` seconds until `stop` is set."""
    while not stop.wait(interval):
        try:
            fire_due_schedules(scheduler, sqs)
        except Exception:
            logger.exception("firing due schedules failed; trying again")
