"""Nothing is published without the editor knowing: a publish (now or scheduled) of an
article whose photos are not all ready is refused, naming each photo and why, until the
editor publishes with `force`; and a save that changes nothing makes no new version."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.integration.conftest import Stack
from tests.integration.editorial_helpers import EDITOR, REPORTER, Answer, act, api, create
from tests.photos import make_jpeg

BODY = "Hội chợ khai mạc.\n\n![Gian hàng](gian-hang.jpg)\n\n![Sơ đồ](so-do.jpg)\n"
NOT_READY = "https://newsroom.example/problems/photos-not-ready"


def _with_two_photos(stack: Stack) -> str:
    """A draft whose `gian-hang.jpg` is ready and `so-do.jpg` rejected, and `cho.jpg`
    still waits for its upload."""
    article_id = str(create(stack, REPORTER, body=BODY).body["id"])
    for name, data in (("gian-hang.jpg", make_jpeg(800, 600)), ("so-do.jpg", b"not a photo")):
        form = act(stack, "photos", article_id, REPORTER, {"name": name})
        stack.upload_photo(form.body, data)
    assert act(stack, "photos", article_id, REPORTER, {"name": "cho.jpg"}).status == 201
    assert all(r == {"batchItemFailures": []} for r in stack.drain("ImagesFunction"))
    return article_id


def _publish(
    stack: Stack, article_id: str, body: Any = None, language: str | None = "en"
) -> Answer:
    return api(
        stack,
        "POST",
        "/articles/{id}/publish",
        params={"id": article_id},
        body=body,
        claims=EDITOR,
        language=language,
    )


def _requests_on_the_images_queue(stack: Stack) -> int:
    attributes = stack.client("sqs").get_queue_attributes(
        QueueUrl=stack.specs["ImagesFunction"].queues[0].queue_url,
        AttributeNames=["ApproximateNumberOfMessages"],
    )
    return int(attributes["Attributes"]["ApproximateNumberOfMessages"])


def test_a_publish_is_refused_naming_each_photo_that_is_not_ready(stack: Stack) -> None:
    article_id = _with_two_photos(stack)
    refused = _publish(stack, article_id)
    assert refused.status == 409
    assert refused.content_type == "application/problem+json"
    assert refused.body["type"] == NOT_READY
    reasons = {e["field"]: e["reason"] for e in refused.body["errors"]}
    assert set(reasons) == {"photos.so-do.jpg", "photos.cho.jpg"}
    assert reasons["photos.so-do.jpg"].startswith("rejected: the file is not a photo")
    assert reasons["photos.cho.jpg"].startswith("awaiting_upload")
    assert "so-do.jpg" in refused.body["detail"] and '"force": true' in refused.body["detail"]
    # Nothing happened: still a draft at its version, nothing asked of the images function.
    article = api(stack, "GET", "/articles/{id}", params={"id": article_id}).body
    assert (article["status"], article["version"]) == ("draft", 1)
    assert _requests_on_the_images_queue(stack) == 0


def test_the_refusal_is_vietnamese_by_default(stack: Stack) -> None:
    article_id = _with_two_photos(stack)
    refused = _publish(stack, article_id, language=None)
    assert refused.status == 409
    assert refused.body["type"] == NOT_READY
    assert refused.body["title"] == "Xung đột"
    assert refused.body["detail"].startswith("Bài viết còn ảnh chưa sẵn sàng: so-do.jpg, cho.jpg.")
    reasons = {e["field"]: e["reason"] for e in refused.body["errors"]}
    assert reasons["photos.so-do.jpg"] == (
        "bị từ chối: Tệp này không phải là ảnh ở định dạng được hỗ trợ (JPEG, PNG, WebP hoặc HEIC)"
    )
    assert reasons["photos.cho.jpg"].startswith("đang chờ tải lên")


def test_a_schedule_is_refused_the_same_way(stack: Stack) -> None:
    article_id = _with_two_photos(stack)
    later = (datetime.now(UTC) + timedelta(days=2)).isoformat()
    refused = _publish(stack, article_id, {"publish_at": later})
    assert refused.status == 409
    assert refused.body["type"] == NOT_READY
    scheduled = _publish(stack, article_id, {"publish_at": later, "force": True})
    assert scheduled.status == 202, scheduled.body
    assert scheduled.body["status"] == "scheduled"


def test_force_publishes_with_the_ready_photos_only(stack: Stack) -> None:
    article_id = _with_two_photos(stack)
    published = _publish(stack, article_id, {"force": True})
    assert published.status == 202, published.body
    assert published.body["status"] == "published"
    for function in ("ImagesFunction", "RenderFunction"):
        assert all(r == {"batchItemFailures": []} for r in stack.drain(function))
    key = published.body["url"].removeprefix("http://127.0.0.1:8080/") + "index.html"
    page = stack.client("s3").get_object(Bucket=stack.env.ref("SiteBucket"), Key=key)
    html = page["Body"].read().decode()
    assert html.count("<figure") == 1
    assert "so-do" not in html and "cho.jpg" not in html


def test_an_article_whose_photos_are_all_ready_publishes_without_force(stack: Stack) -> None:
    article_id = str(create(stack, REPORTER).body["id"])
    form = act(stack, "photos", article_id, REPORTER, {"name": "cau.jpg"})
    stack.upload_photo(form.body, make_jpeg(800, 600))
    assert all(r == {"batchItemFailures": []} for r in stack.drain("ImagesFunction"))
    assert _publish(stack, article_id).status == 202


def test_force_is_a_boolean_and_a_reporter_is_refused_before_it_is_read(stack: Stack) -> None:
    article_id = _with_two_photos(stack)
    assert _publish(stack, article_id, {"force": "yes"}).status == 422
    refused = act(stack, "publish", article_id, REPORTER, {"force": True})
    assert refused.status == 403


def _put(stack: Stack, article_id: str, fields: dict[str, Any], etag: str) -> Answer:
    return api(
        stack,
        "PUT",
        "/articles/{id}",
        params={"id": article_id},
        body=fields,
        headers={"If-Match": etag},
        claims=EDITOR,
    )


EDITABLE = ("title", "summary", "body", "category", "tags", "author", "source")


def test_a_save_that_changes_nothing_makes_no_revision(stack: Stack) -> None:
    created = create(stack, REPORTER)
    article_id = created.body["id"]
    published = act(stack, "publish", article_id, EDITOR)
    assert published.status == 202
    for function in ("ImagesFunction", "RenderFunction"):
        stack.drain(function)
    stored = api(stack, "GET", "/articles/{id}", params={"id": article_id})
    unchanged = {name: stored.body[name] for name in EDITABLE}

    saved = _put(stack, article_id, unchanged, stored.headers["ETag"])
    assert saved.status == 200, saved.body
    assert saved.headers["ETag"] == stored.headers["ETag"]
    assert saved.body["version"] == stored.body["version"]
    assert saved.body["updated_at"] == stored.body["updated_at"]
    revisions = api(stack, "GET", "/articles/{id}/revisions", params={"id": article_id})
    assert len(revisions.body["revisions"]) == stored.body["version"]
    assert _requests_on_the_images_queue(stack) == 0

    # A real change is a new version, rendered again.
    changed = _put(
        stack, article_id, {**unchanged, "summary": "Tóm tắt mới."}, stored.headers["ETag"]
    )
    assert changed.status == 200
    assert changed.body["version"] == stored.body["version"] + 1
    assert _requests_on_the_images_queue(stack) == 1
