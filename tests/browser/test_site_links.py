"""Every link of every page of the published site leads to a page of the site, and no
page carries inline style or script the Content-Security-Policy would refuse."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
import requests

from tests.browser.conftest import PublishedSite

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SITE_URL = "http://127.0.0.1:8080"  # the base URL the test site was published with
LINKING = {
    ("a", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("form", "action"),
    ("source", "srcset"),
    ("img", "srcset"),
}


class _Links(HTMLParser):
    """The addresses a page links to, and what it holds that a strict CSP refuses."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.inline: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.inline.append(f"<{tag} {name}>")
            if value is None or (tag, name) not in LINKING:
                continue
            if name == "srcset":
                self.links += [part.split()[0] for part in value.split(",") if part.strip()]
            else:
                self.links.append(value)
        if tag == "style":
            self.inline.append("<style>")
        given = dict(attrs)
        if tag == "script" and not given.get("src") and given.get("type") != "application/ld+json":
            self.inline.append("<script> without src")


def _internal(base: str, link: str) -> str | None:
    """The site path `link` leads to from a page at `base`, or None when it leaves the site."""
    absolute = urljoin(SITE_URL + base, link)
    if not absolute.startswith(SITE_URL + "/"):
        return None
    parts = urlsplit(absolute)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_every_link_of_every_page_leads_to_a_page_of_the_site(
    published_site: PublishedSite,
) -> None:
    pages = sorted(published_site.folder.rglob("*.html"))
    assert len(pages) > 40
    wanted: dict[str, str] = {}
    inline: list[str] = []
    for file in pages:
        key = str(file.relative_to(published_site.folder))
        path = "/" + re.sub(r"(^|/)index\.html$", r"\1", key)
        parser = _Links()
        parser.feed(file.read_text(encoding="utf-8"))
        inline += [f"{key}: {found}" for found in parser.inline]
        for link in parser.links:
            target = _internal(path, link)
            if target is not None:
                wanted.setdefault(target, key)
    assert inline == []
    # Every menu target among them, the category without articles too.
    assert {"/tin-tuc/", "/chinh-sach/", "/thong-bao/", "/tim-kiem/"} <= set(wanted)
    missing = []
    with requests.Session() as session:
        for target, linked_from in sorted(wanted.items()):
            answer = session.get(published_site.page(target), timeout=10)
            if answer.status_code != 200:
                missing.append(f"{target} ({answer.status_code}, linked from {linked_from})")
    assert missing == []
    assert len(wanted) > 100


def test_a_category_without_articles_says_so_and_leads_home(
    published_site: PublishedSite,
) -> None:
    answer = requests.get(published_site.page("/chinh-sach/"), timeout=10)
    assert answer.status_code == 200
    assert "<h1>Chính sách</h1>" in answer.text
    assert "Chuyên mục “Chính sách” chưa có bài viết." in answer.text
    assert '<a href="/">trang chủ</a>' in answer.text
