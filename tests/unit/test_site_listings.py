"""Listing pages numbered from the oldest; what a change of one entry rewrites."""

from __future__ import annotations

from datetime import UTC, datetime

from newsroom.models.article import Article, ArticleStatus
from newsroom.site.listings import (
    ListingKey,
    index_links,
    listing_keys,
    numbered_links,
    page_of,
    pages_touched,
)


def _article(**values: object) -> Article:
    moment = datetime(2026, 11, 30, 18, 30, tzinfo=UTC)  # 1 December in Vietnam
    fields: dict[str, object] = {
        "id": "01m8fqfkj4y1249km2jt3hk9xd",
        "slug": "hoi-cho-3hk9xd",
        "title": "Hội chợ",
        "body": "Nội dung.",
        "category": "tin-tuc",
        "tags": ["Hội chợ", "hàng Việt", "!!!"],
        "author": "Hoa",
        "status": ArticleStatus.PUBLISHED,
        "created_at": moment,
        "updated_at": moment,
        "published_at": moment,
    }
    fields.update(values)
    return Article.model_validate(fields)


def test_an_article_is_listed_on_the_site_its_category_tags_and_month_in_vietnam() -> None:
    assert listing_keys(_article()) == {
        "site": "Tin mới",
        "category:tin-tuc": "tin-tuc",
        "month:2026-12": "Tháng 12/2026",
        "tag:hoi-cho": "Hội chợ",
        "tag:hang-viet": "hàng Việt",
    }


def test_listing_addresses() -> None:
    assert ListingKey("site").root == "/tin-moi/"
    assert ListingKey("category:tin-tuc").root == "/tin-tuc/"
    assert ListingKey("tag:hoi-cho").root == "/chu-de/hoi-cho/"
    assert ListingKey("month:2026-12").root == "/luu-tru/2026/12/"
    assert ListingKey("category:tin-tuc").page_path(3) == "/tin-tuc/trang/3/"


def test_page_one_holds_the_oldest_twenty() -> None:
    assert [page_of(seq) for seq in (1, 20, 21, 40, 41)] == [1, 1, 2, 2, 3]


def test_the_index_shows_the_two_newest_pages_and_links_to_the_one_before() -> None:
    assert index_links(ListingKey("category:tin-tuc"), 45).older == "/tin-tuc/trang/1/"
    assert index_links(ListingKey("category:tin-tuc"), 40).older == ""
    assert index_links(ListingKey("category:tin-tuc"), 61).older == "/tin-tuc/trang/2/"


def test_numbered_pages_link_to_their_neighbours_and_the_newest_to_the_index() -> None:
    middle = numbered_links(ListingKey("tag:ocop"), 2, 61)
    assert (middle.newer, middle.older) == ("/chu-de/ocop/trang/3/", "/chu-de/ocop/trang/1/")
    newest = numbered_links(ListingKey("tag:ocop"), 4, 61)
    assert (newest.newer, newest.older) == ("/chu-de/ocop/", "/chu-de/ocop/trang/3/")


def test_a_new_entry_rewrites_its_page_and_the_one_before_when_it_opens_a_page() -> None:
    assert pages_touched(45) == {3}
    assert pages_touched(41) == {3, 2}
    # Updating an old article rewrites its own page only.
    assert pages_touched(5) == {1}


def test_the_entry_that_opened_a_page_links_the_page_before_even_when_rendered_late() -> None:
    # Fifty articles placed at once: the one at place 21 may be rendered after the
    # one at 45; page 1 must still gain its link to page 2.
    assert pages_touched(21) == {2, 1}


def test_a_site_update_invalidates_each_changed_object_once() -> None:
    from newsroom.site.publisher import SiteUpdate

    update = SiteUpdate(
        written=["tin-tuc/index.html", "feed.xml", "tin-tuc/index.html"],
        removed=["tin-tuc/gia-xang-dau-giam-3hk9xd/index.html"],
    )
    assert update.changed_paths == [
        "/feed.xml",
        "/tin-tuc/gia-xang-dau-giam-3hk9xd/index.html",
        "/tin-tuc/index.html",
    ]
