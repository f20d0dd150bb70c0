"""The `newsroom` command, as an editor runs it, against the running local stack."""

from __future__ import annotations

import re
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from newsroom_local.client import wait_for_page
from newsroom_local.launch import StackProcess

from tests.photos import make_jpeg

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("local_stack")]

ARTICLE = """---
title: Tỉnh tổ chức Ngày hội việc làm năm 2026
summary: Hơn 1.500 vị trí việc làm được giới thiệu tới người lao động.
category: thong-bao
tags: [việc làm]
author: Phạm Minh Anh
source: Sở Lao động
photos:
  - file: ngay-hoi.jpg
    caption: Người lao động tìm hiểu thông tin tại ngày hội
---
Sáng 28/11, Ngày hội việc làm thu hút đông đảo người lao động.

![Ngày hội việc làm](ngay-hoi.jpg)
"""


def _newsroom(stack: StackProcess, role: str, *argv: str) -> subprocess.CompletedProcess[str]:
    return stack.cli(
        *argv,
        environment={"NEWSROOM_API": stack.api_url, "NEWSROOM_TOKEN": stack.token(role)},
        timeout=120,
    )


def _wait_until_gone(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while httpx.get(url, timeout=5).status_code != 404:
        assert time.monotonic() < deadline, f"{url} is still served"
        time.sleep(0.1)


def test_an_editor_publishes_a_markdown_file_and_withdraws_it(
    local_stack: StackProcess, tmp_path: Path
) -> None:
    (tmp_path / "ngay-hoi.jpg").write_bytes(make_jpeg(1200, 800))
    article_file = tmp_path / "ngay-hoi-viec-lam.md"
    article_file.write_text(ARTICLE, encoding="utf-8")

    done = _newsroom(local_stack, "editor", "publish", str(article_file), "--publish")
    assert done.returncode == 0, done.stderr
    found = re.fullmatch(r"published  (\S+)\n", done.stdout)
    assert found, done.stdout
    url = found.group(1)
    assert url.startswith(local_stack.site_url + "/thong-bao/tinh-to-chuc-ngay-hoi-viec-lam-")
    article_id = re.search(r"^id: (\w+)$", article_file.read_text(encoding="utf-8"), re.M)
    assert article_id

    wait_for_page(url, timeout=60)
    page = httpx.get(url, timeout=5).text
    assert "Tỉnh tổ chức Ngày hội việc làm năm 2026" in page
    assert "Người lao động tìm hiểu thông tin tại ngày hội" in page

    listed = _newsroom(local_stack, "reporter", "articles", "list", "--status", "published")
    assert article_id.group(1) in listed.stdout

    refused = _newsroom(local_stack, "reporter", "articles", "unpublish", article_id.group(1))
    assert refused.returncode == 1
    assert refused.stderr.startswith("newsroom: 403 Forbidden: Only editor or admin")
    assert "Traceback" not in refused.stderr

    withdrawn = _newsroom(local_stack, "editor", "articles", "unpublish", article_id.group(1))
    assert withdrawn.returncode == 0, withdrawn.stderr
    assert withdrawn.stdout.startswith("unpublished")
    _wait_until_gone(url)


def test_an_article_scheduled_with_the_cli_goes_live_when_due(
    local_stack: StackProcess, tmp_path: Path
) -> None:
    (tmp_path / "ngay-hoi.jpg").write_bytes(make_jpeg(800, 600))
    article_file = tmp_path / "hen-gio.md"
    article_file.write_text(
        ARTICLE.replace("Ngày hội việc làm năm 2026", "Ngày hội việc làm lần hai"),
        encoding="utf-8",
    )
    # Far enough ahead that a slow, busy machine still schedules it rather than publishing.
    when = (datetime.now(UTC) + timedelta(seconds=20)).replace(microsecond=0)
    done = _newsroom(local_stack, "editor", "publish", str(article_file), "--at", when.isoformat())
    assert done.returncode == 0, done.stderr
    found = re.fullmatch(r"scheduled for \d\d/\d\d/\d{4} \d\d:\d\d  (\S+)\n", done.stdout)
    assert found, done.stdout
    assert httpx.get(found.group(1), timeout=5).status_code == 404
    wait_for_page(found.group(1), timeout=60)


def test_without_api_or_token_the_cli_uses_the_local_stack(
    local_stack: StackProcess, tmp_path: Path
) -> None:
    demo = local_stack.wait_for_demo()
    done = local_stack.cli("articles", "list", timeout=120)
    assert done.returncode == 0, done.stderr
    assert re.search(rf"^{demo.id}  published ", done.stdout, re.M), done.stdout
