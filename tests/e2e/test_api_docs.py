"""/docs of the local stack in Chromium: Swagger UI shows every operation of the API's
own description, from the API's own files, with nothing asked of any other host and
nothing refused by the page's Content-Security-Policy (as offline, or behind a proxy that
lets the API's host alone through)."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx
import pytest
from newsroom_local.launch import StackProcess

from tests.browser.driver import collect_errors, fresh_page, shared_chromium

pytestmark = [pytest.mark.e2e, pytest.mark.browser, pytest.mark.xdist_group("local_stack")]


def test_docs_shows_every_operation_and_asks_no_other_host(local_stack: StackProcess) -> None:
    document = httpx.get(f"{local_stack.api_url}/openapi.json", timeout=30).json()
    operations = sum(len(methods) for methods in document["paths"].values())
    api_host = urlsplit(local_stack.api_url).netloc
    with shared_chromium() as browser, fresh_page(browser) as page:
        asked: list[str] = []
        page.on("request", lambda request: asked.append(request.url))
        errors = collect_errors(page)
        answer = page.goto(f"{local_stack.api_url}/docs", wait_until="load")
        assert answer is not None and answer.status == 200
        policy = answer.headers["content-security-policy"]
        assert "script-src 'self';" in policy and "default-src 'none'" in policy
        page.wait_for_selector(".opblock", timeout=30_000)
        page.wait_for_load_state("networkidle")
        shown = page.locator(".opblock").count()
        assert shown == operations >= 17
        assert page.locator(".opblock-summary-path", has_text="/docs/{file}").count() == 1
        assert page.locator(".info .title").inner_text().startswith(document["info"]["title"])
    hosts = {urlsplit(url).netloc for url in asked if not url.startswith("data:")}
    assert hosts == {api_host}, asked
    assert any(url.endswith("/openapi.json") for url in asked)
    assert errors == []
