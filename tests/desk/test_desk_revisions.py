"""Revisions: an older version restored from the history becomes a new version with the old
text, and the editor shows it; the version it replaced stays in the history."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from playwright.sync_api import Dialog, expect

from tests.desk.conftest import Desk, DeskUsers
from tests.desk.pages import body_editor, title_field, type_in_body, wait_saved, write_article

pytestmark = [pytest.mark.e2e, pytest.mark.browser, pytest.mark.xdist_group("local_stack")]

TITLE = "Tỉnh khởi công đường vành đai phía Tây"
BODY = "Sáng nay, tỉnh khởi công đường vành đai phía Tây dài 12 km."
ADDED = " Tổng vốn đầu tư dự kiến 2.400 tỷ đồng, chưa được phê duyệt."


def revisions(desk: Desk, article_id: str) -> list[dict[str, Any]]:
    """The article's versions as the API lists them, newest first."""
    answer = httpx.get(
        f"{desk.stack.api_url}/articles/{article_id}/revisions",
        headers={"Authorization": f"Bearer {desk.stack.token('editor')}"},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return sorted(answer.json()["revisions"], key=lambda r: -int(r["number"]))


def test_restoring_a_version_saves_its_text_as_a_new_version(
    desk: Desk, desk_users: DeskUsers
) -> None:
    editor = desk_users.make("editor")
    page = desk.signed_in(editor)
    article_id = write_article(page, title=TITLE, body=BODY)
    first = revisions(desk, article_id)[0]["number"]

    # A sentence added and a changed title: a newer version.
    type_in_body(page, ADDED)
    title_field(page).fill(TITLE + " (bản sửa)")
    wait_saved(page)
    expect(body_editor(page)).to_have_text(BODY + ADDED)
    newer = revisions(desk, article_id)[0]["number"]
    assert newer > first

    # The history names the older version; restoring it asks first.
    page.get_by_role("link", name="Lịch sử sửa bài").click()
    old = page.locator(f'.revision[data-number="{first}"]')
    expect(old).to_contain_text(TITLE)
    asked: list[str] = []

    def accept(dialog: Dialog) -> None:
        asked.append(dialog.message)
        dialog.accept()

    page.once("dialog", accept)
    old.get_by_role("button", name=f"Khôi phục bản {first}").click()

    # Back in the editor, with the old text, saved as a version after the newest; the
    # editor says so, once (not again after a reload).
    expect(title_field(page)).to_have_value(TITLE)
    expect(body_editor(page)).to_have_text(BODY)
    # It said what comes back and what does not (the photos are not part of a version).
    assert asked and asked[0].startswith(f"Khôi phục bản {first}? Tiêu đề, tóm tắt, nội dung")
    assert "ảnh và thứ tự ảnh giữ như hiện tại" in asked[0]
    expect(page.locator(".alert-ok")).to_have_text(f"Đã khôi phục bản {first} thành bản mới.")
    wait_saved(page)
    assert "khoiphuc" not in page.url
    page.reload()
    expect(title_field(page)).to_have_value(TITLE)
    expect(page.locator(".alert-ok")).to_have_count(0)
    listed = revisions(desk, article_id)
    assert listed[0]["number"] == newer + 1
    assert listed[0]["title"] == TITLE and listed[0]["action"] == "edit"
    answer = httpx.get(
        f"{desk.stack.api_url}/articles/{article_id}/revisions/{newer}",
        headers={"Authorization": f"Bearer {desk.stack.token('editor')}"},
        timeout=30,
    )
    assert ADDED.strip() in answer.json()["body"]  # the replaced version is still there

    # The history shows the restored version as the current one.
    page.get_by_role("link", name="Lịch sử sửa bài").click()
    current = page.locator(".revision").first
    expect(current).to_contain_text(f"Bản {newer + 1}")
    expect(current).to_contain_text("bản hiện tại")
    expect(current.locator(".revision-title")).to_have_text(TITLE)
    assert desk.console_errors() == []


def test_the_history_says_when_two_versions_differ_by_their_status_alone(
    desk: Desk, desk_users: DeskUsers
) -> None:
    editor = desk_users.make("editor")
    page = desk.signed_in(editor)
    article_id = write_article(page, title=TITLE, body=BODY)
    published = httpx.post(
        f"{desk.stack.api_url}/articles/{article_id}/publish",
        headers={"Authorization": f"Bearer {desk.stack.token('editor')}"},
        timeout=30,
    )
    assert published.status_code == 202, published.text

    # The history compares the two newest versions: the publish changed no word.
    page.get_by_role("link", name="Lịch sử sửa bài").click()
    compared = page.locator('[aria-live="polite"]')
    expect(compared.locator(".status-change")).to_have_text("Trạng thái: Nháp → Đã đăng")
    expect(compared).to_contain_text("Nội dung hai bản giống nhau.")
    expect(compared).not_to_contain_text("Hai bản giống nhau.")
    assert desk.console_errors() == []
