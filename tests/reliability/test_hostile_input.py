"""Hostile input: script in every text field is refused with 422 naming the field and
what would run, nothing is stored; and even where it got past the API (straight into
the database), the published page runs nothing in Chromium, however it is clicked.
Hostile titles and photo names never lead a key outside its prefix."""

from __future__ import annotations

from typing import Any

import pytest
from newsroom.site.markdown import prepare_body
from newsroom.storage.articles import ARTICLE_PK_PREFIX, ARTICLE_SK
from newsroom_local.site import response_headers
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Frame, Page, Route
from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import serving
from tests.browser.driver import fresh_page
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


# ---------------------------------------------------- output, through the site, in Chromium

VECTORS_PER_PAGE = 12
SAFE_LINK_SCHEMES = {"http:", "https:", "mailto:", "tel:"}
GRACE_MS = 500  # after the network is idle: timers and lazy loads that are still to come
REPORT_VIOLATIONS = """document.addEventListener('securitypolicyviolation', e =>
    window.reportViolation(e.violatedDirective + ' ' + (e.blockedURI || '')), true);"""


def _marker(number: int) -> str:
    return f"Mẫu số {number}."


def _swallows_what_follows(vector: str) -> bool:
    """Whether, in a body, the vector leaves nothing of the text after it (an unclosed
    `<script>` or `<style>`): such a vector goes last on its page."""
    return "Đoạn sau." not in prepare_body(vector + "\n\nĐoạn sau.").html


def _pages_of_vectors() -> list[list[int]]:
    """The vectors' numbers, a page's worth at a time, each vector where it is seen whole."""
    closed = [n for n, v in enumerate(VECTORS) if not _swallows_what_follows(v)]
    unclosed = [n for n, v in enumerate(VECTORS) if _swallows_what_follows(v)]
    pages = [closed[i : i + VECTORS_PER_PAGE] for i in range(0, len(closed), VECTORS_PER_PAGE)]
    assert len(unclosed) <= len(pages)
    for page, number in zip(pages, unclosed, strict=False):
        page.append(number)
    return pages


def _publish_from_the_database(stack: Stack, title: str, body: str) -> str:
    """Publish an article whose body was written straight into the table, past the API's
    refusal and without the conversion the API keeps with it; the page's path."""
    status, article, _ = stack.call_api("POST", "/articles", body=draft(title))
    assert status == 201, article
    stack.client("dynamodb").update_item(
        TableName=stack.env.ref("ArticlesTable"),
        Key={"pk": {"S": ARTICLE_PK_PREFIX + article["id"]}, "sk": {"S": ARTICLE_SK}},
        UpdateExpression="SET body = :body REMOVE body_prepared",
        ExpressionAttributeValues={":body": {"S": body}},
    )
    status, published, _ = stack.call_api(
        "POST", "/articles/{id}/publish", params={"id": article["id"]}
    )
    assert status == 202, published
    return "/" + str(published["url"]).split("/", 3)[3]


class ScriptWatch:
    """Everything that shows a script ran, or tried to and was stopped by the site's
    Content-Security-Policy, on the pages it watches; only the site itself is reached."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.where = ""
        self.seen: list[str] = []

    def note(self, what: str) -> None:
        self.seen.append(f"{self.where}: {what}")

    def attach(self, page: Page) -> None:
        context = page.context
        context.expose_binding("reportViolation", lambda _, text: self.note(f"CSP {text}"))
        context.add_init_script(REPORT_VIOLATIONS)
        context.route("**/*", self._only_the_site)
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.note(f"uncaught: {e}"))
        page.on("framenavigated", self._navigated)

    def _console(self, message: ConsoleMessage) -> None:
        # A link in a body may lead to a page that is not there: the 404 page's status is
        # the browser's message, not a script's.
        if not message.text.startswith("Failed to load resource: the server responded"):
            self.note(f"console {message.type}: {message.text}")

    def _dialog(self, dialog: Dialog) -> None:
        self.note(f"dialog {dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _navigated(self, frame: Frame) -> None:
        if not frame.url.startswith(self.origin + "/"):
            self.note(f"navigated to {frame.url}")

    def _only_the_site(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(self.origin + "/"):
            route.continue_()
        else:
            self.note(f"request to {url}")
            route.abort()


def _click_everything(page: Page, url: str) -> int:
    """Click every element of the body that a reader could click (every link and button
    among them), with the mouse, coming back to the page whenever a click left it; the
    number of elements clicked."""
    elements = page.locator(".article .body *")
    clicked = 0
    for number in range(elements.count()):
        if page.url.split("#")[0] != url:
            page.goto(url)
        element = elements.nth(number)
        box = element.bounding_box()
        if box is None or box["width"] == 0 or box["height"] == 0:
            continue  # not shown: nobody can click it
        try:
            # Scrolled into view, the mouse moved onto it (hover), then pressed.
            element.click(force=True, timeout=5_000)
        except PlaywrightError as error:
            raise AssertionError(f"could not click {element}: {error}") from error
        clicked += 1
    return clicked


@pytest.mark.browser
def test_bodies_that_got_past_the_api_run_nothing_on_their_pages_however_clicked(
    stack: Stack, template: dict[str, Any], chromium: Browser
) -> None:
    """Each vector is written as an article's body straight into the table (the API
    refuses it), published, rendered by the render function into the article template,
    and served by the local stack's site server with its Content-Security-Policy. In
    Chromium every element of the body that shows is clicked with the mouse: no dialog,
    no console message (a refusal by the policy is one), no policy violation, no request
    or navigation off the site, and no link to a script."""
    pages = _pages_of_vectors()
    assert sorted(n for page in pages for n in page) == list(range(len(VECTORS)))
    paths = [
        _publish_from_the_database(
            stack,
            f"Bài thử mã độc, nhóm {k}",
            "\n\n".join(f"{_marker(n)}\n\n{VECTORS[n]}" for n in numbers),
        )
        for k, numbers in enumerate(pages, start=1)
    ]
    stack.drain("ImagesFunction")
    stack.drain("RenderFunction")
    policy = response_headers(template)["Content-Security-Policy"]
    links: list[str] = []
    clicked = 0
    with serving(stack, template) as site:
        watch = ScriptWatch(site)
        for path, numbers in zip(paths, pages, strict=True):
            url = site + path
            watch.where = "vectors " + ", ".join(str(n) for n in numbers)
            with fresh_page(chromium) as page:
                watch.attach(page)
                response = page.goto(url)
                assert response is not None and response.status == 200, path
                assert response.headers["content-security-policy"] == policy
                page.wait_for_load_state("networkidle")
                # Every vector of this page is on it, in the article's body.
                text = page.locator(".article .body").inner_text()
                assert [n for n in numbers if _marker(n) not in text] == [], path
                links += page.locator(".article .body a[href]").evaluate_all(
                    "(links, safe) => links.filter(a => !safe.includes(a.protocol))"
                    ".map(a => a.href)",
                    sorted(SAFE_LINK_SCHEMES),
                )
                clicked += _click_everything(page, url)
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(GRACE_MS)
    assert clicked > len(VECTORS)
    # No link leads to a script, and nothing ran, or tried to.
    assert {"links to script": links, "script": watch.seen} == {
        "links to script": [],
        "script": [],
    }
