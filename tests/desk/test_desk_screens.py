"""Every screen of the desk at a phone's width (390 px) and a laptop's (1366 px): no axe-core
violation, nothing refused by the Content-Security-Policy, nothing wider than the screen,
usable with the keyboard alone; screenshots of the list and the editor, kept in
artifacts/desk/screens (`DESK_SCREENSHOTS=docs/images` writes the documentation's copies
instead)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import FilePayload, Page, expect

from tests.desk.conftest import PHONE, WIDE, Desk, DeskUsers
from tests.desk.pages import title_field, type_in_body, wait_saved, write_article
from tests.photos import make_jpeg

pytestmark = [pytest.mark.e2e, pytest.mark.browser, pytest.mark.xdist_group("local_stack")]

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
IMAGES = Path(os.environ.get("DESK_SCREENSHOTS") or ROOT / "artifacts" / "desk" / "screens")
SIZES: dict[str, dict[str, Any]] = {"1366": WIDE, "390": PHONE}


def axe_violations(page: Page) -> list[str]:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make browser-deps`")
    # Added through the test's own channel, not as a page script: the page's CSP stays whole.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    return list(found)


SEEDED = (
    ("Sở Công Thương tổ chức tập huấn thương mại điện tử cho hợp tác xã", "xuc-tien-thuong-mai"),
    ("Kiểm tra an toàn thực phẩm dịp cuối năm tại các chợ đầu mối", "tin-tuc"),
    ("Thông báo lịch tiếp công dân tháng 12/2026", "thong-bao"),
)


def seed_articles(desk: Desk) -> None:
    """A few drafts by another editor, so the list has rows to show."""
    token = desk.stack.token("editor")
    for title, category in SEEDED:
        answer = httpx.post(
            f"{desk.stack.api_url}/articles",
            headers={"Authorization": f"Bearer {token}"},
            json={
                "title": title,
                "body": f"{title}.",
                "category": category,
                "author": "Phòng Thông tin",
            },
            timeout=30,
        )
        assert answer.status_code == 201, answer.text


def check(page: Page, what: str) -> None:
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == [], what
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size
    assert viewport is not None and width <= viewport["width"], f"{what}: {width} px wide"


@pytest.mark.parametrize("size", SIZES)
def test_every_screen_is_accessible_and_fits(desk: Desk, desk_users: DeskUsers, size: str) -> None:
    editor = desk_users.make("editor")
    seed_articles(desk)
    page = desk.person(**SIZES[size])
    desk.open(page)
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    check(page, "sign-in")
    desk.sign_in(page, editor)
    check(page, "list")

    article_id = write_article(
        page,
        title="Hội chợ hàng Việt năm 2026 khai mạc tại Trung tâm Hội nghị tỉnh",
        summary="Hơn 200 gian hàng giới thiệu sản phẩm OCOP, nông sản và hàng tiêu dùng.",
        body="Sáng 27/11, Sở Công Thương khai mạc Hội chợ hàng Việt năm 2026.\n\n"
        "## Nhiều hoạt động\n\n- Trưng bày sản phẩm OCOP\nHội thảo kết nối giao thương",
    )
    page.locator("#desk-photo-files").set_input_files(
        [FilePayload(name="khai-mac.jpg", mimeType="image/jpeg", buffer=make_jpeg())]
    )
    expect(
        page.locator('.photo-card[data-photo="khai-mac.jpg"]').get_by_text("Sẵn sàng")
    ).to_be_visible(timeout=60_000)
    page.get_by_label("Từ khoá").fill("hội chợ, hàng Việt")
    page.get_by_label("Nguồn tin").fill("Sở Công Thương")
    wait_saved(page)
    if size == "1366":
        expect(page.frame_locator("iframe.preview-frame").locator("h1")).to_be_visible(
            timeout=30_000
        )
    check(page, "editor")
    page.evaluate("window.scrollTo(0, 0)")
    # As a reader of the docs would see it: no field in focus, no control under the mouse.
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.mouse.move(0, 0)
    IMAGES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(IMAGES / f"desk-editor-{size}.png"), full_page=size == "390")

    page.get_by_role("link", name="Lịch sử sửa bài").click()
    expect(page.locator(".revision").first).to_be_visible()
    check(page, "revisions")

    page.get_by_role("link", name="Bài viết", exact=True).click()
    expect(page.locator(".article-row").first).to_be_visible()
    check(page, "list with articles")
    page.screenshot(path=str(IMAGES / f"desk-list-{size}.png"))

    # The merge view, from a save that met a newer version.
    other = desk.person(**SIZES[size])
    desk.sign_in(other, editor, f"#/bai/{article_id}")
    page.goto(f"{desk.url}#/bai/{article_id}")
    expect(title_field(page)).to_be_visible()
    type_in_body(other, " Hội chợ mở cửa đến 22 giờ.")
    wait_saved(other)
    type_in_body(page, " Vé vào cửa miễn phí.")
    expect(page.get_by_role("region", name="Có người khác vừa lưu bài này")).to_be_visible(
        timeout=20_000
    )
    check(page, "merge")
    assert [e for e in desk.console_errors() if "412" not in e] == []


def test_the_desk_works_with_the_keyboard_alone(desk: Desk, desk_users: DeskUsers) -> None:
    reporter = desk_users.make("reporter")
    page = desk.person()
    desk.open(page)
    expect(page.get_by_label("Tên đăng nhập")).to_be_focused()
    page.keyboard.type(reporter.username)
    page.keyboard.press("Tab")
    page.keyboard.type(reporter.password)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()

    def tab_to(name: str, limit: int = 40) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            focused = page.evaluate(
                "document.activeElement && document.activeElement.textContent.trim()"
            )
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            if focused == name:
                assert outline != "none", f"{name}: no visible focus"
                return
        raise AssertionError(f"{name} not reached with Tab")

    tab_to("Viết bài mới")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # past the back link
    focused = page.evaluate("document.activeElement.id")
    while focused != "desk-title":
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id")
    page.keyboard.type("Bài viết chỉ bằng bàn phím")
    page.keyboard.press("Tab")
    page.keyboard.type("Tóm tắt gõ bằng bàn phím")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # the category select: the first category
    page.keyboard.press("Tab")  # author (prefilled)
    for _ in range(3):
        page.keyboard.press("Tab")  # tags, source, then the toolbar's first button
    tab_to("Đậm", 10)
    page.keyboard.press("Enter")  # bold: a sample word, selected, in the body
    page.keyboard.type("Nội dung")
    page.keyboard.press("End")
    page.keyboard.type(" gõ bằng bàn phím. Tab không bị giữ lại trong ô soạn thảo.")
    wait_saved(page)
    # Saved, so photos may be added: Tab leaves the body for the photo picker.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "desk-photo-files"
    expect(page.get_by_role("textbox", name="Nội dung")).to_contain_text(
        "**Nội dung** gõ bằng bàn phím."
    )
