"""The stack's cloud holds the photo upload forms its API hands out to their policy."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from newsroom_local.client import EditorClient
from newsroom_local.launch import StackProcess

from tests.photos import make_jpeg

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("local_stack")]


def _photo_form(editor: EditorClient, article_id: str, name: str) -> dict[str, Any]:
    response = editor.http.post(
        f"/articles/{article_id}/photos", json={"name": name, "caption": "Chợ"}
    )
    response.raise_for_status()
    form: dict[str, Any] = response.json()
    return form


def _post(form: dict[str, Any], data: bytes, **fields: str) -> httpx.Response:
    sent = {**form["upload_fields"], **fields}
    files = {"file": ("cho.jpg", data, sent["Content-Type"])}
    return httpx.post(form["upload_url"], data=sent, files=files, timeout=60)


def test_a_form_from_the_api_uploads_only_what_it_was_signed_for(
    local_stack: StackProcess, editor: EditorClient
) -> None:
    draft = {
        "title": "Phiên chợ hàng Việt về miền núi năm 2026",
        "summary": "Hơn 100 gian hàng.",
        "body": "Phiên chợ mở cửa từ sáng sớm.",
        "category": "xuc-tien-thuong-mai",
        "author": "Lê Thu Hà",
        "source": "Sở Công Thương",
    }
    mine = editor.create_article(draft)["id"]
    theirs = editor.create_article(draft)["id"]
    form = _photo_form(editor, mine, "cho.jpg")
    other = _photo_form(editor, theirs, "cho.jpg")
    photo = make_jpeg(640, 480)

    assert _post(form, photo, **{"Content-Type": "text/html"}).status_code == 403
    assert _post(form, photo, key=other["upload_fields"]["key"]).status_code == 403
    assert _post(form, b"").status_code == 400
    assert _post(form, b"\xff" * (form["max_bytes"] + 1)).status_code == 400
    s3 = local_stack.client("s3")
    bucket = form["upload_url"].rstrip("/").rsplit("/", 1)[1]
    for key in (form["upload_fields"]["key"], other["upload_fields"]["key"]):
        assert s3.list_objects_v2(Bucket=bucket, Prefix=key).get("KeyCount", 0) == 0

    assert _post(form, photo).status_code == 204
    assert s3.head_object(Bucket=bucket, Key=form["upload_fields"]["key"])["ContentLength"] == len(
        photo
    )
