"""An article's photos through the API: presigned uploads with limits, captions, removal,
and their order (the first ready photo leads the article on the site)."""

from __future__ import annotations

import base64
import json
import re
from typing import Any

import requests

from tests.integration.conftest import SITE_URL, Stack
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


# -- the photos' order ---------------------------------------------------------------------


def _order(
    stack: Stack,
    article_id: str,
    order: Any,
    etag: str | None,
    *,
    claims: dict[str, Any] | None = None,
    language: str | None = "en",
) -> Any:
    """PUT /articles/{id}/photo-order, with `etag` as If-Match (None: none)."""
    return api(
        stack,
        "PUT",
        "/articles/{id}/photo-order",
        params={"id": article_id},
        body={"order": order},
        claims=claims or REPORTER,
        headers={"If-Match": etag} if etag is not None else {},
        language=language,
    )


def _revision_actions(stack: Stack, article_id: str) -> list[str]:
    listed = api(stack, "GET", "/articles/{id}/revisions", params={"id": article_id})
    return [r["action"] for r in listed.body["revisions"]]


THREE_PHOTOS = ("cau.jpg", "le-cat-bang.jpg", "xe.png")


def _with_three_photos(stack: Stack) -> Any:
    """A reporter's new article with the three photos of `THREE_PHOTOS`, in that order."""
    created = create(stack, REPORTER)
    for name in THREE_PHOTOS:
        assert _add(stack, created.body["id"], name=name).status == 201
    return created


def test_the_photos_are_put_in_another_order_over_the_version_read(stack: Stack) -> None:
    created = _with_three_photos(stack)
    article_id = created.body["id"]
    order = ["xe.png", "cau.jpg", "le-cat-bang.jpg"]

    missing = _order(stack, article_id, order, None)
    assert missing.status == 428

    ordered = _order(stack, article_id, order, created.headers["ETag"])
    assert ordered.status == 200, ordered.body
    assert ordered.headers["ETag"] == '"2"'
    assert ordered.body["version"] == 2
    assert [p["name"] for p in ordered.body["photos"]] == order
    read = api(stack, "GET", "/articles/{id}", params={"id": article_id})
    assert (read.headers["ETag"], [p["name"] for p in read.body["photos"]]) == ('"2"', order)
    assert _revision_actions(stack, article_id) == ["create", "photos"]

    # The same order again: no new version, the same ETag.
    same = _order(stack, article_id, order, ordered.headers["ETag"])
    assert (same.status, same.headers["ETag"]) == (200, '"2"')
    assert _revision_actions(stack, article_id) == ["create", "photos"]

    # An order made over version 1 would undo version 2's: refused.
    stale = _order(stack, article_id, ["cau.jpg", "le-cat-bang.jpg", "xe.png"], '"1"')
    assert stale.status == 412
    assert stale.body["detail"].startswith("The article is at version 2, not 1")
    after = api(stack, "GET", "/articles/{id}/photos", params={"id": article_id})
    assert [p["name"] for p in after.body["photos"]] == order


def test_an_order_that_does_not_name_every_photo_once_is_refused_in_the_callers_language(
    stack: Stack,
) -> None:
    created = _with_three_photos(stack)
    article_id = created.body["id"]
    wrong = ["xe.png", "xe.png", "khac.jpg"]

    vietnamese = _order(stack, article_id, wrong, created.headers["ETag"], language=None)
    assert vietnamese.status == 422
    assert vietnamese.content_type == "application/problem+json"
    assert vietnamese.body["errors"] == [
        {
            "field": "order",
            "reason": "Thứ tự ảnh thiếu cau.jpg, le-cat-bang.jpg; có khac.jpg, không phải ảnh "
            "của bài này; nêu xe.png nhiều lần",
        }
    ]
    assert vietnamese.body["detail"].startswith(
        "Thứ tự ảnh phải nêu mỗi ảnh của bài đúng một lần (các ảnh của bài: cau.jpg, "
        "le-cat-bang.jpg, xe.png)"
    )

    english = _order(stack, article_id, ["cau.jpg", "xe.png"], created.headers["ETag"])
    assert english.status == 422
    assert english.body["errors"] == [{"field": "order", "reason": "leaves out le-cat-bang.jpg"}]

    # The body's own shape is checked as every body is.
    not_names = api(
        stack,
        "PUT",
        "/articles/{id}/photo-order",
        params={"id": article_id},
        body={"order": "cau.jpg", "first": "cau.jpg"},
        claims=REPORTER,
        headers={"If-Match": created.headers["ETag"]},
    )
    assert not_names.status == 422
    assert {e["field"] for e in not_names.body["errors"]} == {"order", "first"}
    assert _revision_actions(stack, article_id) == ["create"]


# A rendition's path names the photo by its content: /media/ab/<32 hex digits>-<recipe>/…
_RENDITION = r"/media/../([0-9a-f]{32})-"


def _site_page(stack: Stack, key: str) -> str:
    site = stack.client("s3").get_object(Bucket=stack.env.ref("SiteBucket"), Key=key)
    text: str = site["Body"].read().decode("utf-8")
    return text


def _lead_hashes(stack: Stack, page_key: str) -> tuple[str, str]:
    """The share image and the first photo of an article's page, by their photos' content."""
    html = _site_page(stack, page_key)
    share = re.search(r'<meta property="og:image" content="[^"]*' + _RENDITION, html)
    figure = re.search(r'<img [^>]*src="' + _RENDITION, html)
    assert share and figure, html
    return share.group(1), figure.group(1)


def _thumbnail_hash(stack: Stack, listing_key: str) -> str:
    """The first thumbnail of a listing page, by its photo's content."""
    html = _site_page(stack, listing_key)
    thumbnail = re.search(r'<img [^>]*src="' + _RENDITION, html)
    assert thumbnail, html
    return thumbnail.group(1)


def test_a_published_articles_new_order_changes_its_lead_photo_on_the_site(
    stack: Stack,
) -> None:
    created = create(stack, REPORTER)
    article_id = created.body["id"]
    for name, data in (("cau.jpg", make_jpeg(800, 600)), ("xe.jpg", make_jpeg(640, 480))):
        added = _add(stack, article_id, name=name, caption=f"Ảnh {name}")
        stack.upload_photo(added.body, data, name)
    _settle(stack)
    published = act(stack, "publish", article_id, EDITOR)
    assert published.status == 202, published.body
    _settle(stack)
    photos = api(stack, "GET", "/articles/{id}/photos", params={"id": article_id}).body["photos"]
    hashes = {p["name"]: p["sha256"][:32] for p in photos}
    assert hashes["cau.jpg"] != hashes["xe.jpg"]
    assert [(p["name"], p["status"]) for p in photos] == [("cau.jpg", "ready"), ("xe.jpg", "ready")]
    page_key = published.body["url"].removeprefix(SITE_URL + "/") + "index.html"
    assert _lead_hashes(stack, page_key) == (hashes["cau.jpg"], hashes["cau.jpg"])
    assert _thumbnail_hash(stack, "tin-tuc/index.html") == hashes["cau.jpg"]

    current = api(stack, "GET", "/articles/{id}", params={"id": article_id})
    ordered = _order(
        stack, article_id, ["xe.jpg", "cau.jpg"], current.headers["ETag"], claims=EDITOR
    )
    assert ordered.status == 200, ordered.body
    assert ordered.body["status"] == "published"
    _settle(stack)
    assert _lead_hashes(stack, page_key) == (hashes["xe.jpg"], hashes["xe.jpg"])
    assert _thumbnail_hash(stack, "tin-tuc/index.html") == hashes["xe.jpg"]
    assert _revision_actions(stack, article_id)[-1] == "photos"


def test_a_caption_saved_while_the_photos_are_reordered_keeps_both(stack: Stack) -> None:
    from tests.integration.editorial_helpers import ingest_module

    created = _with_three_photos(stack)
    article_id = created.body["id"]
    order = ["xe.png", "cau.jpg", "le-cat-bang.jpg"]
    store = ingest_module().newsroom.article_store
    real_put = store.put_photo
    reordered: list[int] = []

    def put_after_a_reorder(*args: Any, **kwargs: Any) -> None:
        # The caption's request read the photo; the new order is saved before it writes.
        if not reordered:
            reordered.append(_order(stack, article_id, order, created.headers["ETag"]).status)
        real_put(*args, **kwargs)

    store.put_photo = put_after_a_reorder
    try:
        changed = api(
            stack,
            "PATCH",
            "/articles/{id}/photos/{name}",
            params={"id": article_id, "name": "cau.jpg"},
            body={"caption": "Cầu mới bắc qua sông, nhìn từ bờ bắc."},
            claims=REPORTER,
        )
    finally:
        del store.put_photo
    assert reordered == [200]
    assert changed.status == 200, changed.body
    listed = api(stack, "GET", "/articles/{id}/photos", params={"id": article_id}).body["photos"]
    assert [p["name"] for p in listed] == order  # the order stands
    assert listed[1]["caption"] == "Cầu mới bắc qua sông, nhìn từ bờ bắc."  # and the caption
