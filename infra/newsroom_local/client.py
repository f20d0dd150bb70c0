"""An editor's client of the local stack over HTTP: the demo, the tests and the benchmark use it.

It does what any client of the API does: create an article, upload its photos to
the presigned targets the API hands out (a form POST, or a PUT), wait until they are
processed (a publish is refused while a photo is not ready), publish it, and wait until
the site serves its page.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import httpx


class PageNotServed(TimeoutError):
    """The site did not serve a page within the time allowed."""


class PhotosNotProcessed(TimeoutError):
    """An article's photos were still awaiting their upload after the time allowed."""


@dataclass
class EditorClient:
    """The API as one signed-in user sees it."""

    api_url: str
    token: str
    timeout: float = 30

    def __post_init__(self) -> None:
        self.http = httpx.Client(
            base_url=self.api_url,
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=self.timeout,
        )

    def close(self) -> None:
        self.http.close()

    def create_article(self, draft: dict[str, Any]) -> dict[str, Any]:
        """`POST /articles`; the created article."""
        response = self.http.post("/articles", json=draft)
        response.raise_for_status()
        article: dict[str, Any] = response.json()
        return article

    def add_photo(
        self, article_id: str, name: str, data: bytes, caption: str = "", **fields: str
    ) -> None:
        """`POST /articles/{id}/photos`, then the bytes to the presigned target."""
        response = self.http.post(
            f"/articles/{article_id}/photos", json={"name": name, "caption": caption, **fields}
        )
        response.raise_for_status()
        upload_photo(response.json(), name, data, fields.get("content_type", "image/jpeg"))

    def wait_for_photos(
        self, article_id: str, timeout: float = 60, interval: float = 0.05
    ) -> list[dict[str, Any]]:
        """The article's photos, once none awaits its upload (each is ready or rejected:
        photos are processed as they arrive)."""
        deadline = time.monotonic() + timeout
        while True:
            response = self.http.get(f"/articles/{article_id}/photos")
            response.raise_for_status()
            photos: list[dict[str, Any]] = response.json()["photos"]
            waiting = [p["name"] for p in photos if p["status"] == "awaiting_upload"]
            if not waiting:
                return photos
            if time.monotonic() > deadline:
                raise PhotosNotProcessed(f"not processed within {timeout:.0f} s: {waiting}")
            time.sleep(interval)

    def publish(self, article_id: str) -> dict[str, Any]:
        """`POST /articles/{id}/publish`, once its photos are processed; the article as
        accepted (its `url` is the page)."""
        self.wait_for_photos(article_id)
        response = self.http.post(f"/articles/{article_id}/publish")
        response.raise_for_status()
        article: dict[str, Any] = response.json()
        return article


def upload_photo(target: dict[str, Any], name: str, data: bytes, content_type: str) -> None:
    """Send a photo's bytes where the API said: a form POST of its fields, or a PUT."""
    if target["upload_method"].upper() == "POST":
        response = httpx.post(
            target["upload_url"],
            data=target.get("upload_fields", {}),
            files={"file": (name, data, content_type)},
            timeout=60,
        )
    else:
        response = httpx.request(
            target["upload_method"],
            target["upload_url"],
            content=data,
            headers=target.get("upload_headers", {}),
            timeout=60,
        )
    response.raise_for_status()


def wait_for_page(url: str, timeout: float = 60, interval: float = 0.05) -> float:
    """Poll `url` until it answers 200; returns when (time.monotonic())."""
    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=5) as http:
        while True:
            if http.get(url).status_code == 200:
                return time.monotonic()
            if time.monotonic() > deadline:
                raise PageNotServed(f"{url} was not served within {timeout:.0f} s")
            time.sleep(interval)
