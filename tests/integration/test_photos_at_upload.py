"""Photos are processed as soon as they are uploaded: the content bucket tells the images
queue, and the editor sees the photo's status, its reason and the caption found in the
file, and can download the original, before anything is published."""

from __future__ import annotations

import json
from typing import Any

import requests

from tests.integration.conftest import Stack
from tests.integration.editorial_helpers import EDITOR, REPORTER, Answer, act, api, create, on_photo
from tests.photo_samples import CAPTION_VI, iptc_block, jpeg_with_iptc, png_with_size_in_header
from tests.photos import make_jpeg


def _form(stack: Stack, article_id: str, name: str, **fields: str) -> dict[str, Any]:
    added = act(stack, "photos", article_id, REPORTER, {"name": name, **fields})
    assert added.status == 201, added.body
    return dict(added.body)


def _photos(stack: Stack, article_id: str) -> dict[str, dict[str, Any]]:
    listed = api(stack, "GET", "/articles/{id}/photos", params={"id": article_id})
    assert listed.status == 200, listed.body
    return {p["name"]: p for p in listed.body["photos"]}


def _images_settle(stack: Stack) -> None:
    """The images function takes every message on its queue, as Lambda would."""
    assert all(r == {"batchItemFailures": []} for r in stack.drain("ImagesFunction"))


def _queued(stack: Stack, function: str) -> list[dict[str, Any]]:
    """The bodies waiting on a function's first queue (left there)."""
    sqs = stack.client("sqs")
    url = stack.specs[function].queues[0].queue_url
    received = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0)
    return [json.loads(m["Body"]) for m in received.get("Messages", [])]


def test_a_photo_uploaded_to_a_draft_is_processed_without_any_publish(stack: Stack) -> None:
    article_id = create(stack, REPORTER).body["id"]
    original = jpeg_with_iptc(iptc_block(CAPTION_VI), width=1600, height=1200)
    form = _form(stack, article_id, "ca-phe.jpg")
    assert _photos(stack, article_id)["ca-phe.jpg"]["download_url"] is None

    stack.upload_photo(form, original)
    _images_settle(stack)

    photo = _photos(stack, article_id)["ca-phe.jpg"]
    assert photo["status"] == "ready"
    assert (photo["caption"], photo["caption_source"]) == (CAPTION_VI, "iptc")
    assert photo["renditions"]
    article = api(stack, "GET", "/articles/{id}", params={"id": article_id}).body
    assert article["status"] == "draft"
    assert article["photos"][0]["status"] == "ready"
    # The original can be downloaded again, as it was uploaded.
    downloaded = requests.get(photo["download_url"], timeout=10)
    assert downloaded.status_code == 200
    assert downloaded.content == original
    # Nothing asks for a page: the draft is not on the site.
    assert _queued(stack, "RenderFunction") == []


def test_a_photo_too_large_in_pixels_and_a_text_named_jpg_are_rejected_at_once(
    stack: Stack,
) -> None:
    article_id = create(stack, REPORTER).body["id"]
    huge = _form(stack, article_id, "so-do.png", content_type="image/png")
    text = _form(stack, article_id, "bien-ban.jpg")
    stack.upload_photo(huge, png_with_size_in_header(12_000, 9_000))
    stack.upload_photo(text, "Biên bản cuộc họp ngày 27/11".encode())
    _images_settle(stack)

    photos = _photos(stack, article_id)
    assert photos["so-do.png"]["status"] == "rejected"
    assert "12000×9000 pixels (108 megapixels)" in photos["so-do.png"]["reason"]
    assert photos["bien-ban.jpg"]["status"] == "rejected"
    assert "not a photo in a supported format" in photos["bien-ban.jpg"]["reason"]
    # A rejected upload was received: it can be downloaded, to see what went wrong.
    assert photos["bien-ban.jpg"]["download_url"]
    article = api(stack, "GET", "/articles/{id}", params={"id": article_id}).body
    assert {p["name"] for p in article["rejected_photos"]} == {"so-do.png", "bien-ban.jpg"}


def _unsigned(photos: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Photos by name, each download link cut to its path: a link is signed
    at the second it is asked for, so two reads may differ in the signature."""
    return {p["name"]: {**p, "download_url": p["download_url"].split("?")[0]} for p in photos}


def test_the_reasons_are_said_in_the_callers_language(stack: Stack) -> None:
    article_id = create(stack, REPORTER).body["id"]
    huge = _form(stack, article_id, "so-do.png", content_type="image/png")
    cut = _form(stack, article_id, "bi-cat.jpg")
    bare = _form(stack, article_id, "tron.jpg")
    stack.upload_photo(huge, png_with_size_in_header(12_000, 9_000))
    stack.upload_photo(cut, make_jpeg(1200, 900)[:-3000])
    stack.upload_photo(bare, make_jpeg(640, 480))
    _images_settle(stack)

    said = {}
    for language in ("vi", "en", None):
        listed = api(
            stack, "GET", "/articles/{id}/photos", params={"id": article_id}, language=language
        )
        article = api(stack, "GET", "/articles/{id}", params={"id": article_id}, language=language)
        photos = {p["name"]: p for p in listed.body["photos"]}
        assert _unsigned(article.body["photos"]) == _unsigned(listed.body["photos"])
        said[language] = (
            photos["so-do.png"]["reason"],
            photos["bi-cat.jpg"]["reason"],
            photos["tron.jpg"]["warnings"],
        )
    assert (
        said["vi"]
        == said[None]
        == (
            "Ảnh có quá nhiều điểm ảnh: 12000×9000 (108 megapixel), tối đa 100 megapixel",
            "Tệp JPEG không đầy đủ: bị mất phần cuối",
            [
                "Ảnh chưa có cả chú thích lẫn mô tả: bạn đọc dùng trình đọc màn hình sẽ không "
                "biết gì về ảnh"
            ],
        )
    )
    assert said["en"] == (
        "the image is 12000×9000 pixels (108 megapixels); at most 100 megapixels are accepted",
        "the JPEG file is truncated (cut short)",
        [
            "the photo has neither a caption nor alt text: readers using a screen reader learn "
            "nothing about it"
        ],
    )
    # Kept as the message and its facts, not as words in one language.
    item = stack.client("dynamodb").get_item(
        TableName=stack.env.ref("ArticlesTable"),
        Key={"pk": {"S": f"ARTICLE#{article_id}"}, "sk": {"S": "P#so-do.png"}},
    )["Item"]
    assert item["reason"]["M"]["id"] == {"S": "photo.rejected.too_many_pixels"}
    assert item["reason"]["M"]["params"]["M"]["megapixels"] == {"N": "108"}

    refused = api(
        stack,
        "POST",
        "/articles/{id}/publish",
        params={"id": article_id},
        claims=EDITOR,
        language="vi",
    )
    assert refused.status == 409
    reasons = {e["field"]: e["reason"] for e in refused.body["errors"]}
    assert reasons == {
        "photos.so-do.png": (
            "bị từ chối: Ảnh có quá nhiều điểm ảnh: 12000×9000 (108 megapixel), tối đa 100 "
            "megapixel"
        ),
        "photos.bi-cat.jpg": "bị từ chối: Tệp JPEG không đầy đủ: bị mất phần cuối",
    }


def test_a_form_posted_after_a_new_one_was_asked_for_changes_nothing(stack: Stack) -> None:
    article_id = create(stack, REPORTER).body["id"]
    first = _form(stack, article_id, "cau.jpg", caption="Cầu Bến Lức")
    second = _form(stack, article_id, "cau.jpg", caption="Cầu Bến Lức mới")
    stack.upload_photo(first, make_jpeg(800, 600))
    _images_settle(stack)
    photo = _photos(stack, article_id)["cau.jpg"]
    assert (photo["status"], photo["caption"]) == ("awaiting_upload", "Cầu Bến Lức mới")

    stack.upload_photo(second, make_jpeg(640, 480))
    _images_settle(stack)
    photo = _photos(stack, article_id)["cau.jpg"]
    assert (photo["status"], photo["width"]) == ("ready", 640)

    # The first form again, now with other bytes: the photo keeps its upload.
    stack.upload_photo(first, make_jpeg(1200, 900))
    stack.upload_photo(second, make_jpeg(1000, 700))
    _images_settle(stack)
    assert _photos(stack, article_id)["cau.jpg"]["width"] == 640


def test_an_upload_for_a_removed_photo_or_a_deleted_article_is_ignored(stack: Stack) -> None:
    article_id = create(stack, REPORTER).body["id"]
    kept = _form(stack, article_id, "giu.jpg")
    removed = _form(stack, article_id, "bo.jpg")
    gone = on_photo(stack, "DELETE", article_id, "bo.jpg", claims=REPORTER)
    assert gone.status == 204
    stack.upload_photo(removed, make_jpeg(640, 480))
    _images_settle(stack)
    assert list(_photos(stack, article_id)) == ["giu.jpg"]

    deleted = api(stack, "DELETE", "/articles/{id}", params={"id": article_id}, claims=EDITOR)
    assert deleted.status == 204
    _images_settle(stack)
    stack.upload_photo(kept, make_jpeg(640, 480))
    _images_settle(stack)
    assert api(stack, "GET", "/articles/{id}", params={"id": article_id}).status == 404


def test_s3s_test_event_is_taken_and_ignored(stack: Stack) -> None:
    # S3 sends it whenever a bucket's notification is set up again.
    s3, bucket = stack.client("s3"), stack.env.ref("ContentBucket")
    queues = s3.get_bucket_notification_configuration(Bucket=bucket)["QueueConfigurations"]
    s3.put_bucket_notification_configuration(
        Bucket=bucket, NotificationConfiguration={"QueueConfigurations": queues}
    )
    waiting = _queued(stack, "ImagesFunction")
    assert [m.get("Event") for m in waiting] == ["s3:TestEvent"]
    _images_settle(stack)
    assert _queued(stack, "ImagesFunction") == []


def test_a_message_that_is_neither_a_request_nor_a_notification_is_retried(
    stack: Stack,
) -> None:
    stack.client("sqs").send_message(
        QueueUrl=stack.specs["ImagesFunction"].queues[0].queue_url,
        MessageBody=json.dumps({"Event": "s3:ObjectCreated:Post"}),
    )
    (result,) = stack.drain("ImagesFunction")
    assert len(result["batchItemFailures"]) == 1


def _publish(stack: Stack, article_id: str, **body: Any) -> Answer:
    return act(stack, "publish", article_id, EDITOR, body or None)


def test_a_photo_replaced_on_a_live_article_reaches_its_page(stack: Stack) -> None:
    body = "Cầu mới thông xe.\n\n![Cầu](cau.jpg)\n"
    article_id = create(stack, REPORTER, body=body).body["id"]
    stack.upload_photo(_form(stack, article_id, "cau.jpg"), make_jpeg(800, 600))
    _images_settle(stack)
    published = _publish(stack, article_id)
    assert published.status == 202, published.body
    _images_settle(stack)
    assert all(r == {"batchItemFailures": []} for r in stack.drain("RenderFunction"))
    page_key = published.body["url"].removeprefix("http://127.0.0.1:8080/") + "index.html"
    site = stack.env.ref("SiteBucket")
    before = stack.client("s3").get_object(Bucket=site, Key=page_key)["Body"].read().decode()

    replaced = act(stack, "photos", article_id, EDITOR, {"name": "cau.jpg"})
    stack.upload_photo(replaced.body, make_jpeg(700, 500, colour=(200, 30, 30)))
    _images_settle(stack)
    assert [m["article_id"] for m in _queued(stack, "RenderFunction")] == [article_id]
    assert all(r == {"batchItemFailures": []} for r in stack.drain("RenderFunction"))

    after = stack.client("s3").get_object(Bucket=site, Key=page_key)["Body"].read().decode()
    new = _photos(stack, article_id)["cau.jpg"]
    assert new["status"] == "ready" and new["width"] == 700
    assert new["renditions"][0]["key"] in after
    assert new["renditions"][0]["key"] not in before
