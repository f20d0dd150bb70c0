"""An article's photos through the API: presigned uploads with limits, captions, removal."""

from __future__ import annotations

import base64
import json
import re
from typing import Any

import requests

from tests.integration.conftest import Stack
from tests.integration.editorial_helpers import EDITOR, REPORTER, act, api, create, on_photo
from tests.photos import make_jpeg


def _add(stack: Stack, article_id: str, **photo: Any) -> Any:
    return act(stack, "photos", article_id, REPORTER, {"name": "cau.jpg", **photo})


def _upload(upload: dict[str, Any], data: bytes) -> requests.Response:
    return Stack.send_upload(upload, data, "cau.jpg")


def _settle(stack: Stack) -> None:
    for function in ("ImagesFunction", "RenderFunction"):
        for result in stack.drain(function):
            assert result == {"batchItemFailures": []}


def test_the_upload_admits_only_the_declared_image_type_and_25_mb(stack: Stack) -> None:
    article_id = create(stack, REPORTER).body["id"]
    added = _add(stack, article_id, caption="Cầu mới", content_type="image/png", name="cau.png")
    assert added.status == 201, added.body
    upload = added.body
    assert upload["upload_method"] == "POST"
    assert upload["max_bytes"] == 25 * 1024 * 1024
    # Each upload form has a key of its own.
    assert re.fullmatch(
        rf"originals/{article_id}/[0-9a-z]{{16}}/cau\.png", upload["upload_fields"]["key"]
    )
    policy = json.loads(base64.b64decode(upload["upload_fields"]["policy"]))
    assert ["content-length-range", 1, 25 * 1024 * 1024] in policy["conditions"]
    assert {"Content-Type": "image/png"} in policy["conditions"]


def test_a_photo_of_another_type_is_refused_before_any_upload(stack: Stack) -> None:
    article_id = create(stack, REPORTER).body["id"]
    refused = _add(stack, article_id, name="trang.svg", content_type="image/svg+xml")
    assert refused.status == 422
    assert {e["field"] for e in refused.body["errors"]} == {"name", "content_type"}


def test_photos_are_listed_changed_and_removed(stack: Stack) -> None:
    article_id = create(stack, REPORTER).body["id"]
    _add(stack, article_id, caption="Cầu Bến Lức", credit="Báo tỉnh")
    _add(stack, article_id, name="le-cat-bang.jpg", caption="Lễ cắt băng")
    listed = api(stack, "GET", "/articles/{id}/photos", params={"id": article_id})
    assert [(p["name"], p["status"]) for p in listed.body["photos"]] == [
        ("cau.jpg", "awaiting_upload"),
        ("le-cat-bang.jpg", "awaiting_upload"),
    ]

    changed = on_photo(
        stack,
        "PATCH",
        article_id,
        "cau.jpg",
        body={"caption": "Cầu Bến Lức mới nhìn từ trên cao", "alt": "Cây cầu bắc qua sông"},
        claims=REPORTER,
    )
    assert changed.status == 200, changed.body
    assert (changed.body["caption"], changed.body["alt"], changed.body["credit"]) == (
        "Cầu Bến Lức mới nhìn từ trên cao",
        "Cây cầu bắc qua sông",
        "Báo tỉnh",
    )

    removed = on_photo(stack, "DELETE", article_id, "le-cat-bang.jpg", claims=REPORTER)
    assert removed.status == 204
    listed = api(stack, "GET", "/articles/{id}/photos", params={"id": article_id})
    assert [p["name"] for p in listed.body["photos"]] == ["cau.jpg"]

    missing = on_photo(stack, "PATCH", article_id, "khong-co.jpg", body={"caption": "Ảnh không có"})
    assert missing.status == 404
    assert "cau.jpg" in missing.body["detail"]


def test_an_article_has_at_most_50_photos(stack: Stack) -> None:
    article_id = create(stack, REPORTER).body["id"]
    for number in range(50):
        assert _add(stack, article_id, name=f"anh-{number}.jpg").status == 201
    refused = _add(stack, article_id, name="anh-50.jpg")
    assert refused.status == 422
    assert "at most 50 photos" in refused.body["detail"]
    assert _add(stack, article_id, name="anh-7.jpg", caption="Thay chú thích").status == 201


def test_a_new_caption_on_a_live_article_reaches_its_page(stack: Stack) -> None:
    body = "Cầu mới thông xe.\n\n![Cầu](cau.jpg)\n"
    article_id = create(stack, REPORTER, body=body).body["id"]
    added = _add(stack, article_id, caption="Chú thích cũ")
    assert _upload(added.body, make_jpeg(800, 600)).status_code in (200, 204)
    _settle(stack)
    published = act(stack, "publish", article_id, EDITOR).body
    _settle(stack)
    on_photo(stack, "PATCH", article_id, "cau.jpg", body={"caption": "Chú thích đã sửa"})
    _settle(stack)
    key = published["url"].removeprefix("http://127.0.0.1:8080/") + "index.html"
    page = stack.client("s3").get_object(Bucket=stack.env.ref("SiteBucket"), Key=key)
    html = page["Body"].read().decode("utf-8")
    assert "Chú thích đã sửa" in html
    assert "<figcaption>Chú thích cũ" not in html
