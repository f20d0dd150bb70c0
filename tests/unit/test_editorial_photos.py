"""An article's photos through the editorial functions, on moto: asking for an upload form,
changing a caption, removing a photo, and what that means for a live article."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from newsroom.editorial.articles import (
    create_article,
    publish_article,
    read_article,
    unpublish_article,
)
from newsroom.editorial.errors import EditorialError, Forbidden, NotFound
from newsroom.editorial.newsroom import Newsroom
from newsroom.editorial.photos import (
    delete_photo,
    list_photos,
    request_photo_upload,
    update_photo,
)
from newsroom.models.article import MAX_PHOTOS, Article, PhotoStatus, PhotoUploadRequest
from newsroom.models.editorial import PhotoChanges
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
