"""What a person does on the desk, step by step, as the tests drive it."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

SAVED = re.compile(r"Đã lưu lúc \d\d:\d\d")
# The article's title field ("Tiêu đề (bắt buộc)"), never the list's search ("Tìm theo
# tiêu đề"), which a loose match finds too while the list is still on the screen.
TITLE = re.compile(r"^Tiêu đề")


def title_field(page: Page) -> Any:
    return page.get_by_label(TITLE)


def body_editor(page: Page) -> Any:
    return page.get_by_role("textbox", name="Nội dung")


def type_in_body(page: Page, text: str) -> None:
    """Types at the end of the body, as a person would."""
    editor = body_editor(page)
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def body_text(page: Page) -> str:
    return str(body_editor(page).inner_text())


def wait_saved(page: Page, timeout: float = 20_000) -> None:
    expect(page.locator(".save-state")).to_have_text(SAVED, timeout=timeout)


def write_article(
    page: Page, *, title: str, body: str, summary: str = "", category: str = "tin-tuc"
) -> str:
    """A new article, typed in and saved by autosave; answers its id."""
    page.get_by_role("link", name="Viết bài mới").first.click()
    # The new article's own form, not a field of the list it is replacing.
    expect(page.get_by_role("heading", name="Bài mới", exact=True)).to_be_visible()
    title_field(page).fill(title)
    expect(title_field(page)).to_have_value(title)
    if summary:
        page.get_by_label("Tóm tắt").fill(summary)
    page.get_by_label("Chuyên mục").select_option(category)
    expect(page.get_by_label("Chuyên mục")).to_have_value(category)
    type_in_body(page, body)
    expect(body_editor(page)).to_contain_text(body.splitlines()[-1])
    wait_saved(page)
    expect(page).to_have_url(re.compile(r"#/bai/[0-9a-z]+$"))
    return page.url.rsplit("/", 1)[1]


def open_article(page: Page, base_url: str, article_id: str) -> None:
    """Opens the article afresh (loaded again from the API, as a new visit does)."""
    page.goto(f"{base_url}#/bai/{article_id}")
    page.reload()
    expect(title_field(page)).to_be_visible()


def action(page: Page, name: str) -> Any:
    return page.get_by_role("group", name="Thao tác với bài").get_by_role(
        "button", name=name, exact=True
    )
