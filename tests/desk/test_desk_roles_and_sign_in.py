"""Signing in (errors in Vietnamese, a new password on the first sign-in, signing out) and
what each role is offered: a reporter sees no publish button, and the API refuses a
reporter's publish anyway."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import expect

from tests.desk.conftest import Desk, DeskUsers
from tests.desk.pages import action, write_article

pytestmark = [pytest.mark.e2e, pytest.mark.browser, pytest.mark.xdist_group("local_stack")]


def test_a_wrong_password_is_refused_in_vietnamese(desk: Desk, desk_users: DeskUsers) -> None:
    reporter = desk_users.make("reporter")
    page = desk.person()
    desk.open(page)
    page.get_by_label("Tên đăng nhập").fill(reporter.username)
    page.get_by_label("Mật khẩu", exact=True).fill("Sai-mat-khau-2026")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("alert")).to_have_text("Tên đăng nhập hoặc mật khẩu không đúng.")
    page.get_by_label("Mật khẩu", exact=True).fill("")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("alert")).to_have_text("Hãy nhập tên đăng nhập và mật khẩu.")


def test_the_first_sign_in_sets_a_new_password(desk: Desk, desk_users: DeskUsers) -> None:
    newcomer = desk_users.make("reporter", temporary=True)
    page = desk.person()
    desk.open(page)
    page.get_by_label("Tên đăng nhập").fill(newcomer.username)
    page.get_by_label("Mật khẩu", exact=True).fill(newcomer.password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Đặt mật khẩu mới")).to_be_visible()
    page.get_by_label("Mật khẩu mới", exact=True).fill("Mat-khau-moi-2026")
    page.get_by_label("Nhập lại mật khẩu mới").fill("Mat-khau-khac-2026")
    page.get_by_role("button", name="Lưu mật khẩu và đăng nhập").click()
    expect(page.get_by_role("alert")).to_have_text("Hai mật khẩu mới không giống nhau.")
    page.get_by_label("Nhập lại mật khẩu mới").fill("Mat-khau-moi-2026")
    page.get_by_role("button", name="Lưu mật khẩu và đăng nhập").click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
    expect(page.get_by_role("banner")).to_contain_text("(Phóng viên)")

    # A reload of the tab stays signed in; signing out ends it, and the new password works.
    page.reload()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    page.get_by_label("Tên đăng nhập").fill(newcomer.username)
    page.get_by_label("Mật khẩu", exact=True).fill("Mat-khau-moi-2026")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()


def test_a_reporter_sees_no_publish_button_and_the_api_refuses_it_anyway(
    desk: Desk, desk_users: DeskUsers
) -> None:
    reporter = desk_users.make("reporter")
    page = desk.signed_in(reporter)
    article_id = write_article(
        page, title="Thông báo lịch tiếp công dân", body="Lịch tiếp công dân tháng 12."
    )
    workflow = page.get_by_role("group", name="Thao tác với bài")
    expect(action(page, "Gửi duyệt")).to_be_visible()
    for name in ("Đăng ngay", "Hẹn giờ đăng", "Gỡ bài", "Xoá bài", "Trả lại"):
        expect(workflow.get_by_role("button", name=name, exact=True)).to_have_count(0)

    # The token the desk holds is a reporter's: the API says no, in Vietnamese.
    tokens = desk_users.cognito.initiate_auth(
        ClientId=desk.stack.info.user_pool_client_id,  # type: ignore[union-attr]
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": reporter.username, "PASSWORD": reporter.password},
    )["AuthenticationResult"]
    answer = httpx.post(
        f"{desk.stack.api_url}/articles/{article_id}/publish",
        json={},
        headers={"Authorization": f"Bearer {tokens['AccessToken']}", "Accept-Language": "vi"},
        timeout=30,
    )
    assert answer.status_code == 403
    assert "biên tập viên" in answer.json()["detail"]


def test_an_editor_sees_every_action_the_role_allows(desk: Desk, desk_users: DeskUsers) -> None:
    editor = desk_users.make("editor")
    page = desk.signed_in(editor)
    write_article(page, title="Tin vắn công thương trong tuần", body="Tổng hợp tin trong tuần.")
    for name in ("Gửi duyệt", "Đăng ngay", "Hẹn giờ đăng", "Xoá bài"):
        expect(action(page, name)).to_be_visible()
    page.on("dialog", lambda dialog: dialog.accept())
    action(page, "Xoá bài").click()
    expect(page.get_by_role("heading", name="Bài viết")).to_be_visible()
