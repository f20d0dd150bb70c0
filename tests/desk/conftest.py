"""The desk in Chromium against the session's local stack (`newsroom dev` on free ports,
shared with tests/e2e): the desk as the stack serves it at /desk/ (from desk/dist, built by
`make desk`), signed in through the stack's own user pool.

Each test makes the users it signs in as (`desk_users.make(role)`), so that what one
test writes is no other test's "mine". One browser per test process; each person in a
test gets a fresh context (`desk.person()`), as two people on two machines would.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from newsroom_local.launch import StackProcess
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.driver import collect_errors, shared_chromium
from tests.e2e.conftest import local_stack

__all__ = ["local_stack"]

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "desk" / "dist"
WIDE: dict[str, Any] = {"viewport": {"width": 1366, "height": 900}}
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 1,
    "is_mobile": True,
    "has_touch": True,
}


NAMES = {"reporter": "Nguyễn Thị Thu Hà", "editor": "Trần Quốc Bảo", "admin": "Lê Minh Tâm"}


@dataclass(frozen=True)
class DeskUser:
    username: str
    password: str
    role: str


class DeskUsers:
    """Users of the stack's pool, each in one role's group, with a password known here."""

    def __init__(self, stack: StackProcess) -> None:
        assert stack.info is not None
        self.cognito = stack.client("cognito-idp")
        self.pool = stack.info.user_pool_id

    def make(self, role: str, *, temporary: bool = False) -> DeskUser:
        """A user of `role` with a Vietnamese full name (the desk's default author)."""
        username = f"{role}-{secrets.token_hex(4)}"
        password = f"Desk-{secrets.token_hex(6)}-Aa9"
        self.cognito.admin_create_user(
            UserPoolId=self.pool,
            Username=username,
            TemporaryPassword=password,
            MessageAction="SUPPRESS",
            UserAttributes=[
                {"Name": "email", "Value": f"{username}@example.gov.vn"},
                {"Name": "name", "Value": NAMES[role]},
            ],
        )
        self.cognito.admin_add_user_to_group(
            UserPoolId=self.pool, Username=username, GroupName=role
        )
        if not temporary:
            self.cognito.admin_set_user_password(
                UserPoolId=self.pool, Username=username, Password=password, Permanent=True
            )
        return DeskUser(username, password, role)


@dataclass
class Desk:
    """The desk of the local stack, opened by people in contexts of their own."""

    stack: StackProcess
    browser: Browser
    contexts: list[BrowserContext] = field(default_factory=list)
    page_errors: list[list[str]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"{self.stack.api_url}/desk/"

    def person(self, **options: Any) -> Page:
        """A tab of a new browser context (wide screen unless told otherwise)."""
        context = self.browser.new_context(**{**WIDE, **options})
        self.contexts.append(context)
        page = context.new_page()
        self.page_errors.append(collect_errors(page))
        return page

    def console_errors(self) -> list[str]:
        """Every page's console errors so far: a refusal by the Content-Security-Policy or
        by CORS (the preview frame's fonts from the site too) is one, and so is a failed
        load."""
        return [error for errors in self.page_errors for error in errors]

    def open(self, page: Page, route: str = "") -> None:
        page.goto(self.url + route, wait_until="load")

    def signed_in(self, user: DeskUser, **options: Any) -> Page:
        """A tab of a new browser context (as `person`), with `user` signed in."""
        page = self.person(**options)
        self.sign_in(page, user)
        return page

    def sign_in(self, page: Page, user: DeskUser, route: str = "") -> None:
        self.open(page, route)
        page.get_by_label("Tên đăng nhập").fill(user.username)
        page.get_by_label("Mật khẩu", exact=True).fill(user.password)
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    with shared_chromium() as browser:
        yield browser


@pytest.fixture(scope="session")
def desk_served(local_stack: StackProcess) -> str:
    """The stack serves the built desk and its config.json at /desk/."""
    if not (DIST / "index.html").exists():
        pytest.fail("desk/dist is missing: run `make desk`")
    answer = httpx.get(f"{local_stack.api_url}/desk/config.json", timeout=10)
    assert answer.status_code == 200, f"/desk/config.json: {answer.status_code}"
    return json.dumps(answer.json())


@pytest.fixture
def desk(local_stack: StackProcess, chromium: Browser, desk_served: str) -> Iterator[Desk]:
    opened = Desk(local_stack, chromium)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(scope="session")
def desk_users(local_stack: StackProcess) -> DeskUsers:
    return DeskUsers(local_stack)
