"""The portal's pages from a table's state: the home page from a bounded number of reads,
a page for every category of the configuration, an article's neighbours in its category,
listing thumbnails cropped to one shape, and the stylesheet with its typeface."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any
from xml.etree import ElementTree

import pytest
from newsroom.aws.attributes import to_item
from newsroom.models.article import Article, ArticleStatus, Photo, PhotoStatus, Rendition
from newsroom.site.assets import FONTS, STYLESHEET, all_assets, asset
from newsroom.site.config import load_site_config
from newsroom.site.listings import ListingKey, entry_for
from newsroom.site.pages import SiteContext, scrollable_tables
from newsroom.site.rebuild import part_files
from newsroom.site.renderer import SiteRenderer
from newsroom.storage.snapshot import TableSnapshot

from tests.site_table import published_items

START = datetime(2026, 11, 1, 1, 0, tzinfo=UTC)
CATEGORIES = ("tin-tuc", "hoat-dong", "xuc-tien-thuong-mai", "thong-bao")  # no "chinh-sach"


def _photo(n: int) -> Photo:
    def crop(width: int, fmt: str) -> Rendition:
        extension = "jpg" if fmt == "jpeg" else fmt
        return Rendition(
            width=width,
            height=width * 2 // 3,
            format=fmt,
            key=f"media/{n:02x}/p{n}-p4/crop-{width}x{width * 2 // 3}.{extension}",
        )

    return Photo(
        name="anh.jpg",
        status=PhotoStatus.READY,
        width=1200,
        height=1800,
        colour="#a3141b",
        renditions=[
            Rendition(width=w, height=w * 3 // 2, format=f, key=f"media/{n:02x}/p{n}-p4/{w}.{f}")
            for w in (320, 640, 960)
            for f in ("webp", "jpeg")
        ],
        crops=[crop(w, f) for w in (320, 640, 960) for f in ("webp", "jpeg")],
        created_at=START,
        updated_at=START,
    )


def _articles(count: int) -> list[Article]:
    made = []
    for n in range(count):
        moment = START + timedelta(hours=n)
        article = Article(
            id=f"01portal{n:018d}",
            slug=f"bai-viet-so-{n}",
            title=f"Bài viết số {n}",
            summary=f"Tóm tắt của bài số {n}.",
            body=f"Nội dung bài số {n}.",
            category=CATEGORIES[n % len(CATEGORIES)],
            author="Phòng Thông tin",
            status=ArticleStatus.PUBLISHED,
            created_at=moment,
            updated_at=moment,
            published_at=moment,
        )
        article.photos = [_photo(n)] if n % 3 else []
        made.append(article)
    return made


def _state(articles: list[Article]) -> TableSnapshot:
    """The table as publishing these articles in order leaves it."""
    return TableSnapshot(to_item(item) for item in published_items(articles))


class CountingState:
    """A state that counts the questions pages ask of it."""

    def __init__(self, state: TableSnapshot) -> None:
        self.state = state
        self.asked = 0

    def __getattr__(self, name: str) -> Any:
        answer = getattr(self.state, name)
        if not callable(answer):
            return answer

        def asking(*args: Any) -> Any:
            self.asked += 1
            return answer(*args)

        return asking


def _renderer(state: Any) -> SiteRenderer:
    return SiteRenderer(state, SiteContext(load_site_config(), "https://tin.example.vn"))


def test_the_home_page_has_a_lead_story_the_newest_announcements_and_category_blocks() -> None:
    html = _renderer(_state(_articles(40))).home().body.decode()
    lead = re.search(r'<article class="lead-story.*?</article>', html, re.S)
    assert lead and "Bài viết số 38" in lead.group(0)  # the newest with a photo
    assert 'fetchpriority="high"' in lead.group(0) and "crop-960x640.webp 960w" in lead.group(0)
    latest = re.search(r'<section class="latest".*?</section>', html, re.S)
    assert latest and latest.group(0).count("<li") == 5
    assert "Bài viết số 39" in latest.group(0)  # newer, without a photo: not the lead
    notices = re.search(r'<section class="announcements".*?</section>', html, re.S)
    assert notices and 'href="/thong-bao/"' in notices.group(0)
    assert notices.group(0).count("<li>") == 6
    blocks = re.findall(r'<section class="section-block".*?</section>', html, re.S)
    assert [re.search(r'href="(/[^"]+/)">', b).group(1) for b in blocks] == [  # type: ignore[union-attr]
        "/tin-tuc/",
        "/hoat-dong/",
        "/xuc-tien-thuong-mai/",
    ]
    assert "style=" not in html


def test_the_home_page_costs_the_same_reads_whatever_the_size_of_the_site() -> None:
    asked = []
    for count in (40, 400):
        state = CountingState(_state(_articles(count)))
        _renderer(state).home()
        asked.append(state.asked)
    assert asked[0] == asked[1]
    assert asked[0] <= 2 + len(load_site_config().categories)


def test_a_category_without_articles_gets_a_page_that_says_so_with_the_home_page() -> None:
    renderer = _renderer(_state(_articles(8)))
    files = {f.key: f.body.decode() for f in renderer.home_files()}
    assert set(files) == {"index.html", "chinh-sach/index.html"}
    empty = files["chinh-sach/index.html"]
    assert "<h1>Chính sách</h1>" in empty and "chưa có bài viết" in empty
    assert 'href="/chinh-sach/feed.xml"' not in empty  # no feed yet
    built = {f.key for f in part_files(renderer, "site", [])}
    assert "chinh-sach/index.html" in built
    # Nothing to say once the category has an article.
    policy = _articles(9)
    policy[8] = policy[8].model_copy(update={"category": "chinh-sach"})
    assert {f.key for f in _renderer(_state(policy)).home_files()} == {"index.html"}


def test_a_site_without_articles_has_its_feeds_empty_with_the_home_page() -> None:
    files = {f.key: f for f in _renderer(_state([])).home_files()}
    assert {"feed.xml", "atom.xml"} <= set(files)
    assert 'rel="alternate" type="application/rss+xml"' in files["index.html"].body.decode()
    rss = ElementTree.fromstring(files["feed.xml"].body)  # noqa: S314 - our own output
    assert rss.findtext("channel/title") == load_site_config().name
    assert rss.findall("channel/item") == []
    atom = ElementTree.fromstring(files["atom.xml"].body)  # noqa: S314 - our own output
    names = {"atom": "http://www.w3.org/2005/Atom"}
    assert atom.findtext("atom:title", namespaces=names) == load_site_config().name
    assert atom.findall("atom:entry", namespaces=names) == []
    assert files["feed.xml"].content_type.startswith("application/rss+xml")
    # From the first article on, the site's listing writes its feeds, with their items.
    assert not {"feed.xml", "atom.xml"} & {
        f.key for f in _renderer(_state(_articles(1))).home_files()
    }


def test_an_article_offers_the_five_before_it_and_the_three_after_it_in_its_category() -> None:
    articles = _articles(60)  # 15 a category
    renderer = _renderer(_state(articles))
    middle = articles[28]  # 8th of "tin-tuc": 7 before it, 7 after it
    html = renderer.article_page(middle.id).body.decode()  # type: ignore[union-attr]
    aside = html[html.index('<div class="article-aside">') :]
    newer, related = aside.split('id="tin-lien-quan"')
    assert re.findall(r"Bài viết số (\d+)</a>", newer) == ["40", "36", "32"]
    assert re.findall(r"Bài viết số (\d+)</a>", related) == ["24", "20", "16", "12", "8"]
    key = ListingKey.category("tin-tuc")
    around = [e.title for e in renderer.neighbour_entries(key, 8)]
    assert around == [f"Bài viết số {n}" for n in (16, 20, 24, 32, 36, 40, 44, 48)]


def test_listing_thumbnails_are_the_photos_3_2_crops_with_their_colour() -> None:
    entry = entry_for(_articles(2)[1], 1)
    thumbnail = entry.thumbnail
    assert thumbnail is not None
    assert thumbnail.src.endswith("/crop-640x426.jpg") and thumbnail.colour == "#a3141b"
    assert thumbnail.webp.split(", ")[-1].endswith("crop-960x640.webp 960w")
    assert thumbnail.jpeg.startswith("/media/01/p1-p4/crop-320x213.jpg 320w")
    # A photo processed before crops were made: the photo itself, in its own shape.
    old = _photo(1).model_copy(update={"crops": []})
    article = _articles(2)[1]
    article.photos = [old]
    fallback = entry_for(article, 1).thumbnail
    assert fallback is not None and fallback.src.endswith("/320.jpeg") and not fallback.webp


def test_the_stylesheet_names_its_fonts_by_their_content_and_they_are_small() -> None:
    css = asset(STYLESHEET).body.decode()
    fonts = [asset(name) for name in FONTS]
    for font in fonts:
        assert f"url({font.key.removeprefix('assets/')})" in css
        assert font.content_type == "font/woff2"
    assert "url(be-vietnam-pro-latin-400-normal.woff2)" not in css
    assert css.count("font-display:swap") == len(FONTS) == 4
    assert sum(len(font.body) for font in fonts) <= 100_000
    assert ".ph-200{background-color:" in css and ".tall-65{width:" in css
    assert {a.key for a in all_assets("logo.svg")} >= {f.key for f in fonts}


@pytest.mark.parametrize("nested", [False, True])
def test_a_wide_table_scrolls_in_a_box_that_takes_the_keyboards_focus(nested: bool) -> None:
    body = "<p>Bảng:</p><table><tr><td>1</td></tr></table>"
    if nested:
        body = "<table><tr><td><table><tr><td>1</td></tr></table></td></tr></table>"
    boxed = scrollable_tables(body)
    assert boxed.count('<div class="table-box" tabindex="0" role="region"') == boxed.count(
        "<table>"
    )
    assert boxed.count("</table></div>") == boxed.count("</table>")
