"""The stores on their own, on moto's DynamoDB: articles with their photos and revisions,
listing places given without gaps, search words by block, and a snapshot of the table
that answers as the stores do."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import boto3
import pytest
from moto import mock_aws
from newsroom.aws.attributes import MAX_ITEM_BYTES
from newsroom.models.article import Article, ArticleStatus, Photo, PreparedBody
from newsroom.storage.articles import (
    ArticleNotFound,
    ItemTooLarge,
    PhotoChanged,
    RevisionNotFound,
    VersionConflict,
)
from newsroom.storage.search import BLOCK_SIZE, SearchDocument, block_of
from newsroom.storage.snapshot import TableSnapshot
from newsroom.storage.stores import SiteStores
from newsroom_local.resources import create_resources
from newsroom_local.template import load_template, resources_of_type

MOMENT = datetime(2026, 11, 27, 1, 30, tzinfo=UTC)


@pytest.fixture
def stores() -> Iterator[SiteStores]:
    """The articles table as the template declares it, alone, in moto."""
    with mock_aws():
        template = load_template()
        tables = resources_of_type(template, "AWS::DynamoDB::Table")
        only_table = {
            **template,
            "Resources": {k: v for k, v in template["Resources"].items() if k in tables},
        }
        env = create_resources(only_table)
        yield SiteStores.for_table(
            env.ref("ArticlesTable"), boto3.client("dynamodb", region_name="us-east-1")
        )


def _article(number: int = 1, **values: object) -> Article:
    fields: dict[str, object] = {
        "id": f"01m8fqfkj4y1249km2jt3hk{number:03d}",
        "slug": f"hoi-cho-{number}",
        "title": f"Hội chợ hàng Việt số {number}",
        "body": "Sáng nay, hội chợ khai mạc.",
        "category": "tin-tuc",
        "author": "Nguyễn Thị Hoa",
        "created_at": MOMENT,
        "updated_at": MOMENT,
        "created_by": "phong.vien",
        "updated_by": "phong.vien",
    }
    fields.update(values)
    return Article.model_validate(fields)


def _photo(name: str, position: int) -> Photo:
    return Photo(
        name=name, caption=f"Ảnh {name}", position=position, created_at=MOMENT, updated_at=MOMENT
    )


# -- articles ------------------------------------------------------------------------


def test_an_article_is_read_back_with_its_photos_in_their_order(stores: SiteStores) -> None:
    article = _article()
    stores.articles.create(article)
    stores.articles.put_photo(article.id, _photo("b.jpg", 1))
    stores.articles.put_photo(article.id, _photo("a.jpg", 0))

    found = stores.articles.get(article.id)
    assert found.title == "Hội chợ hàng Việt số 1"
    assert [p.name for p in found.photos] == ["a.jpg", "b.jpg"]
    with pytest.raises(ArticleNotFound):
        stores.articles.get("01m8fqfkj4y1249km2jt3hk999")


def test_a_save_over_another_version_is_refused_and_each_version_is_kept(
    stores: SiteStores,
) -> None:
    article = _article()
    stores.articles.create(article)
    second = article.model_copy(update={"version": 2, "title": "Hội chợ đã khai mạc"})
    stores.articles.save(second, expected_version=1)
    with pytest.raises(VersionConflict):
        stores.articles.save(second.model_copy(update={"version": 3}), expected_version=1)
    with pytest.raises(VersionConflict):
        stores.articles.create(article)

    revisions = stores.articles.revisions(article.id)
    assert [(r.number, r.article.title) for r in revisions] == [
        (1, "Hội chợ hàng Việt số 1"),
        (2, "Hội chợ đã khai mạc"),
    ]
    assert stores.articles.revision(article.id, 2).article.title == "Hội chợ đã khai mạc"
    with pytest.raises(RevisionNotFound):
        stores.articles.revision(article.id, 3)


def test_a_body_conversion_that_would_not_fit_is_left_out_and_nothing_is_too_large(
    stores: SiteStores,
) -> None:
    body = "Đoạn văn. " * 19_000
    prepared = PreparedBody(format=1, html="<p>" + "&quot;" * 40_000 + "</p>")
    article = _article(body=body, body_prepared=prepared)
    stores.articles.create(article)
    assert stores.articles.get(article.id).body_prepared is None
    with pytest.raises(ItemTooLarge):
        stores.articles.create(_article(2, body="x" * (MAX_ITEM_BYTES + 1)))


def test_a_photo_is_replaced_only_over_the_record_that_was_read(stores: SiteStores) -> None:
    article = _article()
    stores.articles.create(article)
    read = _photo("cau.jpg", 0)
    stores.articles.put_photo(article.id, read)
    edited = read.model_copy(update={"caption": "Cầu mới", "updated_at": MOMENT + timedelta(1)})
    stores.articles.put_photo(article.id, edited, replacing=read)
    with pytest.raises(PhotoChanged):
        stores.articles.put_photo(article.id, read, replacing=read)
    found = stores.articles.photo(article.id, "cau.jpg")
    assert found is not None and found.caption == "Cầu mới"


def test_a_revision_keeps_the_action_that_saved_it_and_its_note(stores: SiteStores) -> None:
    article = _article(status=ArticleStatus.IN_REVIEW)
    stores.articles.create(article, action="create")
    sent_back = article.model_copy(
        update={"version": 2, "status": ArticleStatus.DRAFT, "review_note": "Thêm nguồn."}
    )
    stores.articles.save(sent_back, expected_version=1, action="send_back", note="Thêm nguồn.")
    stores.articles.save(sent_back.model_copy(update={"version": 3}), expected_version=2)

    saved = stores.articles.revisions(article.id)
    assert [(r.number, r.action, r.note) for r in saved] == [
        (1, "create", ""),
        (2, "send_back", "Thêm nguồn."),
        (3, "", ""),
    ]
    assert stores.articles.revision(article.id, 2).note == "Thêm nguồn."
    assert stores.articles.get(article.id).review_note == "Thêm nguồn."


def test_deleting_an_article_removes_its_photos_and_revisions(stores: SiteStores) -> None:
    article = _article()
    stores.articles.create(article)
    stores.articles.put_photo(article.id, _photo("cau.jpg", 0))
    stores.articles.delete(article.id)
    with pytest.raises(ArticleNotFound):
        stores.articles.get(article.id)
    assert stores.articles.revisions(article.id) == []
    assert stores.articles.photo(article.id, "cau.jpg") is None


def test_published_articles_are_listed_newest_first_by_category(stores: SiteStores) -> None:
    for number in range(1, 4):
        moment = MOMENT + timedelta(hours=number)
        stores.articles.create(
            _article(
                number,
                status=ArticleStatus.PUBLISHED,
                published_at=moment,
                category="chinh-sach" if number == 2 else "tin-tuc",
            )
        )
    stores.articles.create(_article(4))  # a draft: in no listing
    site = stores.articles.latest_published()
    assert [a.title[-1] for a in site.articles] == ["3", "2", "1"]
    news = stores.articles.latest_published(category="tin-tuc")
    assert [a.title[-1] for a in news.articles] == ["3", "1"]
    drafts = stores.articles.with_status(ArticleStatus.DRAFT)
    assert [a.title[-1] for a in drafts] == ["4"]


# -- listings ------------------------------------------------------------------------


def test_places_are_given_in_order_kept_and_never_given_twice(stores: SiteStores) -> None:
    listings = stores.listings
    first = listings.claim_places("a1", {"site": "Tin mới", "category:tin-tuc": "tin-tuc"})
    second = listings.claim_places("a2", {"site": "Tin mới"}, slug="bai-hai")
    again = listings.claim_places("a1", {"site": "Tin mới", "category:tin-tuc": "tin-tuc"})
    assert first.seqs == {"site": 1, "category:tin-tuc": 1}
    assert second.seqs == {"site": 2} and second.slug == "bai-hai"
    assert again.seqs == first.seqs
    head = listings.head("site")
    assert head is not None and (head.name, head.last_seq) == ("Tin mới", 2)
    assert [h.key for h in listings.heads("category:")] == ["category:tin-tuc"]
    assert listings.placement("a2").slug == "bai-hai"
    assert listings.placement("never").seqs == {}


def test_entries_are_read_by_place_and_newest_first(stores: SiteStores) -> None:
    from newsroom.storage.listings import ListingEntry

    listings = stores.listings
    entries = []
    for seq in range(1, 31):
        listings.claim_places(f"a{seq}", {"site": "Tin mới"})
        entry = ListingEntry(
            article_id=f"a{seq}",
            seq=seq,
            path=f"/tin-tuc/bai-{seq}/",
            title=f"Bài {seq}",
            category="tin-tuc",
            published_at=MOMENT,
            updated_at=MOMENT,
        )
        entries.append(("site", entry))
    listings.write_entries(entries, [])  # more than one request's worth
    listings.write_entries([], [("site", 3)])
    assert [e.seq for e in listings.entries("site", 2, 4)] == [2, 4]
    assert [e.seq for e in listings.newest("site", 2)] == [30, 29]
    assert len(listings.entries("site", 1, 30)) == 29


# -- search words --------------------------------------------------------------------


def test_search_words_are_read_a_block_at_a_time(stores: SiteStores) -> None:
    for seq in (1, 2, BLOCK_SIZE + 1):
        stores.search.put(
            SearchDocument(
                seq=seq, title=f"Bài {seq}", path=f"/{seq}/", date="1/1/2026", terms="hoi cho"
            )
        )
    stores.search.remove(2)
    assert [d.seq for d in stores.search.block(1)] == [1]
    assert [d.seq for d in stores.search.block(block_of(BLOCK_SIZE + 1))] == [BLOCK_SIZE + 1]


# -- a snapshot answers as the stores do ---------------------------------------------


def test_a_snapshot_of_the_table_answers_as_the_stores_do(stores: SiteStores) -> None:
    from newsroom.storage.listings import ListingEntry

    article = _article(status=ArticleStatus.PUBLISHED, published_at=MOMENT)
    stores.articles.create(article)
    stores.articles.put_photo(article.id, _photo("b.jpg", 1))
    stores.articles.put_photo(article.id, _photo("a.jpg", 0))
    stores.listings.claim_places(article.id, {"site": "Tin mới"}, slug=article.slug)
    entry = ListingEntry(
        article_id=article.id,
        seq=1,
        path=article.path,
        title=article.title,
        category="tin-tuc",
        published_at=MOMENT,
        updated_at=MOMENT,
    )
    stores.listings.write_entries([("site", entry)], [])
    document = SearchDocument(
        seq=1, title=article.title, path=article.path, date="27/11/2026", terms="hoi"
    )
    stores.search.put(document)

    items = []
    client = stores.articles.client
    for page in client.get_paginator("scan").paginate(TableName=stores.articles.table_name):
        items += page["Items"]
    snapshot = TableSnapshot(items)
    assert snapshot.article_ids == [article.id]
    assert snapshot.article(article.id) == stores.articles.get(article.id)
    assert [p.name for p in snapshot.article(article.id).photos] == ["a.jpg", "b.jpg"]
    assert snapshot.placement(article.id) == stores.listings.placement(article.id)
    assert snapshot.head("site") == stores.listings.head("site")
    assert snapshot.last_seq("site") == 1 and snapshot.last_seq("tag:khong-co") == 0
    assert snapshot.entries("site", 1, 1) == stores.listings.entries("site", 1, 1)
    assert snapshot.newest("site", 5) == [entry]
    assert snapshot.search_documents(1) == stores.search.block(1) == [document]
    with pytest.raises(ArticleNotFound):
        snapshot.article("01m8fqfkj4y1249km2jt3hk999")


# -- stale files ---------------------------------------------------------------------


def test_a_stale_file_marked_again_while_rendered_stays_marked(stores: SiteStores) -> None:
    stale = stores.stale
    stale.mark(["home", "index:site", "feeds:site"])
    stale.mark(["home"])
    assert stale.publishes() == 2
    read = stale.stale()
    assert [m.name for m in read] == ["feeds:site", "home", "index:site"]
    stale.mark(["home"])  # another publish, while the render was rendering
    assert stale.clear_all(read) == 2
    assert [m.name for m in stale.stale()] == ["home"]
    stale.covered(2)
    assert stale.publishes() == 1


def test_the_last_marking_is_remembered_for_a_render_to_wait_on(stores: SiteStores) -> None:
    stale = stores.stale
    assert stale.last_marked() == 0
    before = time.time()
    stale.mark(["home"])
    first = stale.last_marked()
    assert before - 0.01 <= first <= time.time() + 0.01
    stale.covered(1)  # a render covering it does not move it
    assert stale.last_marked() == first


def test_many_stale_files_are_marked_and_cleared_in_batches(stores: SiteStores) -> None:
    names = [f"article:{n:03d}" for n in range(260)]
    stores.stale.mark(names)
    read = stores.stale.stale()
    assert [m.name for m in read] == names
    stores.stale.mark(["article:150"])
    assert stores.stale.clear_all(read) == 259
    assert [m.name for m in stores.stale.stale()] == ["article:150"]
