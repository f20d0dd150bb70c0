"""Feeds and sitemaps parse as XML whatever text the stored articles hold.

Records older than the API's character rules exist, so the feeds cannot rely on what
was accepted: any character XML 1.0 forbids (controls, lone surrogates, U+FFFE and
U+FFFF) is dropped on the way out, in the template sources and in the templates
compiled into the Lambda layer alike.
"""

from __future__ import annotations

import xml.dom.minidom
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers.expat import ExpatError

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2 import ChoiceLoader
from newsroom.site import feeds, templating
from newsroom.site.config import load_site_config
from newsroom.site.feeds import Feed, SitemapUrl
from newsroom.site.pages import SiteContext, render_article_page
from newsroom.storage.listings import ListingEntry, Thumbnail

from tests.articles import published_article

# Characters XML 1.0 forbids or discourages, and the ones markup gives a meaning to:
# drawn often, so that every run meets them rather than waiting for luck.
HOSTILE = (
    "\x00\x01\x08\x0b\x0c\x0e\x1f\x7f\x80\x85\x9f"
    "\ud800\udbff\udc00\udfff\ufdd0\ufdef\ufffe\uffff\U0001fffe\U0010ffff"
    "<>&\"']]>\t\n\r \u2028\u2029\u200b\u202e\ufeff"
)
ANY_CHARACTER = st.one_of(st.characters(exclude_categories=[]), st.sampled_from(HOSTILE))
ANY_TEXT = st.text(ANY_CHARACTER, max_size=40)
MOMENTS = st.datetimes(
    min_value=datetime(1971, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)


@st.composite
def entries(draw: st.DrawFn) -> ListingEntry:
    """A listing entry with arbitrary text in every textual field."""
    thumbnail = draw(
        st.none() | st.builds(Thumbnail, src=ANY_TEXT, width=st.just(320), height=st.just(180))
    )
    return ListingEntry(
        article_id=draw(ANY_TEXT),
        seq=draw(st.integers(min_value=1, max_value=10_000)),
        path=draw(ANY_TEXT),
        title=draw(ANY_TEXT),
        summary=draw(ANY_TEXT),
        category=draw(ANY_TEXT),
        author=draw(ANY_TEXT),
        published_at=draw(MOMENTS),
        updated_at=draw(MOMENTS),
        thumbnail=thumbnail,
    )


FEEDS = st.builds(
    Feed, title=ANY_TEXT, description=ANY_TEXT, link_path=ANY_TEXT, self_path=ANY_TEXT
)


@st.composite
def sites(draw: st.DrawFn) -> SiteContext:
    """The site, with an arbitrary name, owner and base URL."""
    config = load_site_config()
    footer = config.footer.model_copy(update={"owner": draw(ANY_TEXT)})
    changed = config.model_copy(update={"name": draw(ANY_TEXT), "footer": footer})
    return SiteContext(changed, draw(ANY_TEXT))


def _documents(site: SiteContext, feed: Feed, listed: list[ListingEntry]) -> dict[str, str]:
    newest = sorted(listed, key=lambda e: e.published_at, reverse=True)
    return {
        "rss": feeds.render_rss(site, feed, newest),
        "atom": feeds.render_atom(site, feed, newest),
        "news sitemap": feeds.render_news_sitemap(site, feeds.news_entries(newest)),
        "article sitemap": feeds.render_article_sitemap(site, newest),
        "pages sitemap": feeds.render_urlset(site, [SitemapUrl(site.absolute(feed.link_path))]),
        "sitemap index": feeds.render_sitemap_index(site, len(newest) * 700),
    }


def _parse_strictly(name: str, document: str) -> None:
    try:
        data = document.encode("utf-8")  # a lone surrogate cannot even be written
        ElementTree.fromstring(data)  # noqa: S314 - our own output, parsed to check it
        xml.dom.minidom.parseString(data)  # noqa: S318 - our own output, parsed to check it
    except (UnicodeEncodeError, ElementTree.ParseError, ExpatError) as error:
        raise AssertionError(f"the {name} does not parse: {error}\n{document!r}") from error


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(site=sites(), feed=FEEDS, listed=st.lists(entries(), max_size=4))
def test_feeds_and_sitemaps_always_parse_whatever_the_text(
    site: SiteContext, feed: Feed, listed: list[ListingEntry]
) -> None:
    for name, document in _documents(site, feed, listed).items():
        _parse_strictly(name, document)


def _hostile_entry() -> ListingEntry:
    moment = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)
    return ListingEntry(
        article_id="01jdq2x3y4z5a6b7c8d9e0f1g2",
        seq=1,
        path="/tin-tuc/khai-mac-hoi-cho/",
        title="Khai mạc\ufffe hội chợ\ud800 \x0bnông sản\uffff",
        summary="Hơn 200\x00 gian hàng.\udfff",
        category="tin-tuc",
        author="Nguyễn\ufdd0 Thị Hoa",
        published_at=moment,
        updated_at=moment,
    )


def _site() -> SiteContext:
    return SiteContext(load_site_config(), "https://tin.example.vn")


def test_forbidden_characters_are_dropped_and_the_words_kept() -> None:
    feed = Feed("Tin tức\uffff", "Tin mới", "/tin-tuc/", "/tin-tuc/rss.xml")
    rss = feeds.render_rss(_site(), feed, [_hostile_entry()])
    channel = ElementTree.fromstring(rss.encode("utf-8")).find("channel")  # noqa: S314
    assert channel is not None
    assert channel.findtext("title") == "Tin tức"
    assert channel.findtext("item/title") == "Khai mạc hội chợ nông sản"
    assert channel.findtext("item/description") == "Hơn 200 gian hàng."


@pytest.fixture
def compiled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "compiled_templates"
    templating.compile_templates(folder)
    monkeypatch.setattr(templating, "COMPILED", folder)
    templating.environment.cache_clear()
    yield folder
    templating.environment.cache_clear()


def _templates_render_clean_xml() -> None:
    """Each XML template, rendered straight from the environment, parses."""
    site = _site()
    entry = _hostile_entry()
    values = {
        "site": site.config,
        "absolute": site.absolute,
        "title": "Tin tức\uffff",
        "description": "Tin\x00 mới",
        "link": "https://tin.example.vn/tin-tuc/\ud800",
        "self_url": "https://tin.example.vn/tin-tuc/rss.xml",
        "updated": entry.updated_at,
        "entries": [entry],
        "urls": [SitemapUrl("https://tin.example.vn/\ufffe", entry.updated_at)],
        "sitemaps": ["https://tin.example.vn/\x1f"],
    }
    names = sorted(path.name for path in templating.TEMPLATES.glob("*.xml"))
    assert len(names) == 5
    for name in names:
        _parse_strictly(name, templating.render(name, **values))


def test_every_xml_template_drops_them_from_what_it_prints() -> None:
    templating.environment.cache_clear()
    _templates_render_clean_xml()


def test_templates_compiled_for_the_layer_drop_them_too(compiled: Path) -> None:
    assert isinstance(templating.environment().loader, ChoiceLoader)
    _templates_render_clean_xml()


def test_a_page_with_a_lone_surrogate_stored_can_still_be_written() -> None:
    article = published_article(title="Khai mạc\ud800 hội chợ\ufffe", summary="Tin\x0b mới")
    page = render_article_page(article, _site())
    assert "Khai mạc hội chợ" in page.encode("utf-8").decode("utf-8")


def test_a_page_loses_the_characters_and_keeps_its_shape() -> None:
    page = templating.render(
        "figure.html",
        lead=False,
        webp_srcset="",
        jpeg_srcset="",
        sizes="100vw",
        fallback={"src": "/media/a.jpg", "width": 640, "height": 480},
        alt="Cầu\ufffe mới",
        caption="Cầu <\x00b>mới",
        credit="",
        placeholder="",
    )
    assert 'alt="Cầu mới"' in page
    assert "Cầu &lt;b&gt;mới" in page
