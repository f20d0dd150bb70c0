"""A message that fails until the cause is fixed: the log says why with the article id, it
waits in the dead-letter queue, and `newsroom redrive` brings it back to be processed."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from newsroom_local.client import EditorClient, wait_for_page
from newsroom_local.launch import StackProcess

from tests.reliability.local_stack import (
    draft,
    newsroom,
    queue_depth,
    resource_name,
    set_visibility,
)

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("reliability_dlq")]


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StackProcess]:
    data_dir: Path = tmp_path_factory.mktemp("newsroom-dlq")
    with StackProcess.start(data_dir, demo=False) as running:
        set_visibility(running, 1)
        yield running


def _failure_lines(output: str, article_id: str) -> list[dict[str, object]]:
    lines = []
    for line in output.splitlines():
        if article_id in line and line.startswith("{"):
            record = json.loads(line)
            if record.get("message") == "message failed":
                lines.append(record)
    return lines


def test_a_failing_render_goes_to_the_dead_letter_queue_and_redrive_brings_it_back(
    stack: StackProcess,
) -> None:
    s3 = stack.client("s3")
    bucket = resource_name(stack, "SiteBucket")
    # The cause: the site bucket is gone (emptied and deleted).
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            s3.delete_object(Bucket=bucket, Key=item["Key"])
    s3.delete_bucket(Bucket=bucket)

    editor = EditorClient(stack.api_url, stack.token("editor"))
    try:
        article = editor.create_article(draft("Bài chờ trong hàng thư chết"))
        published = editor.publish(article["id"])
    finally:
        editor.close()

    deadline = time.monotonic() + 120
    while queue_depth(stack, "RenderDeadLetterQueue") == 0:
        assert time.monotonic() < deadline, stack.output()[-3000:]
        time.sleep(0.5)

    # Each failed delivery is logged with the article, the attempt and the reason.
    failures = _failure_lines(stack.output(), article["id"])
    assert len(failures) >= 5
    assert {f["article_id"] for f in failures} == {article["id"]}
    assert all("NoSuchBucket" in str(f["reason"]) for f in failures), failures[0]
    assert {str(f["receive_count"]) for f in failures} >= {"1", "5"}

    # The fix, then the redrive: the message is processed and the page is served.
    s3.create_bucket(Bucket=bucket)
    report = newsroom(stack, "redrive", "--queue", "render", "--lang", "vi")
    assert "render: đã chuyển 1 thông điệp từ hàng đợi thư chết về lại hàng đợi" in report
    assert f"bài {article['id']} v{published['version']}" in report
    wait_for_page(published["url"], timeout=120)
    assert queue_depth(stack, "RenderDeadLetterQueue") == 0

    # Nothing left: a second redrive moves nothing.
    assert "moved 0 message(s) in all" in newsroom(stack, "redrive", "--lang", "en")


def test_redrive_of_an_unknown_queue_says_so_in_one_line(stack: StackProcess) -> None:
    done = stack.cli("redrive", "--queue", "photos", "--lang", "vi", timeout=60)
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [
        "newsroom: không có hàng đợi 'photos': hãy dùng images, render hoặc publish"
    ]
