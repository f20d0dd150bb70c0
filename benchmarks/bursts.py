"""Bursts on the local stack: 50 publishes sent at once, and 100 articles scheduled for the
same minute.

Starts `newsroom dev` (no demo, temporary data directory, free ports, two workers per
function), then:

1. a single publish, for reference: the shared files it writes;
2. 50 publishes sent at once: the time from the first request to the last article's
   page served, and the shared files written for the whole burst, against the single
   publish's;
3. 100 articles scheduled for the same minute: the time from that minute until every
   article's page is served and every queue is drained (each article then in every
   listing it belongs to), checked against a fresh `newsroom build`.

Shared files written are read from the render function's log lines ("stale files
rendered ... written"). Exits 1 when anything is lost or the bucket differs from a fresh
build; with `--check`, also when a timing target is missed (`make load` reports the
timings without judging them: the machine running it may be busy with other work).

    .venv/bin/python benchmarks/bursts.py [--burst 50] [--scheduled 100] [--check]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from newsroom_local.launch import StackProcess

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.reliability.local_stack import (
    NO_DIFFERENCE,
    differences,
    draft,
    fresh_build,
    site_bucket,
    wait_until_drained,
)

BURST_TARGET_SECONDS = 15.0
SHARED_FILES_TARGET = 5.0  # times a single publish's
SCHEDULED_TARGET_SECONDS = 30.0
_WRITTEN = re.compile(r'"message":"stale files rendered".*?"written":(\d+)')


def shared_files_written(log: str) -> int:
    """Files the renders of stale files have written so far, from the stack's log."""
    return sum(int(n) for n in _WRITTEN.findall(log))


def shared_renders(log: str) -> int:
    """How many renders of stale files have written something so far."""
    return sum(1 for n in _WRITTEN.findall(log) if int(n))


class Newsroom:
    """An editor's HTTP client on the stack."""

    def __init__(self, stack: StackProcess) -> None:
        self.stack = stack
        self.api = httpx.Client(
            base_url=stack.api_url,
            headers={"Authorization": f"Bearer {stack.token('editor')}"},
            timeout=120,
        )
        self.site = httpx.Client(timeout=10)

    def create(self, title: str) -> tuple[str, str]:
        answer = self.api.post("/articles", json=draft(title, "chinh-sach"))
        answer.raise_for_status()
        return str(answer.json()["id"]), str(answer.json()["url"])

    def publish(self, article_id: str, at: datetime | None = None) -> None:
        body = {"publish_at": at.isoformat()} if at else None
        answer = self.api.post(f"/articles/{article_id}/publish", json=body)
        if answer.status_code != 202:
            raise RuntimeError(f"publish answered {answer.status_code}: {answer.text}")

    def wait_served(self, urls: list[str], timeout: float = 300) -> float:
        """Look at every page still missing twice a second until all are served; the
        monotonic time the last one was (each look reads the site bucket on the same
        local cloud the pipeline uses, so looking harder would slow what is measured)."""
        pending = set(urls)
        deadline = time.monotonic() + timeout
        while pending:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{len(pending)} pages not served in {timeout:.0f} s")
            for url in list(pending):
                if self.site.get(url).status_code == 200:
                    pending.discard(url)
            if pending:
                time.sleep(0.5)
        return time.monotonic()


def single(newsroom: Newsroom) -> int:
    before = shared_files_written(newsroom.stack.output())
    article_id, url = newsroom.create("Một bài đăng một mình")
    newsroom.publish(article_id)
    newsroom.wait_served([url])
    wait_until_drained(newsroom.stack)
    return shared_files_written(newsroom.stack.output()) - before


def burst(newsroom: Newsroom, count: int) -> tuple[float, int, int]:
    with ThreadPoolExecutor(10) as pool:
        made = list(
            pool.map(newsroom.create, [f"Tin bão số 9, cập nhật {n}" for n in range(count)])
        )
    log = newsroom.stack.output()
    before, renders = shared_files_written(log), shared_renders(log)
    started = time.monotonic()
    with ThreadPoolExecutor(count) as pool:
        list(pool.map(newsroom.publish, [article_id for article_id, _ in made]))
    last = newsroom.wait_served([url for _, url in made])
    wait_until_drained(newsroom.stack)
    log = newsroom.stack.output()
    return last - started, shared_files_written(log) - before, shared_renders(log) - renders


def scheduled(newsroom: Newsroom, count: int, out: Path) -> tuple[float, float]:
    made = [newsroom.create(f"Lịch đăng buổi sáng, bài {n}") for n in range(count)]
    # The minute after the schedules are all made (at least 20 s ahead).
    now = datetime.now(UTC)
    due = (now + timedelta(seconds=80)).replace(second=0, microsecond=0)
    threads = [threading.Thread(target=newsroom.publish, args=(i, due)) for i, _ in made]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wait = (due - datetime.now(UTC)).total_seconds()
    if wait < 5:
        raise RuntimeError("scheduling took too long: the minute came before it was done")
    time.sleep(max(0.0, wait - 1))
    due_monotonic = time.monotonic() + (due - datetime.now(UTC)).total_seconds()
    last_page = newsroom.wait_served([url for _, url in made])
    drained = wait_until_drained(newsroom.stack)
    site = site_bucket(newsroom.stack)
    built = fresh_build(newsroom.stack, out)
    if differences(site, built) != NO_DIFFERENCE:
        raise AssertionError(f"the bucket is not a fresh build: {differences(site, built)}")
    return last_page - due_monotonic, drained - due_monotonic


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--burst", type=int, default=50)
    parser.add_argument("--scheduled", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load average {load:.1f}")
    missed = []
    with tempfile.TemporaryDirectory(prefix="newsroom-bursts-") as directory:
        stack = StackProcess.start(
            Path(directory), demo=False, extra_args=("--workers", str(args.workers))
        )
        try:
            newsroom = Newsroom(stack)
            one = single(newsroom)
            print(f"one publish alone: {one} shared files written")
            seconds, written, renders = burst(newsroom, args.burst)
            ratio = written / max(one, 1)
            print(
                f"{args.burst} publishes at once: last page served after {seconds:.1f} s "
                f"(target <= {BURST_TARGET_SECONDS:.0f} s); {written} shared files written "
                f"by {renders} render{'' if renders == 1 else 's'}, {ratio:.1f}x one publish's "
                f"(target <= {SHARED_FILES_TARGET:.0f}x)"
            )
            if seconds > BURST_TARGET_SECONDS or ratio > SHARED_FILES_TARGET:
                missed.append("burst")
            pages, drained = scheduled(newsroom, args.scheduled, Path(directory) / "built")
            print(
                f"{args.scheduled} articles scheduled for one minute: every page served "
                f"{pages:.1f} s after it, every listing {drained:.1f} s after it "
                f"(target <= {SCHEDULED_TARGET_SECONDS:.0f} s); the bucket equals a fresh build"
            )
            if drained > SCHEDULED_TARGET_SECONDS:
                missed.append("scheduled")
        finally:
            stack.stop()
    if missed:
        print(f"missed: {', '.join(missed)}", file=sys.stderr)
        return 1 if args.check else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
