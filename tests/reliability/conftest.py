"""Fixtures shared with the other suites: the in-process `stack` on moto, the published site."""

from tests.browser.conftest import published_site
from tests.integration.conftest import stack

__all__ = ["published_site", "stack"]
