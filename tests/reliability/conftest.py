"""Fixtures shared with the other suites: the in-process `stack` on moto, the published
site, and the session's local stack (`local_stack`, shared with tests/e2e); and headless
Chromium, one per test process (`chromium`, the same browser as tests/browser's)."""

from __future__ import annotations

from tests.browser.conftest import chromium, published_site
from tests.e2e.conftest import local_stack
from tests.integration.conftest import stack

__all__ = ["chromium", "local_stack", "published_site", "stack"]
