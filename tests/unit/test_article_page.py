"""The article page shows what editors typed as text, never as markup."""

from __future__ import annotations

import json
import re

import pytest
from newsroom.models.article import Article
from newsroom.site.config import load_site_config
from newsroom.site.pages import SiteContext, render_article_page

from tests.articles import published_article

HOSTILE = "<b>Giá</b> & \"xăng\" 'dầu' </script><script>alert(1)</script> <!--<script>"


def _page(article: Article) -> str:
    return render_article_page(article, SiteContext(load_site_config(), "https://tin.example.vn"))


def _visible(html: str) -> str:
    """The page without its JSON-LD, whose own escaping is checked on its own."""
    return re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.S)


@pytest.mark.parametrize("field", ["title", "summary", "author", "source", "caption"])
def test_user_text_is_escaped_wherever_the_page_shows_it(field: str) -> None:
    html = _visible(_page(published_article(**{field: HOSTILE})))
    assert "&lt;b&gt;Giá&lt;/b&gt; &amp;" in html
    assert "<b>Giá</b>" not in html
    assert "<script>alert(1)" not in html
    # Inside attributes (meta tags, alt text) quotes are escaped too.
    for tag in re.findall(r"<[^<>]*xăng[^<>]*>", html):
        assert '"xăng"' not in tag, tag


def test_the_structured_data_stays_data_whatever_the_title() -> None:
    html = _page(published_article(title=HOSTILE, author=HOSTILE))
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    assert len(blocks) == 1
    (block,) = blocks
    # Nothing in it can end the script element early or switch the parser's state.
    assert "<" not in block
    data = json.loads(block)
    article = next(item for item in data if item["@type"] == "NewsArticle")
    assert article["author"][0]["name"] == HOSTILE
    assert "<script>alert(1)" not in html


def test_the_page_shows_breadcrumb_title_byline_source_and_captioned_photo() -> None:
    html = _page(published_article())
    assert '<html lang="vi"' in html
    assert "Trang chủ" in html and "Tin tức" in html
    assert "<h1>Khai mạc hội chợ</h1>" in html
    assert "Tác giả" in html and "Nguyễn Thị Hoa" in html
    assert "Nguồn tin" in html and "Sở Công Thương" in html
    figure = re.search(r"<figure.*?</figure>", html, flags=re.S)
    assert figure is not None
    assert 'width="960"' in figure.group(0) and 'height="720"' in figure.group(0)
    assert "<figcaption" in figure.group(0) and "Toàn cảnh hội chợ" in figure.group(0)
    assert "27/11/2026" in html
