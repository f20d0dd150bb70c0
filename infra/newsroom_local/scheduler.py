"""EventBridge Scheduler, locally: fire the one-time schedules that are due.

moto stores schedules but never runs them. `fire_due_schedules` does what the
service does when an `at(...)` schedule comes due: it performs the target's action
(for an SQS queue ARN, `SendMessage` with the target's `Input`), then deletes the
schedule (`ActionAfterCompletion: DELETE`) or disables it; schedules due together
are fired together, as the service does at the minute they share. `run_scheduler` does
that every `interval` seconds until stopped (the local stack runs it in a thread); it
lists the schedules at each look but reads only those that are new or changed since.
"""

from __future__ import annotations

import logging
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
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


# A schedule as listed: its group, its name, and when it was made and last changed (a
# schedule read before is not read again until one of those changes).
Listed = tuple[str, str, Any, Any]


def _schedules(scheduler: Any) -> list[Listed]:
    found = []
    for group in scheduler.list_schedule_groups().get("ScheduleGroups", []):
        token: str | None = None
        while True:
            request: dict[str, Any] = {"GroupName": group["Name"]}
            if token:
                request["NextToken"] = token
            page = scheduler.list_schedules(**request)
            found += [
                (group["Name"], s["Name"], s.get("CreationDate"), s.get("LastModificationDate"))
                for s in page.get("Schedules", [])
            ]
            token = page.get("NextToken")
            if not token:
                break
    return found


@dataclass
class Schedules:
    """What the scheduler knows between two looks: each schedule as last read, and the
    queue URL of each target (a look reads only the schedules that are new or changed)."""

    read: dict[Listed, dict[str, Any]] = field(default_factory=dict)
    queue_urls: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def current(self, scheduler: Any) -> list[dict[str, Any]]:
        """Every schedule there is now, each read again only when new or changed."""
        listed = _schedules(scheduler)
        for key in listed:
            if key not in self.read:
                self.read[key] = scheduler.get_schedule(GroupName=key[0], Name=key[1])
        kept = set(listed)
        self.read = {key: schedule for key, schedule in self.read.items() if key in kept}
        return [self.read[key] for key in listed]

    def queue_url(self, sqs: Any, queue_arn: str) -> str:
        with self.lock:
            if queue_arn not in self.queue_urls:
                self.queue_urls[queue_arn] = _queue_url(sqs, queue_arn)
            return self.queue_urls[queue_arn]


FIRING_THREADS = 8  # due schedules fired at once, as the service fires a minute's together


def fire_due_schedules(
    scheduler: Any,
    sqs: Any,
    now: datetime | None = None,
    known: Schedules | None = None,
) -> list[FiredSchedule]:
    """Run every enabled one-time schedule due by `now` whose target is an SQS queue
    (those due together at once); `known` keeps what was read for the next call."""
    now = now or datetime.now(UTC)
    known = known or Schedules()
    due = []
    for schedule in known.current(scheduler):
        when = due_time(
            schedule.get("ScheduleExpression", ""), schedule.get("ScheduleExpressionTimezone", "")
        )
        if schedule.get("State") != "ENABLED" or when is None or when > now:
            continue
        if not schedule["Target"]["Arn"].startswith("arn:aws:sqs:"):
            logger.warning(
                "schedule %s/%s: only SQS targets run locally",
                schedule["GroupName"],
                schedule["Name"],
            )
            continue
        due.append(schedule)
    if not due:
        return []
    with ThreadPoolExecutor(min(FIRING_THREADS, len(due))) as pool:
        return list(pool.map(lambda schedule: _fire(scheduler, sqs, known, schedule), due))


def _fire(scheduler: Any, sqs: Any, known: Schedules, schedule: dict[str, Any]) -> FiredSchedule:
    group, name, target = schedule["GroupName"], schedule["Name"], schedule["Target"]
    sent = sqs.send_message(
        QueueUrl=known.queue_url(sqs, target["Arn"]), MessageBody=target.get("Input", "{}")
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
    logger.info("schedule %s/%s fired: sent to %s", group, name, target["Arn"])
    return FiredSchedule(group, name, target["Arn"], sent["MessageId"])


def run_scheduler(scheduler: Any, sqs: Any, stop: threading.Event, interval: float = 1.0) -> None:
    """Fire due schedules every `interval` seconds until `stop` is set."""
    known = Schedules()
    while not stop.wait(interval):
        try:
            fire_due_schedules(scheduler, sqs, known=known)
        except Exception:
            logger.exception("firing due schedules failed; trying again")
