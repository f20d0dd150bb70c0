"""Hostile input: script in every text field is refused with 422 naming the field and
what would run, nothing is stored; and even where it got past the API (straight into
the database), the rendered body runs nothing in Chromium. Hostile titles and photo
names never lead a key outside its prefix."""

from __future__ import annotations

import http.server
import json
import threading
import urllib.request
from typing import Any

import pytest
from newsroom.site.body import render_body

from tests.browser.chromium import Chromium, Page
from tests.integration.conftest import Stack
from tests.reliability.local_stack import draft
from tests.reliability.xss_vectors import VECTORS

ARTICLE_FIELDS = ("title", "summary", "body", "author", "source", "tags")
PHOTO_FIELDS = ("caption", "alt", "credit")


def test_there_are_more_than_a_hundred_vectors() -> None:
    assert len(set(VECTORS)) >= 100


def _count(stack: Stack) -> int:
    status, listed, _ = stack.call_api("GET", "/articles", headers={})
    assert status == 200
    return len(listed["articles"])


def test_script_in_any_article_field_gets_422_naming_the_field_and_nothing_is_stored(
    stack: Stack,
) -> None:
    refused: list[str] = []
    for field in ARTICLE_FIELDS:
        for vector in VECTORS:
            body = draft("Tin an toàn")
            body[field] = [vector] if field == "tags" else vector
            status, payload, headers = stack.call_api("POST", "/articles", body=body)
            assert status == 422, (field, vector, payload)
            assert headers["Content-Type"] == "application/problem+json"
            reasons = {e["field"].split("[")[0]: e["reason"] for e in payload["errors"]}
            assert list(reasons) == [field], (vector, payload)
            assert "not allowed" in next(iter(reasons.values()))
            refused.append(field)
    assert len(refused) == len(ARTICLE_FIELDS) * len(VECTORS)
    assert _count(stack) == 0
    assert (
        stack.client("s3").list_objects_v2(Bucket=stack.env.ref("ContentBucket"))["KeyCount"] == 0
    )


def test_script_in_a_photo_caption_alt_or_credit_gets_422(stack: Stack) -> None:
    status, article, _ = stack.call_api("POST", "/articles", body=draft("Tin có ảnh"))
    assert status == 201
    for field in PHOTO_FIELDS:
        for vector in VECTORS[::4]:
            status, payload, _ = stack.call_api(
                "POST",
                "/articles/{id}/photos",
                params={"id": article["id"]},
                body={"name": "anh.jpg", field: vector},
            )
            assert status == 422, (field, vector, payload)
            assert [e["field"] for e in payload["errors"]] == [field]
    status, photos, _ = stack.call_api("GET", "/articles/{id}/photos", params={"id": article["id"]})
    assert photos["photos"] == []


def test_ordinary_text_with_angle_brackets_and_markup_is_accepted(stack: Stack) -> None:
    body = draft("Giá tăng 5% <so với> năm ngoái")
    body["body"] = "Tỉ lệ 3:1, a < b và c > d. <b>Đậm</b>, [Sở](https://congthuong.gov.vn)."
    status, article, _ = stack.call_api("POST", "/articles", body=body)
    assert status == 201, article


@pytest.mark.parametrize(
    "name",
    [
        "../anh.jpg",
        "..\\anh.jpg",
        "a/b.jpg",
        "a\\b.jpg",
        "/etc/passwd.jpg",
        "anh\x00.jpg",
        "anh\x07.jpg",
        "anh\u202egpj.exe",
        "an\u200bh.jpg",
        "anh.jpg\u200b",
        ".htaccess.jpg",
        "anh.svg",
        "anh.jpg.html",
        "anh.php",
        "",
    ],
)
def test_photo_names_that_could_leave_the_articles_prefix_get_422(stack: Stack, name: str) -> None:
    status, article, _ = stack.call_api("POST", "/articles", body=draft("Tin ảnh"))
    status, payload, _ = stack.call_api(
        "POST", "/articles/{id}/photos", params={"id": article["id"]}, body={"name": name}
    )
    assert status == 422, payload
    assert [e["field"] for e in payload["errors"]] == ["name"]


@pytest.mark.parametrize(
    "title",
    [
        "../../../etc/passwd",
        "..\\..\\windows",
        "/ / / /",
        "a/../../b",
        "%2e%2e%2fhome",
        "Tin … ../ về \\ Sở",
    ],
)
def test_a_hostile_title_gives_a_slug_that_stays_in_its_category(stack: Stack, title: str) -> None:
    status, article, _ = stack.call_api("POST", "/articles", body=draft(title))
    if status == 422:
        assert article["errors"][0]["field"] == "title"
        return
    assert status == 201, article
    assert all(c.isalnum() or c == "-" for c in article["slug"]), article["slug"]
    status, _, _ = stack.call_api("POST", "/articles/{id}/publish", params={"id": article["id"]})
    assert status == 202
    stack.drain("ImagesFunction")
    stack.drain("RenderFunction")
    keys = list(stack.site_objects())
    page = [k for k in keys if article["slug"] in k and k.endswith("index.html")]
    assert page and all(k.startswith("tin-tuc/") for k in page), page
    assert not any(".." in k or "\\" in k or k.startswith("/") for k in keys)


# ---------------------------------------------------------------- output, in Chromium


class WatchedPage(Page):
    """A tab that records dialogs, console messages and every request it makes."""

    def __init__(self, url: str) -> None:
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.requests: list[str] = []
        super().__init__(url)
        self.send("Network.enable")

    def _event(self, message: dict[str, Any]) -> None:
        method, params = message.get("method"), message.get("params", {})
        if method == "Page.javascriptDialogOpening":
            self.dialogs.append(params.get("message", ""))
            self.socket.send(
                json.dumps(
                    {
                        "id": next(self.ids),
                        "method": "Page.handleJavaScriptDialog",
                        "params": {"accept": False},
                    }
                )
            )
        elif method == "Runtime.consoleAPICalled":
            self.console.append(str(params.get("args")))
        elif method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        super()._event(message)


def _serve(html: bytes) -> http.server.ThreadingHTTPServer:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            # No Content-Security-Policy here: the body's own cleaning is what is tested.
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(html)))
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.mark.browser
def test_bodies_that_got_past_the_api_run_nothing_in_chromium(chromium: Chromium) -> None:
    bodies = [render_body(v, [], lambda *a, **k: "")[0] for v in VECTORS]
    html = (
        "<!doctype html><html><head><meta charset=utf-8><title>x</title></head><body>"
        + "".join(f"<article>{b}</article>" for b in bodies)
        + "</body></html>"
    ).encode()
    server = _serve(html)
    request = urllib.request.Request(
        f"http://127.0.0.1:{chromium.port}/json/new?about:blank", method="PUT"
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        page = WatchedPage(json.load(response)["webSocketDebuggerUrl"])
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        page.goto(url)
        # Give timers and lazy loads a moment, and hover and click everything.
        page.evaluate(
            """(async () => {
                for (const el of document.querySelectorAll('article *')) {
                    for (const kind of ['mouseover', 'pointerenter', 'focus', 'click']) {
                        el.dispatchEvent(new Event(kind, {bubbles: true}));
                    }
                }
                await new Promise(r => setTimeout(r, 500));
            })()"""
        )
        assert page.dialogs == []
        assert page.console == []
        outside = [u for u in page.requests if not u.startswith(url) and u != "about:blank"]
        assert outside == []
    finally:
        page.close()
        server.shutdown()
        server.server_close()
