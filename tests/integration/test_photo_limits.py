"""Limits that hold whatever arrives: text found inside photos is held to what an editor
may type, the largest article the API accepts fits in every record, a photo no image
library can process is rejected with a reason (never retried for ever), and an upload
form, posted again after its photo was reviewed, changes nothing on the site."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from newsroom.aws.attributes import MAX_ITEM_BYTES, item_size
from newsroom.models.article import (
    MAX_ALT,
    MAX_BODY_BYTES,
    MAX_CAPTION,
    MAX_CREDIT,
    MAX_PHOTOS,
    MAX_SUMMARY,
    MAX_TAGS,
    MAX_TITLE,
)
from newsroom.photos import pipeline

from tests.integration.conftest import REPORTER, SITE_URL, Stack
from tests.photo_samples import iptc_block, photoshop_app13, with_segments
from tests.photos import make_jpeg

APP13 = 0xED
# A letter of four UTF-8 bytes: the most bytes a character of text can take.
WIDE = "\U00020000"


def _create(stack: Stack, claims: dict[str, Any] | None = None, **fields: Any) -> str:
    body = {
        "title": "Khai mạc Hội chợ hàng Việt năm 2026",
        "body": "Sáng nay, hội chợ khai mạc tại trung tâm tỉnh.",
        "category": "tin-tuc",
        "author": "Nguyễn Thị Hoa",
        **fields,
    }
    # As clients send JSON: UTF-8, not \u escapes.
    data = json.dumps(body, ensure_ascii=False).encode()
    status, article, _ = stack.call_api("POST", "/articles", body=data, claims=claims)
    assert status == 201, article
    return str(article["id"])


def _form(
    stack: Stack, article_id: str, name: str, claims: dict[str, Any] | None = None, **fields: Any
) -> dict[str, Any]:
    status, upload, _ = stack.call_api(
        "POST",
        "/articles/{id}/photos",
        params={"id": article_id},
        body={"name": name, **fields},
        claims=claims,
    )
    assert status == 201, upload
    return dict(upload)


def _publish(stack: Stack, article_id: str, **options: Any) -> None:
    _settle(stack)  # the photos uploaded are processed as they arrive
    status, answer, _ = stack.call_api(
        "POST", "/articles/{id}/publish", params={"id": article_id}, body=options or None
    )
    assert status == 202, answer
    _settle(stack)


def _settle(stack: Stack) -> None:
    for function in ("ImagesFunction", "RenderFunction"):
        for result in stack.drain(function):
            assert result == {"batchItemFailures": []}


def _article(stack: Stack, article_id: str) -> dict[str, Any]:
    status, article, _ = stack.call_api("GET", "/articles/{id}", params={"id": article_id})
    assert status == 200, article
    return dict(article)


def _page(stack: Stack, article: dict[str, Any]) -> str:
    key = article["url"].removeprefix(SITE_URL + "/") + "index.html"
    return stack.site_objects()[key].decode()


def _every_item(stack: Stack) -> list[dict[str, Any]]:
    dynamodb = stack.client("dynamodb")
    items: list[dict[str, Any]] = []
    for page in dynamodb.get_paginator("scan").paginate(TableName=stack.env.ref("ArticlesTable")):
        items += page["Items"]
    return items


def test_a_photo_carrying_ten_huge_captions_is_published_with_its_caption_cut(
    stack: Stack,
) -> None:
    captions = [f"Chú thích số {n}: " + "Lễ hội đường phố ở Huế " * 800 for n in range(10)]
    segments = [(APP13, photoshop_app13(iptc_block(caption))) for caption in captions]
    photo = with_segments(make_jpeg(800, 600), *segments)
    assert len(photo) > 280_000
    article_id = _create(stack)
    stack.upload_photo(_form(stack, article_id, "le-hoi.jpg"), photo)
    _publish(stack, article_id)

    article = _article(stack, article_id)
    (shown,) = article["photos"]
    assert shown["status"] == "ready"
    assert shown["caption_source"] == "iptc"
    assert len(shown["caption"]) <= MAX_CAPTION and shown["caption"].endswith("…")
    assert shown["caption"].startswith("Chú thích số 0: Lễ hội đường phố ở Huế")
    assert len(shown["alt"]) <= MAX_ALT
    assert any("only the first 1,000 are kept" in w for w in shown["warnings"])
    assert "Chú thích số 0: Lễ hội đường phố" in _page(stack, article)


def test_the_largest_article_accepted_with_the_most_photos_fits_in_every_record(
    stack: Stack,
) -> None:
    # Every text at its limit, in the widest characters. The body first made of images
    # (their alt text is kept beside the converted body), then, in a correction, of
    # quotes and backslashes (which grow when escaped).
    image = f"![{WIDE * 60}](anh-1.jpg)\n\n"
    images = image * (MAX_BODY_BYTES // len(image.encode()))
    quotes = '"\\' * (MAX_BODY_BYTES // 2)
    assert MAX_BODY_BYTES - len(image.encode()) < len(images.encode()) <= MAX_BODY_BYTES
    assert len(quotes.encode()) == MAX_BODY_BYTES
    article_id = _create(
        stack,
        claims=REPORTER,
        title=WIDE * MAX_TITLE,
        summary=WIDE * MAX_SUMMARY,
        body=images,
        tags=[f"{WIDE * 58}{n:02x}" for n in range(MAX_TAGS)],
        author=WIDE * 200,
        source=WIDE * 300,
    )
    jpeg = make_jpeg(640, 480)
    for n in range(1, MAX_PHOTOS + 1):
        form = _form(
            stack,
            article_id,
            f"anh-{n}.jpg",
            claims=REPORTER,
            caption=WIDE * MAX_CAPTION,
            alt=WIDE * MAX_ALT,
            credit=WIDE * MAX_CREDIT,
        )
        stack.upload_photo(form, jpeg)
    # An edit keeps a second revision of the same size.
    status, saved, headers = stack.call_api(
        "PUT",
        "/articles/{id}",
        params={"id": article_id},
        body=json.dumps(
            {
                "title": WIDE * MAX_TITLE,
                "summary": WIDE * MAX_SUMMARY,
                "body": quotes,
                "category": "tin-tuc",
                "author": WIDE * 200,
            },
            ensure_ascii=False,
        ).encode(),
        headers={"If-Match": '"1"'},
        claims=REPORTER,
    )
    assert status == 200, saved
    assert headers["ETag"] == '"2"'
    _publish(stack, article_id)

    article = _article(stack, article_id)
    assert article["status"] == "published"
    assert [p["status"] for p in article["photos"]] == ["ready"] * MAX_PHOTOS
    assert WIDE * 50 in _page(stack, article)
    sizes = sorted(
        (item_size(item), item["pk"]["S"], item["sk"]["S"]) for item in _every_item(stack)
    )
    assert sizes[-1][0] <= MAX_ITEM_BYTES, sizes[-3:]
    assert sizes[-1][0] > 200_000  # the body and its revisions are among them


def test_a_photo_no_image_library_can_process_is_rejected_with_a_reason(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails(data: bytes) -> Any:
        raise RuntimeError("unexpected end of a tile")

    monkeypatch.setattr(pipeline, "make_renditions", fails)
    article_id = _create(stack)
    stack.upload_photo(_form(stack, article_id, "hong.jpg"), make_jpeg(800, 600))
    _publish(stack, article_id, force=True)  # no delivery fails: nothing is retried for ever

    article = _article(stack, article_id)
    assert article["status"] == "published"
    (rejected,) = article["rejected_photos"]
    assert rejected["name"] == "hong.jpg"
    assert "could not be processed" in rejected["reason"]
    assert "<figure" not in _page(stack, article)


def test_an_upload_form_posted_again_after_review_changes_nothing_on_the_site(
    stack: Stack,
) -> None:
    reviewed = make_jpeg(1200, 800, colour=(30, 110, 180))
    swapped = make_jpeg(1200, 800, colour=(200, 20, 20))
    article_id = _create(stack, claims=REPORTER)
    form = _form(stack, article_id, "cau.jpg", claims=REPORTER, caption="Cầu Bến Lức mới")
    stack.upload_photo(form, reviewed)
    status, _, _ = stack.call_api(
        "POST", "/articles/{id}/submit", params={"id": article_id}, claims=REPORTER
    )
    assert status == 200
    _publish(stack, article_id)
    before = _article(stack, article_id)
    (photo,) = before["photos"]
    assert photo["sha256"] == hashlib.sha256(reviewed).hexdigest()
    page = _page(stack, before)

    # The reporter posts the same form again, with other bytes, within its 15 minutes.
    stack.upload_photo(form, swapped)
    # The article is rendered again (an editor's correction), photos and all.
    status, _, _ = stack.call_api(
        "PUT",
        "/articles/{id}",
        params={"id": article_id},
        body={
            "title": before["title"],
            "body": before["body"] + "\n\nĐính chính: cầu dài 1,2 km.",
            "category": "tin-tuc",
            "author": before["author"],
        },
        headers={"If-Match": f'"{before["version"]}"'},
    )
    assert status == 200
    _settle(stack)

    after = _article(stack, article_id)
    (still,) = after["photos"]
    assert still["sha256"] == photo["sha256"]
    assert still["renditions"] == photo["renditions"]
    corrected = _page(stack, after)
    assert "Đính chính" in corrected
    assert still["renditions"][0]["key"] in corrected
    assert page.count("/media/") == corrected.count("/media/")
    # A new form for the same photo is another key; the reporter may not ask for one.
    refused, problem, _ = stack.call_api(
        "POST",
        "/articles/{id}/photos",
        params={"id": article_id},
        body={"name": "cau.jpg"},
        claims=REPORTER,
    )
    assert refused == 403, problem
    other = _form(stack, article_id, "cau.jpg")
    assert other["upload_fields"]["key"] != form["upload_fields"]["key"]
