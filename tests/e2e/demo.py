"""The local stack's demo article, as the API lists it."""

from __future__ import annotations

from typing import Any

import httpx
from newsroom_local.launch import StackProcess


def demo_as_listed(stack: StackProcess, role: str = "reporter") -> dict[str, Any]:
    """The demo article among the published ones, as a user in `role` sees the list."""
    demo = stack.wait_for_demo()
    listed = httpx.get(
        f"{stack.api_url}/articles",
        params={"status": "published"},
        headers={"Authorization": f"Bearer {stack.token(role)}"},
        timeout=30,
    ).json()["articles"]
    (article,) = [a for a in listed if a["url"] == demo.url]
    found: dict[str, Any] = article
    return found
