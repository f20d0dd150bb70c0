"""The preview is the real page: the article's page as the site renders it, for whoever
may read the article, never written to the site, with its addresses absolute so that
the desk's sandboxed frame shows it whole; a draft sent in the body is rendered
without being saved."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

import pytest
from newsroom.editorial import articles as editorial_articles
from newsroom.editorial import preview as editorial_preview

from tests.integration.conftest import SITE_URL, Stack
from tests.integration.editorial_helpers import (
    EDITOR,
    NO_ROLE,
    OTHER_REPORTER,
    REPORTER,
    Answer,
    act,
    api,
    create,
    draft,
    get_article,
)
from tests.photos import make_jpeg

BODY = "Hội chợ khai mạc sáng nay.\n\n![Gian hàng](gian-hang.jpg)\n\nĐoạn cuối của bài."
FROZEN = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)


class Tokens(HTMLParser):
    """A document's tags, attributes and text, every address resolved against the site
    (as a browser resolves the site's own page, at its own address)."""

    ADDRESSES = frozenset({"href", "src", "action"})

    def __init__(self, base: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base
        self.tokens: list[tuple[Any, ...]] = []

    def _value(self, name: str, value: str | None) -> str | None:
        if value is None:
            return None
        if name in self.ADDRESSES:
            return urljoin(self.base, value)
        if name == "srcset":
            candidates = (c.strip().split(" ", 1) for c in value.split(","))
            return ", ".join(" ".join([urljoin(self.base, c[0]), *c[1:]]) for c in candidates)
        return value

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(("start", tag, sorted((n, self._value(n, v)) for n, v in attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.tokens.append(("end", tag))

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.tokens.append(("text", " ".join(data.split())))


def article_element(page: str, base: str = SITE_URL) -> list[tuple[Any, ...]]:
    """The page's `<article>` element as tokens, its addresses resolved against `base`."""
    found = re.search(r"<article\b.*?</article>", page, re.S)
    assert found, "the page has no <article>"
    parser = Tokens(base + "/")
    parser.feed(found[0])
    return parser.tokens


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every save, publish and preview at the same moment: a page shows when it was
    published, and a preview shows the article as if published when it is made."""
    monkeypatch.setattr(editorial_articles, "utc_now", lambda: FROZEN)
    monkeypatch.setattr(editorial_preview, "utc_now", lambda: FROZEN)


def _preview(stack: Stack, article_id: str, claims: dict[str, Any] = EDITOR, **kw: Any) -> Answer:
    return api(
        stack, "GET", "/articles/{id}/preview", params={"id": article_id}, claims=claims, **kw
    )


def _preview_draft(
    stack: Stack, article_id: str, body: Any, claims: dict[str, Any] = REPORTER, **kw: Any
) -> Answer:
    return act(stack, "preview", article_id, claims, body, **kw)


def _with_ready_photo(stack: Stack) -> str:
    article_id = str(create(stack, REPORTER, body=BODY).body["id"])
    photo = {"name": "gian-hang.jpg", "caption": "Gian hàng"}
    form = act(stack, "photos", article_id, REPORTER, photo)
    stack.upload_photo(form.body, make_jpeg(1600, 1200))
    assert all(r == {"batchItemFailures": []} for r in stack.drain("ImagesFunction"))
    return article_id


def _site_page(stack: Stack, article: dict[str, Any]) -> str:
    key = article["url"].removeprefix(SITE_URL + "/") + "index.html"
    return stack.site_objects()[key].decode("utf-8")


def test_the_preview_of_a_draft_is_its_page_to_be_with_a_banner(stack: Stack) -> None:
    article_id = _with_ready_photo(stack)
    answer = _preview(stack, article_id, REPORTER, language=None)
    assert answer.status == 200
    assert answer.content_type == "text/html; charset=utf-8"
    assert answer.headers["Cache-Control"] == "no-store"
    assert answer.headers["X-Robots-Tag"] == "noindex"
    page = answer.body
    assert '<meta name="robots" content="noindex">' in page
    assert "Bản xem trước — chưa đăng" in page
    assert '<aside class="preview-banner" role="note"' in page
    # The site's own page: its title, its breadcrumb, its byline and its stylesheet.
    assert "<h1>Tỉnh khánh thành cầu Bến Lức mới</h1>" in page
    assert '<p class="byline">Tác giả: <span class="author">Trần Văn Nam</span></p>' in page
    stylesheet = rf'<link rel="stylesheet" href="{SITE_URL}/assets/site\.[0-9a-f]{{12}}\.css">'
    assert re.search(stylesheet, page)
    # Self-sufficient in a frame without an address: nothing is a path on the site, and
    # the photo's renditions come from the site, where processing wrote them.
    assert not re.search(r'(href|src|action)="/(?!/)', page)
    photo = rf'<img class="[^"]*" src="{SITE_URL}/media/[^"]+\.jpg" srcset="{SITE_URL}/media/'
    assert re.search(photo, page)
    assert "<script src=" not in page
    media = re.findall(rf'{SITE_URL}/(media/[^" ,]+)', page)
    site = stack.site_objects()
    assert media and all(key in site for key in media)


def test_the_preview_is_in_english_on_request(stack: Stack) -> None:
    article_id = str(create(stack, REPORTER).body["id"])
    page = _preview(stack, article_id, language="en").body
    assert "Preview — not published" in page
    assert "<h1>Tỉnh khánh thành cầu Bến Lức mới</h1>" in page


def test_the_preview_shows_the_article_as_the_site_will_serve_it(
    stack: Stack, frozen_clock: None
) -> None:
    article_id = _with_ready_photo(stack)
    before = _preview(stack, article_id).body
    stored = get_article(stack, article_id).body
    editable = ("title", "summary", "body", "category", "tags", "author", "source")
    fields = {k: stored[k] for k in editable}
    unsaved = _preview_draft(stack, article_id, fields).body
    assert act(stack, "publish", article_id, EDITOR).status == 202
    stack.drain("ImagesFunction")
    assert all(not r["batchItemFailures"] for r in stack.drain("RenderFunction"))
    published = get_article(stack, article_id).body
    served = _site_page(stack, published)
    after = _preview(stack, article_id).body

    expected = article_element(served)
    assert article_element(before) == expected
    assert article_element(unsaved) == expected
    assert article_element(after) == expected
    assert "Bản xem trước" not in served and "Preview" not in re.sub(r"<[^>]+>", "", served)


def test_a_draft_in_the_body_is_rendered_and_not_saved(stack: Stack) -> None:
    article_id = str(create(stack, REPORTER).body["id"])
    changed = draft(title="Cầu Bến Lức mới thông xe", body="Bản **sửa** chưa lưu.")
    answer = _preview_draft(stack, article_id, changed, language="vi")
    assert answer.status == 200 and answer.content_type.startswith("text/html")
    assert "<h1>Cầu Bến Lức mới thông xe</h1>" in answer.body
    assert "Bản <strong>sửa</strong> chưa lưu." in answer.body
    assert "Nội dung đang xem chưa được lưu." in answer.body
    # The address it would have once saved: its slug follows the title.
    assert f'data-url="{SITE_URL}/tin-tuc/cau-ben-luc-moi-thong-xe-' in answer.body
    stored = get_article(stack, article_id).body
    assert (stored["version"], stored["title"]) == (1, "Tỉnh khánh thành cầu Bến Lức mới")
    revisions = api(stack, "GET", "/articles/{id}/revisions", params={"id": article_id}).body
    assert len(revisions["revisions"]) == 1


def test_a_draft_that_is_not_valid_is_refused_field_by_field(stack: Stack) -> None:
    article_id = str(create(stack, REPORTER).body["id"])
    answer = _preview_draft(stack, article_id, draft(title="", category="khong-co"))
    assert answer.status == 422
    assert answer.content_type == "application/problem+json"
    assert {e["field"] for e in answer.body["errors"]} == {"title", "category"}


def test_nothing_is_written_to_the_site(stack: Stack) -> None:
    article_id = _with_ready_photo(stack)
    site = stack.site_objects()
    assert _preview(stack, article_id).status == 200
    assert _preview_draft(stack, article_id, draft(body=BODY)).status == 200
    assert stack.site_objects() == site
    queue = stack.specs["RenderFunction"].queues[0].queue_url
    attributes = stack.client("sqs").get_queue_attributes(
        QueueUrl=queue, AttributeNames=["ApproximateNumberOfMessages"]
    )
    assert attributes["Attributes"]["ApproximateNumberOfMessages"] == "0"


@pytest.mark.parametrize(
    ("claims", "status"),
    [(REPORTER, 200), (OTHER_REPORTER, 200), (EDITOR, 200), (NO_ROLE, 403), ({}, 401)],
)
def test_whoever_may_read_the_article_may_preview_it(
    stack: Stack, claims: dict[str, Any], status: int
) -> None:
    article_id = str(create(stack, REPORTER).body["id"])
    for answer in (
        _preview(stack, article_id, claims),
        _preview_draft(stack, article_id, draft(), claims),
    ):
        assert answer.status == status, answer.body
        if status != 200:
            assert answer.content_type == "application/problem+json"


def test_an_unknown_article_has_no_preview(stack: Stack) -> None:
    answer = _preview(stack, "01jdq2x3y4z5a6b7c8d9e0f1g2")
    assert answer.status == 404
    assert answer.content_type == "application/problem+json"


def test_photos_not_ready_are_named_and_an_arrived_original_is_shown(stack: Stack) -> None:
    body = (
        "Mở đầu.\n\n![Đang xử lý](dang-xu-ly.jpg)\n\n![Chưa tải](chua-tai.jpg)\n\n![Hỏng](hong.jpg)"
    )
    article_id = str(create(stack, REPORTER, body=body).body["id"])
    broken = act(stack, "photos", article_id, REPORTER, {"name": "hong.jpg"})
    stack.upload_photo(broken.body, b"not a photo")
    assert all(r == {"batchItemFailures": []} for r in stack.drain("ImagesFunction"))
    arriving = act(stack, "photos", article_id, REPORTER, {"name": "dang-xu-ly.jpg"})
    stack.upload_photo(arriving.body, make_jpeg(800, 600))  # not processed yet
    assert act(stack, "photos", article_id, REPORTER, {"name": "chua-tai.jpg"}).status == 201

    answer = _preview(stack, article_id, language="vi")
    page = answer.body
    assert "Ảnh chua-tai.jpg chưa được tải lên" in page
    assert "Ảnh dang-xu-ly.jpg đang được xử lý" in page
    assert "Ảnh hong.jpg bị từ chối" in page
    # The arrived original, from its presigned address: no size known, no srcset.
    drawn = r'<img class="[^"]*" src="([^"]+dang-xu-ly\.jpg[^"]*)" alt="Đang xử lý"'
    original = re.search(drawn, page)
    assert original and "X-Amz-Signature=" in original[1]
    assert original[1].split("/")[2] in answer.headers["Content-Security-Policy"]
    assert page.count("<figure") == 1


def test_a_long_draft_with_ten_photos_is_previewed_quickly(stack: Stack) -> None:
    names = [f"anh-{n}.jpg" for n in range(10)]
    paragraphs = [
        f"Đoạn văn thứ {n} kể về hội chợ thương mại của tỉnh, với các gian hàng nông sản, "
        "thủ công mỹ nghệ và những sản phẩm OCOP tiêu biểu của địa phương năm nay."
        for n in range(70)
    ]
    for at, name in zip(range(0, 70, 7), names, strict=True):
        paragraphs.insert(at, f"![Ảnh {name}]({name})")
    text = "\n\n".join(paragraphs)
    assert 1_900 < len(text.split()) < 2_600
    article_id = str(create(stack, REPORTER, body=text).body["id"])
    for name in names:
        form = act(stack, "photos", article_id, REPORTER, {"name": name})
        stack.upload_photo(form.body, make_jpeg(640, 480))
    assert all(r == {"batchItemFailures": []} for r in stack.drain("ImagesFunction"))
    changed = draft(body=text + "\n\nMột câu vừa gõ thêm.")
    assert _preview_draft(stack, article_id, changed).status == 200  # warm
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        answer = _preview_draft(stack, article_id, changed)
        timings.append(time.perf_counter() - started)
        assert answer.status == 200
    assert answer.body.count("<figure") == 10
    # Well under 300 ms on the server, on moto in this process (AWS answers faster).
    assert sorted(timings)[2] < 0.3, timings
