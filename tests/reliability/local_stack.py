"""Driving the local stack for reliability runs: queues, the site bucket, a fresh build."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from newsroom_local.launch import StackProcess
from newsroom_local.sqs_source import LONG_POLL_SECONDS

WORK_QUEUES = ("ImagesQueue", "RenderQueue", "SiteQueue", "PublishQueue")
DEAD_LETTER_QUEUES = (
    "ImagesDeadLetterQueue",
    "RenderDeadLetterQueue",
    "SiteDeadLetterQueue",
    "PublishDeadLetterQueue",
)


def resource_name(stack: StackProcess, logical_id: str) -> str:
    """A queue's URL or a bucket's or table's name in the running stack."""
    suffix = "-" + logical_id.lower()
    if logical_id.endswith("Queue"):
        urls = stack.client("sqs").list_queues().get("QueueUrls", [])
        return next(u for u in urls if u.removesuffix(".fifo").endswith(suffix))
    if logical_id.endswith("Bucket"):
        buckets = stack.client("s3").list_buckets()["Buckets"]
        return next(b["Name"] for b in buckets if b["Name"].endswith(suffix))
    tables = stack.client("dynamodb").list_tables()["TableNames"]
    return next(t for t in tables if t.endswith(suffix))


def set_visibility(stack: StackProcess, seconds: int) -> None:
    """Failed messages come back after `seconds` instead of minutes (Lambda's timeouts)."""
    sqs = stack.client("sqs")
    for queue in WORK_QUEUES:
        sqs.set_queue_attributes(
            QueueUrl=resource_name(stack, queue), Attributes={"VisibilityTimeout": str(seconds)}
        )
    # moto gives a receive the timeout the queue had when the receive began: let the
    # pollers' long polls already waiting end first.
    time.sleep(LONG_POLL_SECONDS + 0.5)


def queue_depth(stack: StackProcess, logical_id: str) -> int:
    attributes = (
        stack.client("sqs")
        .get_queue_attributes(
            QueueUrl=resource_name(stack, logical_id),
            AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        )
        .get("Attributes", {})
    )
    return sum(int(v) for v in attributes.values())


def wait_until_drained(stack: StackProcess, timeout: float = 900) -> float:
    """Until every work queue has been empty (nothing waiting, nothing in flight) thrice;
    the monotonic time they were first seen empty for good."""
    deadline = time.monotonic() + timeout
    empty = 0
    since = time.monotonic()
    while empty < 3:
        if time.monotonic() > deadline:
            depths = {q: queue_depth(stack, q) for q in WORK_QUEUES}
            raise TimeoutError(f"queues not drained in {timeout:.0f} s: {depths}")
        seen = time.monotonic()
        if all(queue_depth(stack, q) == 0 for q in WORK_QUEUES):
            since = since if empty else seen
            empty += 1
        else:
            empty = 0
        time.sleep(1)
    return since


def newsroom(stack: StackProcess, *args: str) -> str:
    """Run the `newsroom` command against the stack; its output (it must succeed)."""
    done = stack.cli(*args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def site_bucket(stack: StackProcess) -> dict[str, bytes]:
    """The rendered pages in the site bucket (not photo renditions), key by key."""
    s3 = stack.client("s3")
    bucket = resource_name(stack, "SiteBucket")
    found = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            if not item["Key"].startswith("media/"):
                found[item["Key"]] = s3.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
    return found


def fresh_build(stack: StackProcess, out: Path) -> dict[str, bytes]:
    """`newsroom build` of the stack's database, as the site bucket should hold it."""
    newsroom(stack, "build", "--out", str(out), "--base-url", stack.site_url, "--workers", "1")
    return {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def differences(site: dict[str, bytes], built: dict[str, bytes]) -> dict[str, list[str]]:
    return {
        "missing from the bucket": sorted(set(built) - set(site)),
        "not in a fresh build": sorted(set(site) - set(built)),
        "different bytes": sorted(k for k in set(site) & set(built) if site[k] != built[k]),
    }


NO_DIFFERENCE: dict[str, list[str]] = {
    "missing from the bucket": [],
    "not in a fresh build": [],
    "different bytes": [],
}


def draft(title: str, category: str = "tin-tuc") -> dict[str, Any]:
    return {
        "title": title,
        "summary": f"Tóm tắt: {title}.",
        "body": f"Nội dung **{title}** về ngành Công Thương.\n\nĐoạn thứ hai.",
        "category": category,
        "tags": ["hội chợ"],
        "author": "Trần Văn Bình",
        "source": "Văn phòng Sở",
    }


@dataclass
class Editor:
    """An editor over HTTP who retries a 5xx or a lost answer, as the CLI does."""

    stack: StackProcess
    token: str
    statuses: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.http = httpx.Client(
            base_url=self.stack.api_url,
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=60,
        )

    def call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        key = os.urandom(8).hex()
        headers = {"Idempotency-Key": key, **kwargs.pop("headers", {})}
        for _ in range(5):
            try:
                response = self.http.request(method, path, headers=headers, **kwargs)
            except httpx.TransportError:
                continue
            with self.lock:
                self.statuses.append(response.status_code)
            if response.status_code < 500:
                return response
            time.sleep(0.2)
        return response

    def close(self) -> None:
        self.http.close()
