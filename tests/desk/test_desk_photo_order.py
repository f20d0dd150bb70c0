"""The photos' order: moved up and down with the keyboard in the photos panel, saved
(PUT /articles/{id}/photo-order) and the same after a reload."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import FilePayload, Page, expect

from tests.desk.conftest import Desk, DeskUsers
from tests.desk.pages import SAVED, open_article, write_article
from tests.photos import make_jpeg, make_png

pytestmark = [pytest.mark.e2e, pytest.mark.browser, pytest.mark.xdist_group("local_stack")]

NAMES = ["cho-noi.jpg", "ghe-hang.png", "nguoi-ban.jpg"]


def order(page: Page) -> list[str]:
    return list(
        page.locator(".photo-card").evaluate_all("cards => cards.map(c => c.dataset.photo)")
    )


def test_photos_are_reordered_with_the_keyboard_and_the_order_is_kept(
    desk: Desk, desk_users: DeskUsers
) -> None:
    reporter = desk_users.make("reporter")
    page = desk.signed_in(reporter)
    article_id = write_article(
        page, title="Chợ nổi Cái Răng đón khách dịp cuối năm", body="Chợ nổi họp từ sáng sớm."
    )
    page.locator("#desk-photo-files").set_input_files(
        [
            FilePayload(name="Chợ nổi.jpg", mimeType="image/jpeg", buffer=make_jpeg()),
            FilePayload(name="Ghe hàng.png", mimeType="image/png", buffer=make_png(800, 600)),
            FilePayload(name="Người bán.jpg", mimeType="image/jpeg", buffer=make_jpeg()),
        ]
    )
    for name in NAMES:
        card = page.locator(f'.photo-card[data-photo="{name}"]')
        expect(card.get_by_text("Sẵn sàng")).to_be_visible(timeout=60_000)
    # Added in the order their uploads began (three at once): whichever that was.
    first, second, last = order(page)
    assert sorted([first, second, last]) == sorted(NAMES)

    # The last photo moved to the top with Enter on its "up" button, twice: the focus
    # stays with it.
    up = page.get_by_role("button", name=f"Chuyển ảnh {last} lên trước")
    up.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".photo-card").nth(1)).to_have_attribute("data-photo", last)
    expect(up).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".photo-card").first).to_have_attribute("data-photo", last)
    # At the top its "up" is disabled, and the focus has moved to its "down".
    expect(up).to_be_disabled()
    expect(page.get_by_role("button", name=f"Chuyển ảnh {last} xuống sau")).to_be_focused()
    expect(page.get_by_role("status").filter(has_text="vị trí 1/3")).to_have_count(1)
    # The first of the others moved down.
    page.get_by_role("button", name=f"Chuyển ảnh {first} xuống sau").click()
    wanted = [last, second, first]
    expect(page.locator(".photo-card").last).to_have_attribute("data-photo", first)
    assert order(page) == wanted

    # Text typed after a reorder is saved against the version the reorder made.
    page.get_by_label("Nguồn tin").fill("Trung tâm Văn hóa")
    expect(page.locator(".save-state")).to_have_text(SAVED, timeout=20_000)

    # Kept: after a reload, and as the API lists them.
    open_article(page, desk.url, article_id)
    expect(page.locator(".photo-card").first).to_have_attribute("data-photo", last)
    assert order(page) == wanted
    answer = httpx.get(
        f"{desk.stack.api_url}/articles/{article_id}/photos",
        headers={"Authorization": f"Bearer {desk.stack.token('editor')}"},
        timeout=30,
    )
    assert [p["name"] for p in answer.json()["photos"]] == wanted
    assert desk.console_errors() == []
