"""Lighthouse's accessibility and best-practices scores of the desk, signed in: the list of
articles and the editor of one, each at least 0.95, measured with Lighthouse's desktop
settings (the desk is a tool used at a desk, on a laptop's screen).

Lighthouse cannot sign in. So Chromium is started here with a debugging port, a person
signs in and opens the screen in its one tab (Playwright over CDP), the tab is left on
about:blank and Lighthouse (tests/desk/lighthouse_tab.mjs) loads the screen's address in
that same tab, without resetting storage: the desk signs in again from the refresh token
the tab keeps in sessionStorage, as on any reload. After the run the tab must still show
the signed-in screen, or the scores would be the sign-in form's.
"""

from __future__ import annotations

import json
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.driver import CHROMIUM, CHROMIUM_ARGS
from tests.desk.conftest import Desk, DeskUsers
from tests.desk.pages import title_field, write_article

pytestmark = [pytest.mark.e2e, pytest.mark.browser, pytest.mark.xdist_group("local_stack")]

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("lighthouse_tab.mjs")
LIGHTHOUSE = ROOT / "tests" / "browser" / "node_modules" / "lighthouse" / "core" / "index.js"
LEAST = 0.95
TITLE = "Hội chợ hàng Việt năm 2026 khai mạc tại Trung tâm Hội nghị tỉnh"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def debugged(chromium: Browser, tmp_path: Path) -> Iterator[tuple[Browser, int]]:
    """A Chromium of this test's own with a debugging port, and Playwright connected to it."""
    port = free_port()
    process = subprocess.Popen(
        [
            CHROMIUM,
            "--headless",
            *CHROMIUM_ARGS,
            f"--remote-debugging-port={port}",
            f"--user-data-dir={tmp_path / 'profile'}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/json/version", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail(f"Chromium's debugging port {port} did not answer")
                time.sleep(0.2)
        browser = chromium.browser_type.connect_over_cdp(f"http://127.0.0.1:{port}")
        yield browser, port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def lighthouse(port: int, url: str, tmp_path: Path, name: str) -> dict[str, Any]:
    if not LIGHTHOUSE.exists():
        pytest.fail("Lighthouse is missing: run `make browser-deps`")
    output = tmp_path / f"lighthouse-{name}.json"
    run = subprocess.run(
        ["node", str(SCRIPT), str(port), url, str(output)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, f"Lighthouse on {name}: {run.stderr[-3000:]}"
    result: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    print(f"{name}: {result['url']} ({result['formFactor']}): {result['scores']}")
    return result


def measure(page: Page, port: int, tmp_path: Path, name: str) -> dict[str, Any]:
    """Lighthouse on the address the tab shows, loaded again in the same tab."""
    url = page.url
    page.goto("about:blank")
    result = lighthouse(port, url, tmp_path, name)
    assert result["runtimeError"] is None, result["runtimeError"]
    assert result["formFactor"] == "desktop"
    assert result["url"] == url
    # What was measured was the signed-in screen, not the sign-in form.
    expect(page).to_have_url(url)
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
    return result


def test_list_and_editor_score_at_least_95_in_lighthouse(
    desk: Desk, desk_users: DeskUsers, debugged: tuple[Browser, int], tmp_path: Path
) -> None:
    browser, port = debugged
    context = browser.contexts[0]
    assert len(context.pages) == 1
    page = context.pages[0]
    editor = desk_users.make("editor")
    desk.sign_in(page, editor)
    write_article(
        page,
        title=TITLE,
        summary="Hơn 200 gian hàng giới thiệu sản phẩm OCOP, nông sản và hàng tiêu dùng.",
        body="Sáng 27/11, Sở Công Thương khai mạc Hội chợ hàng Việt năm 2026.\n\n"
        "## Nhiều hoạt động\n\n- Trưng bày sản phẩm OCOP",
    )
    editor_result = measure(page, port, tmp_path, "editor")
    expect(title_field(page)).to_have_value(TITLE)

    page.get_by_role("link", name="Bài viết", exact=True).click()
    expect(page.locator(".article-row").first).to_be_visible()
    list_result = measure(page, port, tmp_path, "list")
    expect(page.locator(".article-row").first).to_be_visible()

    low = {
        name: result
        for name, result in (("list", list_result), ("editor", editor_result))
        if min(result["scores"].values()) < LEAST
    }
    assert not low, "\n".join(
        f"{name}: {r['scores']}; failing: "
        + "; ".join(f"{a['category']} {a['id']} ({a['title']}) {a['score']}" for a in r["failing"])
        for name, r in low.items()
    )
