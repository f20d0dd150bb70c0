"""Nothing typed on the desk is lost: typing on while a new article is being created, a tab
closed before its save, two people saving the same article, a session that expires
mid-edit."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, Route, expect

from tests.desk.conftest import Desk, DeskUsers
from tests.desk.pages import (
    body_editor,
    body_text,
    open_article,
    title_field,
    type_in_body,
    wait_saved,
    write_article,
)

pytestmark = [pytest.mark.e2e, pytest.mark.browser, pytest.mark.xdist_group("local_stack")]


def refuse_next_save(page: Page, article_id: str) -> None:
    """The API's next answer to a save of the article is 401, as for an expired token."""
    refused: list[str] = []

    def expired(route: Route) -> None:
        if route.request.method == "PUT" and not refused:
            refused.append(route.request.url)
            route.fulfill(
                status=401,
                content_type="application/json",
                body=json.dumps({"message": "Unauthorized"}),
            )
        else:
            route.fallback()

    page.route(f"**/articles/{article_id}", expired)


def test_typing_on_while_the_article_is_created_loses_no_keystroke(
    desk: Desk, desk_users: DeskUsers
) -> None:
    """The create (POST /articles) held back while the person goes on typing; its answer
    (a new address, the article's id and version) arrives mid-sentence, and the typing
    goes on after it: every keystroke is in the editor, in order, and saved."""
    reporter = desk_users.make("reporter")
    page = desk.signed_in(reporter)
    held: list[Route] = []

    def hold_create(route: Route) -> None:
        if route.request.method == "POST" and not held:
            held.append(route)  # answered later, from the test's own flow
        else:
            route.fallback()

    page.route(re.compile(r".*/articles$"), hold_create)
    page.get_by_role("link", name="Viết bài mới").first.click()
    expect(page.get_by_role("heading", name="Bài mới", exact=True)).to_be_visible()
    title_field(page).fill("Nông dân thu hoạch lúa Đông Xuân sớm")
    page.get_by_label("Chuyên mục").select_option("tin-tuc")
    first = "Nông dân huyện Cần Đước bắt đầu thu hoạch lúa."
    type_in_body(page, first)
    expect(page.locator(".save-state")).to_have_text(re.compile("Đang lưu"), timeout=10_000)
    assert held, "the create was not sent"
    second = " Năng suất đạt 7 tấn mỗi héc-ta."
    page.keyboard.type(second)  # while the create is on its way
    held[0].continue_()
    expect(page).to_have_url(re.compile(r"#/bai/[0-9a-z]+$"))
    third = " Giá lúa tươi ổn định."
    page.keyboard.type(third)  # right after its answer
    whole = first + second + third
    expect(body_editor(page)).to_have_text(whole)
    wait_saved(page)
    article_id = page.url.rsplit("/", 1)[1]
    page.unroute(re.compile(r".*/articles$"))
    other = desk.signed_in(reporter)
    open_article(other, desk.url, article_id)
    assert body_text(other) == whole
    expect(title_field(other)).to_have_value("Nông dân thu hoạch lúa Đông Xuân sớm")
    assert desk.console_errors() == []


def test_a_closed_tab_offers_back_what_was_typed_after_the_last_save(
    desk: Desk, desk_users: DeskUsers
) -> None:
    reporter = desk_users.make("reporter")
    first = desk.signed_in(reporter)
    article_id = write_article(
        first, title="Phiên chợ hàng Việt về nông thôn", body="Phiên chợ mở cửa từ 7 giờ."
    )
    # Typed, and the tab closed at once: before the two seconds after which it is saved.
    type_in_body(first, " Có 80 gian hàng của các hợp tác xã.")
    context = first.context
    first.close()

    # A closed tab is signed out (its session was the tab's own); this device kept the text.
    again = context.new_page()
    desk.sign_in(again, reporter, f"#/bai/{article_id}")
    offer = again.get_by_role("region", name="Có bản chưa lưu trên máy này")
    expect(offer).to_be_visible()
    offer.get_by_text("Khác biệt so với bản trên máy chủ").click()
    expect(offer.locator("ins")).to_contain_text("80 gian hàng")
    offer.get_by_role("button", name="Khôi phục bản trên máy này").click()
    expect(again.get_by_role("textbox", name="Nội dung")).to_contain_text(
        "Có 80 gian hàng của các hợp tác xã."
    )
    wait_saved(again)

    # Saved to the API: another device sees it, and no offer is left here.
    other = desk.signed_in(reporter)
    open_article(other, desk.url, article_id)
    assert "80 gian hàng" in body_text(other)
    again.reload()
    expect(title_field(again)).to_be_visible()
    expect(again.get_by_role("region", name="Có bản chưa lưu trên máy này")).to_have_count(0)


def test_a_new_article_never_saved_is_listed_and_reopened(
    desk: Desk, desk_users: DeskUsers
) -> None:
    reporter = desk_users.make("reporter")
    page = desk.signed_in(reporter)
    page.get_by_role("link", name="Viết bài mới").first.click()
    title_field(page).fill("Bài chưa đủ thông tin để lưu")
    expect(page.locator(".save-state")).to_contain_text("đã giữ trên máy này", timeout=10_000)
    context = page.context
    page.close()
    again = context.new_page()
    desk.sign_in(again, reporter)
    unsaved = again.get_by_role("region", name="Bài mới chưa lưu lên máy chủ")
    unsaved.get_by_role("link", name="Bài chưa đủ thông tin để lưu", exact=False).click()
    expect(title_field(again)).to_have_value("Bài chưa đủ thông tin để lưu")


def test_two_people_saving_the_same_article_merge_without_losing_a_word(
    desk: Desk, desk_users: DeskUsers
) -> None:
    reporter, editor = desk_users.make("reporter"), desk_users.make("editor")
    mine = desk.signed_in(reporter)
    article_id = write_article(
        mine, title="Hội thảo thương mại điện tử", body="Hội thảo có 120 đại biểu."
    )

    theirs = desk.signed_in(editor)
    open_article(theirs, desk.url, article_id)
    # Both have version 1 open. The editor saves first.
    type_in_body(theirs, " Đại biểu đến từ 15 tỉnh.")
    wait_saved(theirs)
    # The reporter's save now meets the editor's newer version: the merge view opens.
    type_in_body(mine, " Hội thảo kéo dài hai ngày.")
    merge = mine.get_by_role("region", name="Có người khác vừa lưu bài này")
    expect(merge).to_be_visible(timeout=20_000)
    body = merge.locator('.merge-field[data-field="body"]')
    expect(body.locator(".merge-text.theirs")).to_contain_text("Đại biểu đến từ 15 tỉnh.")
    expect(body.locator(".merge-text.mine")).to_contain_text("Hội thảo kéo dài hai ngày.")
    expect(body.locator(".diff ins")).to_contain_text("kéo dài hai ngày")
    expect(body.locator(".diff del")).to_contain_text("15 tỉnh")
    # Keep theirs, then add my sentence to the merged text by hand.
    body.get_by_role("button", name="Lấy bản của họ").click()
    merged = body.get_by_label("Bản gộp — Nội dung")
    expect(merged).to_have_value("Hội thảo có 120 đại biểu. Đại biểu đến từ 15 tỉnh.")
    merged.press("End")
    merged.type(" Hội thảo kéo dài hai ngày.")
    merge.get_by_role("button", name="Lưu bản gộp").click()
    wait_saved(mine)
    expect(mine.get_by_role("textbox", name="Nội dung")).to_contain_text(
        "Hội thảo có 120 đại biểu. Đại biểu đến từ 15 tỉnh. Hội thảo kéo dài hai ngày."
    )
    # The editor, opening it again, reads both sentences.
    open_article(theirs, desk.url, article_id)
    text = body_text(theirs)
    assert "Đại biểu đến từ 15 tỉnh." in text and "Hội thảo kéo dài hai ngày." in text
    assert not [e for e in desk.console_errors() if "412" not in e]


def test_an_expired_token_mid_edit_is_refreshed_without_a_word_lost(
    desk: Desk, desk_users: DeskUsers
) -> None:
    reporter = desk_users.make("reporter")
    page = desk.signed_in(reporter)
    article_id = write_article(
        page, title="Kiểm tra an toàn thực phẩm", body="Đoàn kiểm tra 12 cơ sở."
    )
    refreshed: list[str] = []
    page.on(
        "request",
        lambda r: (
            refreshed.append(r.post_data or "")
            if "InitiateAuth" in (r.headers.get("x-amz-target") or "")
            else None
        ),
    )

    # The API refuses the next save's token, as it does once a token has expired.
    refuse_next_save(page, article_id)
    type_in_body(page, " Phát hiện 2 cơ sở vi phạm.")
    wait_saved(page)
    assert any("REFRESH_TOKEN_AUTH" in body for body in refreshed)
    page.reload()
    expect(page.get_by_role("textbox", name="Nội dung")).to_contain_text(
        "Phát hiện 2 cơ sở vi phạm."
    )


def test_a_session_that_cannot_be_refreshed_asks_to_sign_in_again_keeping_the_text(
    desk: Desk, desk_users: DeskUsers
) -> None:
    reporter = desk_users.make("reporter")
    page = desk.signed_in(reporter)
    article_id = write_article(page, title="Tập huấn phòng cháy chữa cháy", body="Có 50 học viên.")
    # Signed out everywhere (the refresh token is revoked) and the token refused.
    desk_users.cognito.admin_user_global_sign_out(
        UserPoolId=desk_users.pool, Username=reporter.username
    )
    refuse_next_save(page, article_id)
    type_in_body(page, " Buổi tập huấn kéo dài một ngày.")
    dialog = page.get_by_role("dialog", name="Phiên đăng nhập đã hết hạn")
    expect(dialog).to_be_visible(timeout=20_000)
    expect(dialog.get_by_label("Tên đăng nhập")).to_have_value(reporter.username)
    dialog.get_by_label("Mật khẩu", exact=True).fill(reporter.password)
    dialog.get_by_role("button", name="Đăng nhập").click()
    expect(dialog).to_be_hidden()
    wait_saved(page)
    page.reload()
    expect(page.get_by_role("textbox", name="Nội dung")).to_contain_text(
        "Buổi tập huấn kéo dài một ngày."
    )
