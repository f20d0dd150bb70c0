"""Templates compiled ahead of time (as the Lambda layer ships them) render the same bytes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
from newsroom.site import templating
from newsroom.site.config import load_site_config
from newsroom.site.feeds import Feed, render_rss
from newsroom.site.listings import entry_for
from newsroom.site.pages import SiteContext, render_article_page, render_not_found_page

from tests.articles import published_article


def _pages() -> list[str]:
    site = SiteContext(load_site_config(), "https://tin.example.vn")
    article = published_article(
        title="Khai mạc hội chợ <nông sản> & “OCOP”",
        body="Đoạn **mở đầu**.\n\n![Toàn cảnh](anh-1.jpg)\n\n- một\n- hai\n",
        tags=["Hội chợ", "OCOP"],
    )
    feed = Feed("Tin tức", "Tin mới", "/tin-tuc/", "/tin-tuc/rss.xml")
    pages = [render_article_page(article, site), render_not_found_page(site)]
    pages.append(render_rss(site, feed, [entry_for(article, 1)]))
    return pages


@pytest.fixture
def compiled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "compiled_templates"
    count = templating.compile_templates(folder)
    assert count == len(list(templating.TEMPLATES.iterdir())) == 16
    monkeypatch.setattr(templating, "COMPILED", folder)
    templating.environment.cache_clear()
    yield folder
    templating.environment.cache_clear()


def test_without_compiled_templates_the_sources_are_compiled_on_first_use() -> None:
    templating.environment.cache_clear()
    assert not templating.COMPILED.exists()  # the source tree never holds compiled templates
    assert isinstance(templating.environment().loader, jinja2.FileSystemLoader)


def test_compiled_templates_render_the_same_pages_without_reading_a_template(
    compiled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templating.environment.cache_clear()
    monkeypatch.setattr(templating, "COMPILED", compiled.parent / "absent")
    from_sources = _pages()
    monkeypatch.setattr(templating, "COMPILED", compiled)
    templating.environment.cache_clear()

    def no_source(*_: object) -> None:
        raise AssertionError("a template was read from its source")

    monkeypatch.setattr(jinja2.FileSystemLoader, "get_source", no_source)
    assert _pages() == from_sources
    assert "Khai mạc hội chợ &lt;nông sản&gt; &amp; “OCOP”" in from_sources[0]
