"""Fixtures shared with the other suites: the in-process `stack` on moto, the published
site, and the session's local stack (`local_stack`, shared with tests/e2e)."""

from tests.browser.conftest import published_site
from tests.e2e.conftest import local_stack
from tests.integration.conftest import stack

__all__ = ["local_stack", "published_site", "stack"]
