"""The whole of an article's life on the desk, as two people do it in two browsers: a
reporter writes a Vietnamese article, adds two photos (a rotated JPEG and a PNG) watching
each upload's progress, places one in the body, looks at the preview, and submits it; an
editor sends it back with a note; the reporter fixes it and submits it again; the editor
schedules it, then publishes it now, and the page is on the site."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import httpx
import pytest
from playwright.sync_api import FilePayload, expect

from tests.desk.conftest import PHONE, Desk, DeskUsers
from tests.desk.pages import (
    action,
    body_text,
    open_article,
    title_field,
    type_in_body,
    wait_saved,
    write_article,
)
from tests.photos import make_jpeg, make_png

pytestmark = [pytest.mark.e2e, pytest.mark.browser, pytest.mark.xdist_group("local_stack")]

TITLE = "Khánh thành cầu Bến Lức mới, rút ngắn đường về hai huyện"
BODY = "Sáng nay, cầu Bến Lức mới chính thức thông xe sau hai năm thi công."
NOTE = "Bổ sung số liệu về tổng vốn đầu tư của dự án."
FIX = "Tổng vốn đầu tư của dự án là 1.200 tỷ đồng."
VIETNAM = timezone(timedelta(hours=7))


def test_reporter_writes_editor_sends_back_schedules_and_publishes(
    desk: Desk, desk_users: DeskUsers
) -> None:
    reporter, editor = desk_users.make("reporter"), desk_users.make("editor")

    # The reporter writes the article.
    writing = desk.signed_in(reporter)
    article_id = write_article(writing, title=TITLE, body=BODY, summary="Cây cầu mới thông xe.")
    assert body_text(writing).startswith("Sáng nay, cầu Bến Lức")

    # Two photos, uploaded slowly enough to watch each one's progress.
    cdp = writing.context.new_cdp_session(writing)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 20, "downloadThroughput": -1, "uploadThroughput": 200_000},
    )
    rotated = make_jpeg(2400, 1600, orientation=6)
    writing.locator("#desk-photo-files").set_input_files(
        [
            FilePayload(name="Cầu Bến Lức.jpg", mimeType="image/jpeg", buffer=rotated),
            FilePayload(name="Sơ đồ tuyến.png", mimeType="image/png", buffer=make_png(1200, 900)),
        ]
    )
    expect(writing.get_by_label("Đang tải lên cau-ben-luc.jpg")).to_be_visible()
    expect(writing.get_by_label("Đang tải lên so-do-tuyen.png")).to_be_visible()
    seen: set[int] = set()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        values = writing.evaluate(
            "[...document.querySelectorAll('.upload progress')].map(p => p.value)"
        )
        if not values:
            break
        seen.update(int(v) for v in values)
        time.sleep(0.05)
    assert any(0 < v < 100 for v in seen), seen
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    for name in ("cau-ben-luc.jpg", "so-do-tuyen.png"):
        card = writing.locator(f'.photo-card[data-photo="{name}"]')
        expect(card.get_by_text("Sẵn sàng")).to_be_visible(timeout=60_000)
    jpeg = writing.locator('.photo-card[data-photo="cau-ben-luc.jpg"]')
    # The rotated photo shows upright: its thumbnail is taller than wide.
    thumb = jpeg.locator("img.thumb")
    expect(thumb).to_be_visible()
    natural = thumb.evaluate("i => [i.naturalWidth, i.naturalHeight]")
    assert natural[1] > natural[0], natural
    jpeg.get_by_label("Chú thích — cau-ben-luc.jpg").fill("Cầu Bến Lức mới nhìn từ bờ sông")
    jpeg.get_by_label("Chú thích — cau-ben-luc.jpg").press("Tab")
    jpeg.get_by_label("Mô tả ảnh (cho người khiếm thị) — cau-ben-luc.jpg").fill(
        "Cây cầu bắc qua sông"
    )
    jpeg.get_by_label("Mô tả ảnh (cho người khiếm thị) — cau-ben-luc.jpg").press("Tab")

    # Placed in the body at the cursor, then the preview shows the real page with it.
    type_in_body(writing, "\n")
    jpeg.get_by_role("button", name="Chèn ảnh cau-ben-luc.jpg vào vị trí con trỏ").click()
    expect(writing.get_by_role("textbox", name="Nội dung")).to_contain_text("](cau-ben-luc.jpg)")
    wait_saved(writing)
    frame = writing.frame_locator("iframe.preview-frame")
    expect(frame.locator("h1")).to_have_text(TITLE, timeout=30_000)
    expect(frame.locator("figure img").first).to_be_visible()
    expect(frame.locator("figcaption").first).to_contain_text("Cầu Bến Lức mới nhìn từ bờ sông")

    action(writing, "Gửi duyệt").click()
    expect(writing.locator(".editor-head .badge")).to_have_text("Chờ duyệt")
    # In review, the reporter may read it but no longer change it.
    expect(title_field(writing)).to_have_attribute("readonly", "")

    # The editor finds it under "Chờ duyệt" and sends it back with a note.
    editing = desk.signed_in(editor)
    editing.get_by_role("link", name="Chờ duyệt").click()
    editing.get_by_role("link", name=TITLE).click()
    action(editing, "Trả lại").click()
    editing.get_by_label("Ghi chú cho phóng viên").fill(NOTE)
    editing.get_by_role("button", name="Trả lại bài").click()
    expect(editing.locator(".editor-head .badge")).to_have_text("Nháp")

    # The reporter sees the note, fixes the article and submits it again.
    open_article(writing, desk.url, article_id)
    expect(writing.locator(".review-note")).to_have_text(NOTE)
    type_in_body(writing, f"\n\n{FIX}")
    wait_saved(writing)
    action(writing, "Gửi duyệt").click()
    expect(writing.locator(".editor-head .badge")).to_have_text("Chờ duyệt")

    # The editor schedules it for tomorrow 07:30 (Vietnam's time), then publishes it now.
    open_article(editing, desk.url, article_id)
    expect(editing.get_by_role("textbox", name="Nội dung")).to_contain_text(FIX)
    action(editing, "Hẹn giờ đăng").click()
    tomorrow = (datetime.now(VIETNAM) + timedelta(days=1)).replace(hour=7, minute=30)
    editing.get_by_label("Thời điểm đăng (giờ Việt Nam)").fill(tomorrow.strftime("%Y-%m-%dT%H:%M"))
    editing.get_by_role("button", name="Hẹn giờ", exact=True).click()
    expect(editing.locator(".editor-head .badge")).to_have_text("Hẹn giờ")
    expect(editing.locator(".editor-head")).to_contain_text(
        tomorrow.strftime("Hẹn đăng lúc %d/%m/%Y 07:30")
    )
    action(editing, "Đăng ngay").click()
    expect(editing.locator(".editor-head .badge")).to_have_text("Đã đăng", timeout=30_000)

    # The page is on the site, with the fix and the photo.
    address = editing.get_by_role("link", name="Xem trên trang").get_attribute("href")
    assert address and address.startswith(desk.stack.site_url)
    deadline = time.monotonic() + 60
    while (
        answer := httpx.get(address, timeout=10)
    ).status_code != 200 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert answer.status_code == 200
    assert TITLE in answer.text and FIX in answer.text
    assert "Cầu Bến Lức mới nhìn từ bờ sông" in answer.text

    # What the preview showed is what readers get: the article as the site serves it reads
    # the same, word for word, with the same photos, as the editor's preview of it; but for
    # the print button, which the site's script shows and the preview, running none, does not.
    preview = editing.frame_locator("iframe.preview-frame").locator("article")
    expect(preview.locator("h1")).to_have_text(TITLE)
    reader = desk.person()
    reader.goto(address)
    served = reader.locator("article")
    expect(served.get_by_role("button", name="In bài viết")).to_be_visible()
    served.get_by_role("button", name="In bài viết").evaluate("button => button.remove()")
    assert served.inner_text() == preview.inner_text()
    assert served.locator("img").count() == preview.locator("img").count() >= 1

    # Listed under "Đã đăng", with who changed it last.
    editing.get_by_role("link", name="Về danh sách bài").click()
    editing.get_by_role("link", name="Đã đăng").click()
    row = editing.locator(".article-row", has_text=TITLE)
    expect(row).to_contain_text(f"bởi {editor.username}")
    assert desk.console_errors() == []


def test_a_phone_writes_an_article_with_the_preview_toggled(
    desk: Desk, desk_users: DeskUsers
) -> None:
    reporter = desk_users.make("reporter")
    phone = desk.signed_in(reporter, **PHONE)
    write_article(
        phone, title="Hội nghị xúc tiến thương mại", body="Hội nghị diễn ra sáng thứ Hai."
    )
    expect(phone.locator(".preview-pane")).to_be_hidden()
    phone.get_by_role("button", name="Xem trước").click()
    expect(title_field(phone)).to_be_hidden()
    frame = phone.frame_locator("iframe.preview-frame")
    expect(frame.locator("h1")).to_have_text("Hội nghị xúc tiến thương mại", timeout=30_000)
    phone.get_by_role("button", name="Quay lại soạn bài").click()
    expect(title_field(phone)).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    type_in_body(phone, " Có 200 doanh nghiệp tham dự.")
    wait_saved(phone)
    assert desk.console_errors() == []
