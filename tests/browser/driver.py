"""Debian's Chromium, headless, driven by Playwright for Python (its sync API).

One browser per test process: the first user starts it, the last one stops it (the
browser fixture is shared by more than one conftest). Each test gets a fresh context, so
nothing (cookies, storage, cache, permissions) carries over from one test to the next.
Playwright's own browser builds are never used: it launches the system's Chromium.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--hide-scrollbars",
]
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}}
PHONE: dict[str, Any] = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 1,
    "is_mobile": True,
    "has_touch": True,
}


class _SharedChromium:
    """The process's one Playwright driver and browser, counted by their users."""

    def __init__(self) -> None:
        self.playwright: Playwright | None = None
        self.browser: Browser | None = None
        self.users = 0

    def acquire(self) -> Browser:
        if self.browser is None:
            if not os.path.exists(CHROMIUM):
                pytest.fail(f"{CHROMIUM} is missing: run `make system-deps`")
            self.playwright = sync_playwright().start()
            self.browser = self.playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
        self.users += 1
        return self.browser

    def release(self) -> None:
        self.users -= 1
        if self.users == 0:
            if self.browser is not None:
                self.browser.close()
            if self.playwright is not None:
                self.playwright.stop()
            self.browser = self.playwright = None


_SHARED = _SharedChromium()


@contextmanager
def shared_chromium() -> Iterator[Browser]:
    """The process's browser, started on first use and stopped after its last user."""
    browser = _SHARED.acquire()
    try:
        yield browser
    finally:
        _SHARED.release()


@contextmanager
def fresh_page(browser: Browser, **context_options: Any) -> Iterator[Page]:
    """A tab in a context of its own (desktop size unless told otherwise)."""
    context = browser.new_context(**{**DESKTOP, **context_options})
    try:
        yield context.new_page()
    finally:
        context.close()


def collect_errors(page: Page) -> list[str]:
    """A list that fills with the page's console errors (a refusal by the
    Content-Security-Policy is one) and its uncaught exceptions, as they happen."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    return errors


def open_fully(page: Page, url: str) -> None:
    """Open `url` and scroll through it so that photos loaded lazily are loaded too."""
    page.goto(url, wait_until="load")
    page.evaluate("[...document.images].forEach(i => i.scrollIntoView())")
    page.wait_for_function("() => [...document.images].every(i => i.complete)")
    # Decoded too (they decode asynchronously), so that a screenshot shows them.
    page.evaluate("Promise.all([...document.images].map(i => i.decode().catch(() => null)))")
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_load_state("networkidle")
