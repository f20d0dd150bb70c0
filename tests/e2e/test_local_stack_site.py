"""An article published through the API is served on the site port as CloudFront serves it."""

from __future__ import annotations

import re
import time

import httpx
import pytest
from newsroom_local.client import EditorClient, wait_for_page
from newsroom_local.launch import StackProcess

from tests.e2e.demo import demo_as_listed
from tests.photos import make_jpeg
from tests.raw_http import assert_clean_head, exchange

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("local_stack")]

TITLE = "Hội nghị kết nối cung cầu hàng hóa giữa các tỉnh năm 2026"


@pytest.fixture(scope="module")
def published(local_stack: StackProcess) -> dict[str, str]:
    editor = EditorClient(local_stack.api_url, local_stack.token("editor"))
    article = editor.create_article(
        {
            "title": TITLE,
            "summary": "Hơn 80 doanh nghiệp ký kết biên bản hợp tác tiêu thụ nông sản.",
            "body": (
                "Sáng nay, Sở Công Thương tổ chức hội nghị.\n\n![Quang cảnh hội nghị](hoi-nghi.jpg)"
            ),
            "category": "xuc-tien-thuong-mai",
            "author": "Lê Thu Hà",
            "source": "Sở Công Thương",
        }
    )
    editor.add_photo(article["id"], "hoi-nghi.jpg", make_jpeg(1200, 800), "Quang cảnh hội nghị")
    url = editor.publish(article["id"])["url"]
    editor.close()
    wait_for_page(url, timeout=60)
    return {"id": article["id"], "url": url, "path": url.removeprefix(local_stack.site_url)}


def test_the_article_page_is_served_with_its_stored_headers(
    local_stack: StackProcess, published: dict[str, str]
) -> None:
    page = httpx.get(published["url"])
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert "max-age=" in page.headers["cache-control"]
    assert f"<h1>{TITLE}</h1>" in page.text
    assert "<figcaption>Quang cảnh hội nghị</figcaption>" in page.text
    image = re.search(r'<img src="(/[^"]+)"', page.text)
    assert image
    photo = httpx.get(local_stack.site_url + image.group(1))
    assert photo.status_code == 200
    assert photo.headers["content-type"].startswith("image/")
    assert photo.headers["cache-control"] == "public, max-age=31536000, immutable"


def test_the_category_listing_and_the_home_page_link_to_it(
    local_stack: StackProcess, published: dict[str, str]
) -> None:
    # The article's own page is written first; its listings follow within moments.
    link = f'href="{published["path"]}"'
    listing = _once_it_links(local_stack.site_url + "/xuc-tien-thuong-mai/", link)
    assert listing.status_code == 200
    assert TITLE in listing.text
    assert link in listing.text
    home = _once_it_links(local_stack.site_url + "/", link)
    assert home.status_code == 200
    assert link in home.text


def _once_it_links(url: str, link: str, timeout: float = 30) -> httpx.Response:
    """The page at `url` as soon as it holds `link` (or as it is when `timeout` runs out)."""
    deadline = time.monotonic() + timeout
    while True:
        response = httpx.get(url, timeout=5)
        if link in response.text or time.monotonic() > deadline:
            return response
        time.sleep(0.1)


def test_a_directory_without_its_slash_is_redirected(
    local_stack: StackProcess, published: dict[str, str]
) -> None:
    bare = published["path"].rstrip("/")
    response = httpx.get(local_stack.site_url + bare + "?utm=zalo")
    assert response.status_code == 301
    assert response.headers["location"] == bare + "/?utm=zalo"


def test_a_missing_page_gets_the_site_404_page(local_stack: StackProcess) -> None:
    response = httpx.get(local_stack.site_url + "/tin-tuc/khong-co-bai-nay/")
    assert response.status_code == 404
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert '<html lang="vi">' in response.text


def test_a_page_not_changed_since_it_was_read_is_not_sent_again(
    local_stack: StackProcess, published: dict[str, str]
) -> None:
    first = httpx.get(published["url"])
    again = httpx.get(published["url"], headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""
    head = httpx.head(published["url"])
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == first.headers["content-length"]


def test_the_demo_article_is_published_on_first_start(local_stack: StackProcess) -> None:
    demo = local_stack.wait_for_demo()
    page = httpx.get(demo.url)
    assert page.status_code == 200
    assert "Phiên chợ nông sản và hàng Việt" in page.text
    assert page.text.count("<figcaption>") == 2
    assert f"Bài demo:      {demo.url}" in local_stack.output()
    # Written by the demo editor whose sign-in `newsroom dev` prints.
    article = demo_as_listed(local_stack, "editor")
    assert (article["created_by"], article["updated_by"]) == ("bientap@demo.local",) * 2


def test_no_request_line_sends_a_reader_elsewhere_or_adds_a_header(
    local_stack: StackProcess,
) -> None:
    for line, location in [
        (b"GET //evil.example/x HTTP/1.1", "/evil.example/x/"),
        (b"GET /\\\\evil HTTP/1.1", "/%5C%5Cevil/"),
        (b"GET /%2F%2Fevil.example/x HTTP/1.1", "/%2F%2Fevil.example/x/"),
        (
            b"GET /tin-tuc?x=%0d%0aSet-Cookie:%20a=b HTTP/1.1",
            "/tin-tuc/?x=%0d%0aSet-Cookie:%20a%3Db",
        ),
        ("GET /tim-kiem?q=CôngThương HTTP/1.1".encode(), "/tim-kiem/?q=C%C3%B4ngTh%C6%B0%C6%A1ng"),
    ]:
        answer = exchange(local_stack.site_port, line)
        assert answer.status == 301, line
        assert answer.headers("Location") == [location]
        assert_clean_head(answer)
    spaced = exchange(local_stack.site_port, "GET /tim-kiem?q=Công Thương HTTP/1.1".encode())
    assert spaced.status == 400
