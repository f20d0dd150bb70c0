"""On the local stack, as an editor sees it over HTTP: a photo is processed as soon as it is
uploaded (its status, its reason and the caption found in the file show before anything
is published), a file too large is refused by the upload form, a publish that would drop
a photo is refused until the editor says `force`, a save that changes nothing makes no
revision, and problems speak Vietnamese unless the editor asks for English."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from newsroom_local.client import EditorClient, upload_photo, wait_for_page
from newsroom_local.launch import StackProcess

from tests.photo_samples import CAPTION_VI, iptc_block, jpeg_with_iptc, png_with_size_in_header
from tests.photos import make_jpeg

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("local_stack")]

DRAFT = {
    "title": "Khai mạc phiên chợ nông sản an toàn năm 2026",
    "summary": "Hơn 60 gian hàng của các hợp tác xã trong tỉnh.",
    "body": "Phiên chợ mở cửa từ sáng sớm.\n\n![Gian hàng](gian-hang.jpg)",
    "category": "xuc-tien-thuong-mai",
    "author": "Lê Thu Hà",
    "source": "Sở Công Thương",
}
EDITABLE = ("title", "summary", "body", "category", "tags", "author", "source")


def _form(editor: EditorClient, article_id: str, name: str, **fields: str) -> dict[str, Any]:
    response = editor.http.post(f"/articles/{article_id}/photos", json={"name": name, **fields})
    assert response.status_code == 201, response.text
    form: dict[str, Any] = response.json()
    return form


def _send(form: dict[str, Any], data: bytes, name: str = "anh.jpg") -> httpx.Response:
    fields = form["upload_fields"]
    files = {"file": (name, data, fields["Content-Type"])}
    return httpx.post(form["upload_url"], data=fields, files=files, timeout=120)


def _photos(editor: EditorClient, article_id: str) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in editor.wait_for_photos(article_id, timeout=90)}


def test_a_photo_uploaded_to_a_draft_is_processed_without_any_publish(
    editor: EditorClient,
) -> None:
    article_id = editor.create_article(DRAFT)["id"]
    original = jpeg_with_iptc(iptc_block(CAPTION_VI), width=1600, height=1200)
    assert _send(_form(editor, article_id, "gian-hang.jpg"), original).status_code == 204

    photo = _photos(editor, article_id)["gian-hang.jpg"]
    assert photo["status"] == "ready"
    assert (photo["caption"], photo["caption_source"]) == (CAPTION_VI, "iptc")
    article = editor.http.get(f"/articles/{article_id}").json()
    assert article["status"] == "draft"
    assert article["photos"][0]["caption"] == CAPTION_VI
    # The original comes back, byte for byte, from its download link.
    assert httpx.get(photo["download_url"], timeout=30).content == original


def test_a_44_mb_photo_is_refused_by_the_upload_form_and_the_publish_says_so(
    editor: EditorClient,
) -> None:
    article_id = editor.create_article(DRAFT)["id"]
    form = _form(editor, article_id, "gian-hang.jpg")
    huge = b"\xff\xd8\xff\xe0" + bytes(44 * 1024 * 1024)
    refused = _send(form, huge)
    assert refused.status_code == 400
    assert "<Code>EntityTooLarge</Code>" in refused.text
    photo = editor.http.get(f"/articles/{article_id}/photos").json()["photos"][0]
    assert (photo["status"], photo["download_url"]) == ("awaiting_upload", None)

    publish = editor.http.post(f"/articles/{article_id}/publish", json={})
    assert publish.status_code == 409
    assert publish.json()["errors"][0]["field"] == "photos.gian-hang.jpg"


def test_a_photo_of_108_megapixels_and_a_text_named_jpg_are_rejected_at_once(
    editor: EditorClient,
) -> None:
    article_id = editor.create_article(DRAFT)["id"]
    plan = _form(editor, article_id, "so-do.png", content_type="image/png")
    minutes = _form(editor, article_id, "bien-ban.jpg")
    assert _send(plan, png_with_size_in_header(12_000, 9_000), "so-do.png").status_code == 204
    assert _send(minutes, "Biên bản cuộc họp".encode(), "bien-ban.jpg").status_code == 204

    photos = _photos(editor, article_id)
    assert photos["so-do.png"]["status"] == "rejected"
    # Said in Vietnamese: the client asks for no other language.
    assert photos["so-do.png"]["reason"] == (
        "Ảnh có quá nhiều điểm ảnh: 12000×9000 (108 megapixel), tối đa 100 megapixel"
    )
    assert photos["bien-ban.jpg"]["status"] == "rejected"
    assert photos["bien-ban.jpg"]["reason"] == (
        "Tệp này không phải là ảnh ở định dạng được hỗ trợ (JPEG, PNG, WebP hoặc HEIC)"
    )


def test_a_publish_is_refused_naming_the_rejected_photo_then_forced(
    local_stack: StackProcess, editor: EditorClient
) -> None:
    article_id = editor.create_article(
        {**DRAFT, "body": DRAFT["body"] + "\n\n![Sơ đồ](so-do.jpg)"}
    )["id"]
    editor.add_photo(article_id, "gian-hang.jpg", make_jpeg(1200, 800), "Gian hàng nông sản")
    upload_photo(_form(editor, article_id, "so-do.jpg"), "so-do.jpg", b"<html>", "image/jpeg")
    _photos(editor, article_id)

    refused = editor.http.post(f"/articles/{article_id}/publish", headers={"Accept-Language": "en"})
    assert refused.status_code == 409
    assert refused.headers["content-type"] == "application/problem+json"
    problem = refused.json()
    assert problem["type"] == "https://newsroom.example/problems/photos-not-ready"
    assert [e["field"] for e in problem["errors"]] == ["photos.so-do.jpg"]
    assert problem["errors"][0]["reason"].startswith("rejected: ")
    assert editor.http.get(f"/articles/{article_id}").json()["status"] == "draft"

    forced = editor.http.post(f"/articles/{article_id}/publish", json={"force": True})
    assert forced.status_code == 202, forced.text
    url = forced.json()["url"]
    wait_for_page(url, timeout=90)
    page = httpx.get(url, timeout=10).text
    assert "Gian hàng nông sản" in page
    assert "so-do" not in page


def test_a_save_that_changes_nothing_makes_no_revision(editor: EditorClient) -> None:
    article_id = editor.create_article(DRAFT)["id"]
    read = editor.http.get(f"/articles/{article_id}")
    fields = {name: read.json()[name] for name in EDITABLE}
    saved = editor.http.put(
        f"/articles/{article_id}", json=fields, headers={"If-Match": read.headers["etag"]}
    )
    assert saved.status_code == 200, saved.text
    assert saved.headers["etag"] == read.headers["etag"]
    assert saved.json()["version"] == read.json()["version"]
    revisions = editor.http.get(f"/articles/{article_id}/revisions").json()["revisions"]
    assert [r["number"] for r in revisions] == [1]


def test_problems_are_vietnamese_by_default_and_english_on_request(
    local_stack: StackProcess,
) -> None:
    reporter = EditorClient(local_stack.api_url, local_stack.token("reporter"))
    try:
        article_id = reporter.create_article(DRAFT)["id"]
        vietnamese = reporter.http.post(f"/articles/{article_id}/publish")
        english = reporter.http.post(
            f"/articles/{article_id}/publish", headers={"Accept-Language": "en-US,en;q=0.9"}
        )
        invalid = reporter.http.post("/articles", json={"body": "x"})
    finally:
        reporter.close()
    assert vietnamese.status_code == english.status_code == 403
    assert vietnamese.json()["title"] == "Không được phép"
    assert vietnamese.json()["detail"].startswith(
        "Chỉ biên tập viên hoặc quản trị viên mới được xuất bản bài viết; bạn đang đăng "
        "nhập với tài khoản"
    )
    assert english.json()["title"] == "Forbidden"
    assert english.json()["detail"].startswith("Only editor or admin may publish")
    assert vietnamese.json()["type"] == english.json()["type"]
    assert invalid.status_code == 422
    assert {"field": "title", "reason": "Tiêu đề là bắt buộc"} in invalid.json()["errors"]
