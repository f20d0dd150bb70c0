"""An article's photos through the editorial functions, on moto: asking for an upload form,
changing a caption, removing a photo, putting the photos in another order, and what that
means for a live article."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from newsroom.editorial.articles import (
    article_revisions,
    create_article,
    publish_article,
    read_article,
    unpublish_article,
)
from newsroom.editorial.errors import EditorialError, Forbidden, NotFound, PreconditionFailed
from newsroom.editorial.newsroom import Newsroom
from newsroom.editorial.photos import (
    PhotoOrderRefused,
    delete_photo,
    list_photos,
    order_photos,
    request_photo_upload,
    update_photo,
)
from newsroom.i18n import say
from newsroom.models.article import MAX_PHOTOS, Article, PhotoStatus
from newsroom.models.caller import Caller
from newsroom.models.editorial import PhotoChanges, PhotoUploadRequest
from newsroom.site.listings import lead_photo
from newsroom.storage.articles import PhotoChanged
from newsroom.storage.buckets import MAX_PHOTO_BYTES

from tests.unit.editorial_newsroom import (
    EDITOR,
    OTHER_REPORTER,
    REPORTER,
    draft,
    newsroom_on_moto,  # noqa: F401 - the fixture `newsroom`
    renders_asked,
)

FORM_LIFETIME = 900


def _photo(name: str = "cau.jpg", **fields: Any) -> PhotoUploadRequest:
    return PhotoUploadRequest.model_validate(
        {"name": name, "caption": "Cầu Bến Lức mới nhìn từ trên cao", **fields}
    )


def _with_photo(newsroom: Newsroom, name: str = "cau.jpg") -> Article:
    article = create_article(newsroom, draft(), by=REPORTER)
    request_photo_upload(newsroom, article.id, _photo(name), expires_in=FORM_LIFETIME, by=REPORTER)
    return read_article(newsroom, article.id, by=REPORTER)


def _policy(fields: dict[str, str]) -> dict[str, Any]:
    policy: dict[str, Any] = json.loads(base64.b64decode(fields["policy"]))
    return policy


def test_a_photo_gets_a_form_that_uploads_only_its_type_and_size_to_a_key_of_its_own(
    newsroom: Newsroom,
) -> None:
    article = create_article(newsroom, draft(), by=REPORTER)
    added = request_photo_upload(
        newsroom,
        article.id,
        _photo(content_type="image/png", alt="Cây cầu bắc qua sông"),
        expires_in=FORM_LIFETIME,
        by=REPORTER,
    )
    assert added.photo.status is PhotoStatus.AWAITING_UPLOAD
    assert (added.photo.caption, added.photo.alt) == (
        "Cầu Bến Lức mới nhìn từ trên cao",
        "Cây cầu bắc qua sông",
    )
    assert added.upload.method == "POST"
    assert newsroom.content_bucket.name in added.upload.url
    key = added.upload.fields["key"]
    assert key == f"originals/{article.id}/{added.photo.upload_id}/cau.jpg"
    assert added.upload.fields["Content-Type"] == "image/png"
    conditions = _policy(added.upload.fields)["conditions"]
    assert ["content-length-range", 1, MAX_PHOTO_BYTES] in conditions
    assert {"Content-Type": "image/png"} in conditions
    assert [p.name for p in list_photos(newsroom, article.id, by=EDITOR)] == ["cau.jpg"]
    assert renders_asked(newsroom) == []


def test_asking_again_for_the_same_name_gives_a_new_form_and_keeps_the_photos_place(
    newsroom: Newsroom,
) -> None:
    article = _with_photo(newsroom, "dau.jpg")
    request_photo_upload(newsroom, article.id, _photo("sau.jpg"), expires_in=60, by=REPORTER)
    first = list_photos(newsroom, article.id, by=REPORTER)[0]
    again = request_photo_upload(
        newsroom, article.id, _photo("dau.jpg", caption="Ảnh chụp lại"), expires_in=60, by=EDITOR
    )
    assert again.photo.position == first.position == 0
    assert again.photo.upload_id != first.upload_id
    assert again.photo.created_at == first.created_at
    photos = list_photos(newsroom, article.id, by=REPORTER)
    assert [(p.name, p.caption) for p in photos] == [
        ("dau.jpg", "Ảnh chụp lại"),
        ("sau.jpg", "Cầu Bến Lức mới nhìn từ trên cao"),
    ]


def test_an_article_holds_at_most_fifty_photos(newsroom: Newsroom) -> None:
    article = create_article(newsroom, draft(), by=REPORTER)
    for number in range(MAX_PHOTOS):
        request_photo_upload(
            newsroom, article.id, _photo(f"anh-{number}.jpg"), expires_in=60, by=REPORTER
        )
    with pytest.raises(EditorialError) as refused:
        request_photo_upload(newsroom, article.id, _photo("thua.jpg"), expires_in=60, by=REPORTER)
    assert refused.value.status == 422
    assert refused.value.detail == "An article has at most 50 photos."
    # Replacing one of the fifty is still possible.
    replaced = request_photo_upload(
        newsroom, article.id, _photo("anh-7.jpg"), expires_in=60, by=REPORTER
    )
    assert replaced.photo.position == 7


def test_a_caption_changed_on_a_draft_is_saved_without_a_new_version(
    newsroom: Newsroom,
) -> None:
    article = _with_photo(newsroom)
    changed = update_photo(
        newsroom,
        article.id,
        "cau.jpg",
        PhotoChanges(caption="Cầu về đêm", credit="Ảnh: Lê Minh"),
        by=REPORTER,
    )
    assert (changed.caption, changed.credit, changed.alt) == ("Cầu về đêm", "Ảnh: Lê Minh", "")
    after = read_article(newsroom, article.id, by=REPORTER)
    assert after.version == article.version
    assert after.photos == [changed]
    assert renders_asked(newsroom) == []


def test_a_caption_changed_on_a_live_article_saves_a_version_and_renders_its_page(
    newsroom: Newsroom,
) -> None:
    article = publish_article(newsroom, _with_photo(newsroom).id, by=EDITOR, force=True)
    renders_asked(newsroom)
    update_photo(newsroom, article.id, "cau.jpg", PhotoChanges(caption="Cầu về đêm"), by=EDITOR)
    after = read_article(newsroom, article.id, by=EDITOR)
    assert after.version == article.version + 1
    assert after.updated_by == "bien.tap"
    assert after.photos[0].caption == "Cầu về đêm"
    assert renders_asked(newsroom) == [(article.id, after.version)]


def test_a_photo_removed_is_gone_and_a_live_page_follows(newsroom: Newsroom) -> None:
    draft_article = _with_photo(newsroom)
    delete_photo(newsroom, draft_article.id, "cau.jpg", by=REPORTER)
    assert read_article(newsroom, draft_article.id, by=REPORTER).photos == []
    assert renders_asked(newsroom) == []

    live = publish_article(newsroom, _with_photo(newsroom).id, by=EDITOR, force=True)
    renders_asked(newsroom)
    delete_photo(newsroom, live.id, "cau.jpg", by=EDITOR)
    after = read_article(newsroom, live.id, by=EDITOR)
    assert after.photos == []
    assert renders_asked(newsroom) == [(live.id, after.version)]


def test_a_photo_that_is_not_there_is_not_found_and_the_others_are_named(
    newsroom: Newsroom,
) -> None:
    article = _with_photo(newsroom)
    with pytest.raises(NotFound) as missing:
        update_photo(newsroom, article.id, "khac.jpg", PhotoChanges(caption="x"), by=REPORTER)
    assert missing.value.detail == (
        "The article has no photo named 'khac.jpg' (its photos: cau.jpg)."
    )
    with pytest.raises(NotFound):
        delete_photo(newsroom, article.id, "khac.jpg", by=REPORTER)
    with pytest.raises(NotFound) as no_article:
        list_photos(newsroom, "01m8fqsj12cyzdgt56pfrapd1g", by=REPORTER)
    assert no_article.value.detail == "No article has the id '01m8fqsj12cyzdgt56pfrapd1g'."


def test_a_reporter_changes_only_the_photos_of_its_own_drafts(newsroom: Newsroom) -> None:
    article = _with_photo(newsroom)
    with pytest.raises(Forbidden) as refused:
        request_photo_upload(
            newsroom, article.id, _photo("khac.jpg"), expires_in=60, by=OTHER_REPORTER
        )
    assert "this article was written by phong.vien" in refused.value.detail
    with pytest.raises(Forbidden):
        update_photo(newsroom, article.id, "cau.jpg", PhotoChanges(caption="x"), by=OTHER_REPORTER)
    with pytest.raises(Forbidden):
        delete_photo(newsroom, article.id, "cau.jpg", by=OTHER_REPORTER)

    publish_article(newsroom, article.id, by=EDITOR, force=True)
    unpublish_article(newsroom, article.id, by=EDITOR)
    with pytest.raises(Forbidden) as not_a_draft:
        delete_photo(newsroom, article.id, "cau.jpg", by=REPORTER)
    assert not_a_draft.value.detail == (
        "A reporter may only change drafts; this article is unpublished. Ask an editor."
    )
    assert [p.name for p in list_photos(newsroom, article.id, by=OTHER_REPORTER)] == ["cau.jpg"]


# -- the photos' order -----------------------------------------------------------------------


def _with_photos(newsroom: Newsroom, *names: str, ready: bool = False) -> Article:
    """A reporter's draft with these photos, in this order (ready ones: as if processed)."""
    article = create_article(newsroom, draft(), by=REPORTER)
    for name in names:
        request_photo_upload(newsroom, article.id, _photo(name), expires_in=60, by=REPORTER)
    if ready:
        for photo in read_article(newsroom, article.id, by=REPORTER).photos:
            ready_photo = photo.model_copy(update={"status": PhotoStatus.READY})
            newsroom.article_store.put_photo(article.id, ready_photo)
    return read_article(newsroom, article.id, by=REPORTER)


def _names(article: Article) -> list[str]:
    return [p.name for p in article.photos]


def test_the_photos_order_is_saved_as_a_new_version_whose_revision_says_photos(
    newsroom: Newsroom,
) -> None:
    article = _with_photos(newsroom, "cau.jpg", "le-cat-bang.jpg", "xe.png")
    order = ["xe.png", "cau.jpg", "le-cat-bang.jpg"]
    ordered = order_photos(
        newsroom, article.id, order, expected_version=article.version, by=REPORTER
    )
    assert ordered.version == article.version + 1
    assert ordered.updated_by == "phong.vien"
    assert _names(ordered) == order
    assert [p.position for p in ordered.photos] == [0, 1, 2]
    again = read_article(newsroom, article.id, by=EDITOR)
    assert (again.version, _names(again)) == (ordered.version, order)
    assert [p.name for p in list_photos(newsroom, article.id, by=EDITOR)] == order
    latest = article_revisions(newsroom, article.id, by=EDITOR)[-1]
    assert (latest.number, latest.action, latest.saved_by) == (
        ordered.version,
        "photos",
        "phong.vien",
    )
    # A draft is on no page: nothing is rendered.
    assert renders_asked(newsroom) == []


def test_the_order_the_article_already_has_is_no_new_version(newsroom: Newsroom) -> None:
    article = _with_photos(newsroom, "cau.jpg", "xe.png")
    same = order_photos(
        newsroom, article.id, ["cau.jpg", "xe.png"], expected_version=article.version, by=EDITOR
    )
    assert same.version == article.version
    assert same.updated_by == "phong.vien"
    assert len(article_revisions(newsroom, article.id, by=EDITOR)) == article.version
    none = create_article(newsroom, draft(), by=REPORTER)
    assert order_photos(newsroom, none.id, [], expected_version=1, by=REPORTER).version == 1


def test_an_order_given_over_a_stale_version_is_refused_and_nothing_moves(
    newsroom: Newsroom,
) -> None:
    article = _with_photos(newsroom, "cau.jpg", "xe.png")
    order_photos(
        newsroom, article.id, ["xe.png", "cau.jpg"], expected_version=article.version, by=REPORTER
    )
    with pytest.raises(PreconditionFailed) as stale:
        order_photos(
            newsroom,
            article.id,
            ["cau.jpg", "xe.png"],
            expected_version=article.version,
            by=REPORTER,
        )
    assert stale.value.status == 412
    assert stale.value.detail.startswith(
        f"The article is at version {article.version + 1}, not {article.version}"
    )
    assert _names(read_article(newsroom, article.id, by=REPORTER)) == ["xe.png", "cau.jpg"]


@pytest.mark.parametrize(
    ("order", "english", "vietnamese"),
    [
        (["xe.png", "cau.jpg"], "leaves out le-cat-bang.jpg", "Thứ tự ảnh thiếu le-cat-bang.jpg"),
        (
            ["xe.png", "cau.jpg", "le-cat-bang.jpg", "khac.jpg"],
            "names khac.jpg, which the article does not have",
            "Thứ tự ảnh có khac.jpg, không phải ảnh của bài này",
        ),
        (
            ["xe.png", "cau.jpg", "le-cat-bang.jpg", "cau.jpg"],
            "names cau.jpg more than once",
            "Thứ tự ảnh nêu cau.jpg nhiều lần",
        ),
        (
            ["cau.jpg", "cau.jpg", "khac.jpg"],
            "leaves out le-cat-bang.jpg, xe.png; names khac.jpg, which the article does not "
            "have; names cau.jpg more than once",
            "Thứ tự ảnh thiếu le-cat-bang.jpg, xe.png; có khac.jpg, không phải ảnh của bài "
            "này; nêu cau.jpg nhiều lần",
        ),
    ],
)
def test_an_order_must_name_every_photo_exactly_once(
    newsroom: Newsroom, order: list[str], english: str, vietnamese: str
) -> None:
    article = _with_photos(newsroom, "cau.jpg", "le-cat-bang.jpg", "xe.png")
    with pytest.raises(PhotoOrderRefused) as refused:
        order_photos(newsroom, article.id, order, expected_version=article.version, by=REPORTER)
    assert refused.value.status == 422
    assert [field for field, _ in refused.value.errors] == ["order"]
    reason = refused.value.errors[0][1]
    assert (say(reason, "en"), say(reason, "vi")) == (english, vietnamese)
    assert refused.value.detail == (
        "The order must name each of the article's photos exactly once (its photos: "
        f"cau.jpg, le-cat-bang.jpg, xe.png); this one {english}."
    )
    after = read_article(newsroom, article.id, by=REPORTER)
    assert (after.version, _names(after)) == (article.version, _names(article))


@pytest.mark.parametrize(
    ("by", "published"),
    [(OTHER_REPORTER, False), (REPORTER, True)],
    ids=["another reporter's draft", "its own published article"],
)
def test_a_reporter_orders_only_the_photos_of_its_own_drafts(
    newsroom: Newsroom, by: Caller, published: bool
) -> None:
    article = _with_photos(newsroom, "cau.jpg", "xe.png")
    if published:
        article = publish_article(newsroom, article.id, by=EDITOR, force=True)
    with pytest.raises(Forbidden):
        order_photos(
            newsroom, article.id, ["xe.png", "cau.jpg"], expected_version=article.version, by=by
        )


def test_the_photos_of_no_article_are_not_ordered(newsroom: Newsroom) -> None:
    with pytest.raises(NotFound):
        order_photos(newsroom, "01m8fqsj12cyzdgt56pfrapd1g", [], expected_version=1, by=EDITOR)


def test_a_live_articles_new_order_is_rendered_and_its_lead_photo_changes(
    newsroom: Newsroom,
) -> None:
    article = _with_photos(newsroom, "cau.jpg", "le-cat-bang.jpg", "xe.png", ready=True)
    live = publish_article(newsroom, article.id, by=EDITOR)
    renders_asked(newsroom)
    first = lead_photo(live)
    assert first is not None and first.name == "cau.jpg"
    ordered = order_photos(
        newsroom,
        live.id,
        ["le-cat-bang.jpg", "xe.png", "cau.jpg"],
        expected_version=live.version,
        by=EDITOR,
    )
    assert ordered.version == live.version + 1
    assert renders_asked(newsroom) == [(live.id, ordered.version)]
    # What the render reads: the article with its photos in their new order.
    lead = lead_photo(read_article(newsroom, live.id, by=EDITOR))
    assert lead is not None and lead.name == "le-cat-bang.jpg"


def test_a_moved_photo_is_written_again_only_over_what_it_is_now(newsroom: Newsroom) -> None:
    # The images function writes a photo only over the record it read: a photo moved
    # meanwhile is read again, and keeps its new place.
    article = _with_photos(newsroom, "cau.jpg", "xe.png")
    read_before = article.photos[1]
    order_photos(
        newsroom, article.id, ["xe.png", "cau.jpg"], expected_version=article.version, by=REPORTER
    )
    processed = read_before.model_copy(update={"status": PhotoStatus.READY})
    with pytest.raises(PhotoChanged):
        newsroom.article_store.put_photo(article.id, processed, replacing=read_before)
    stored = newsroom.article_store.photo(article.id, "xe.png")
    assert stored is not None and stored.position == 0


def test_a_photo_added_after_one_was_removed_comes_last(newsroom: Newsroom) -> None:
    article = _with_photos(newsroom, "a.jpg", "b.jpg", "c.jpg")
    delete_photo(newsroom, article.id, "a.jpg", by=REPORTER)
    request_photo_upload(newsroom, article.id, _photo("0-moi.jpg"), expires_in=60, by=REPORTER)
    after = read_article(newsroom, article.id, by=REPORTER)
    assert _names(after) == ["b.jpg", "c.jpg", "0-moi.jpg"]
