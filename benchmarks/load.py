"""Load: 20 editors working at once for 60 seconds against the local stack.

Starts `newsroom dev` (no demo, temporary data directory, free ports, two workers per
function), then each editor, in its own thread, loops: create an article, correct it
(PUT with If-Match), publish it, and every third one unpublish it again. Every answer
is recorded. When time is up the queues drain, and the run checks that every article
the API accepted is in the database with the status the editor left it in, and that
every published article's page is served.

Reports: operations and their statuses (a 5xx fails the run), articles, the publish
latency (202 accepted -> page served, p50/p95/max) and the machine.

    .venv/bin/python benchmarks/load.py [--editors 20] [--seconds 60] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
from newsroom_local.launch import StackProcess

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.reliability.local_stack import draft, wait_until_drained

POLL_SECONDS = 0.25


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class EditorRun(threading.Thread):
    def __init__(self, number: int, stack: StackProcess, token: str, until: float) -> None:
        super().__init__(name=f"editor-{number}", daemon=True)
        self.number = number
        self.until = until
        self.http = httpx.Client(
            base_url=stack.api_url, headers={"Authorization": f"Bearer {token}"}, timeout=60
        )
        self.site = httpx.Client(timeout=10)
        self.statuses: Counter[str] = Counter()
        self.expected: dict[str, tuple[str, str]] = {}  # id -> (status, page url)
        self.latencies: list[float] = []

    def call(self, name: str, method: str, path: str, **kwargs: Any) -> httpx.Response | None:
        """One API request; a request the stack never answered counts as a failure."""
        try:
            response = self.http.request(method, path, **kwargs)
        except httpx.TransportError:
            self.statuses[f"{name} unanswered"] += 1
            return None
        self.statuses[f"{name} {response.status_code}"] += 1
        return response

    def page_served(self, url: str) -> bool:
        try:
            return self.site.get(url).status_code == 200
        except httpx.TransportError:
            self.statuses["page unanswered"] += 1
            return False

    def run(self) -> None:
        n = 0
        while time.monotonic() < self.until:
            n += 1
            title = f"Biên tập viên {self.number}, bài {n}"
            created = self.call("create", "POST", "/articles", json=draft(title))
            if created is None or created.status_code != 201:
                continue
            article_id = created.json()["id"]
            self.expected[article_id] = ("draft", "")
            updated = self.call(
                "update",
                "PUT",
                f"/articles/{article_id}",
                json=draft(title + " (đã sửa)"),
                headers={"If-Match": created.headers["ETag"]},
            )
            if updated is None or updated.status_code != 200:
                continue
            published = self.call("publish", "POST", f"/articles/{article_id}/publish")
            if published is None or published.status_code != 202:
                continue
            accepted = time.monotonic()
            url = published.json()["url"]
            self.expected[article_id] = ("published", url)
            while time.monotonic() < accepted + 120:
                if self.page_served(url):
                    self.latencies.append(time.monotonic() - accepted)
                    break
                # Four looks a second, as an impatient editor reloads: each look is a
                # read of the site bucket on the same local cloud the pipeline uses.
                time.sleep(POLL_SECONDS)
            if n % 3 == 0:
                answer = self.call("unpublish", "POST", f"/articles/{article_id}/unpublish")
                if answer is not None and answer.status_code == 202:
                    self.expected[article_id] = ("unpublished", url)
        self.http.close()
        self.site.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory(prefix="newsroom-load-") as directory:
        stack = StackProcess.start(
            Path(directory), demo=False, extra_args=("--workers", str(args.workers))
        )
        try:
            token = stack.token("editor")
            until = time.monotonic() + args.seconds
            editors = [EditorRun(n, stack, token, until) for n in range(args.editors)]
            started = time.monotonic()
            for editor in editors:
                editor.start()
            for editor in editors:
                editor.join()
            elapsed = time.monotonic() - started
            wait_until_drained(stack)
            statuses: Counter[str] = Counter()
            for editor in editors:
                statuses.update(editor.statuses)
            latencies = [x for e in editors for x in e.latencies]
            expected = {k: v for e in editors for k, v in e.expected.items()}
            lost, wrong = check(stack, token, expected)
            failures = [
                line
                for line in stack.output().splitlines()
                if "not answering" in line or '"level":"ERROR"' in line
            ]
        finally:
            stack.stop()
    errors = sum(c for k, c in statuses.items() if k.split()[1][0] in "5u")
    print(f"{args.editors} editors for {elapsed:.0f} s, {args.workers} workers per function")
    print(
        f"operations: {sum(statuses.values())}  "
        + ", ".join(sorted(f"{k}: {c}" for k, c in statuses.items()))
    )
    print(f"articles: {len(expected)}  lost: {len(lost)}  wrong status or page: {len(wrong)}")
    print(f"5xx or unanswered requests: {errors}")
    for line in failures[:5]:
        print(f"  stack log: {line[:300]}")
    if latencies:
        print(
            f"publish latency (202 -> page served), {len(latencies)} articles: "
            f"p50 {statistics.median(latencies):.2f} s, p95 {percentile(latencies, 0.95):.2f} s, "
            f"max {max(latencies):.2f} s"
        )
    return 1 if errors or lost or wrong or not latencies else 0


def check(
    stack: StackProcess, token: str, expected: dict[str, tuple[str, str]]
) -> tuple[list[str], list[str]]:
    """Articles the API accepted but cannot find; articles whose status or page is wrong."""
    lost, wrong = [], []
    with httpx.Client(
        base_url=stack.api_url, headers={"Authorization": f"Bearer {token}"}, timeout=30
    ) as http:
        for article_id, (status, url) in expected.items():
            answer = http.get(f"/articles/{article_id}")
            if answer.status_code != 200:
                lost.append(article_id)
                continue
            if answer.json()["status"] != status or (
                url and (httpx.get(url, timeout=10).status_code == 200) != (status == "published")
            ):
                wrong.append(article_id)
    return lost, wrong


if __name__ == "__main__":
    sys.exit(main())
