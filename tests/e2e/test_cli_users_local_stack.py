"""`newsroom users` against the running local stack, as an administrator runs it: the
command in a process of its own; the desk's sign-in (Cognito's API over HTTP) shows what
it did."""

from __future__ import annotations

import re
import uuid

import jwt
import pytest
from newsroom_local.launch import StackProcess

from tests.e2e.test_local_stack_sign_in import CHOSEN, new_password, refused, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("local_stack")]


def test_an_administrator_adds_a_user_who_signs_in_and_is_then_managed(
    local_stack: StackProcess,
) -> None:
    email = f"phong.vien.{uuid.uuid4().hex[:6]}@example.gov.vn"

    added = local_stack.cli("users", "add", email, "--role", "reporter")

    assert added.returncode == 0, added.stderr
    password = re.search(r"mật khẩu tạm thời: (\S+)", added.stdout)
    assert password is not None, added.stdout
    challenge = sign_in(local_stack, email, password.group(1))
    assert challenge.json()["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    answered = new_password(local_stack, email, challenge)
    assert answered.status_code == 200, answered.text

    listed = local_stack.cli("users", "list")
    line = next(line for line in listed.stdout.splitlines() if line.startswith(email))
    assert line.split()[1] == "reporter"
    assert "đã đặt mật khẩu" in line and "đang dùng" in line
    assert any(line.startswith("bientap@demo.local") for line in listed.stdout.splitlines())

    promoted = local_stack.cli("users", "set-role", email, "--role", "editor")
    assert promoted.returncode == 0, promoted.stderr
    tokens = sign_in(local_stack, email, CHOSEN).json()["AuthenticationResult"]
    assert jwt.decode(tokens["IdToken"], options={"verify_signature": False})["cognito:groups"] == [
        "editor"
    ]

    disabled = local_stack.cli("users", "disable", email)
    assert disabled.returncode == 0, disabled.stderr
    assert refused(sign_in(local_stack, email, CHOSEN), "NotAuthorizedException") == (
        "User is disabled."
    )

    enabled = local_stack.cli("--lang", "en", "users", "enable", email.upper())
    assert (enabled.returncode, enabled.stdout) == (
        0,
        f"enabled {email}: they can sign in again\n",
    )
    assert sign_in(local_stack, email, CHOSEN).status_code == 200


def test_mistakes_against_the_local_stack_are_one_line(local_stack: StackProcess) -> None:
    for args, said in (
        (("users", "add", "bientap@demo.local", "--role", "editor"), "đã có tài khoản"),
        (("users", "disable", "ai.do@example.gov.vn"), "không có người dùng ai.do@example.gov.vn"),
        (("users", "add", "khong-phai-email", "--role", "editor"), "không phải là địa chỉ e-mail"),
        (("users", "set-role", "bientap@demo.local", "--role", "boss"), "--role không nhận"),
    ):
        ran = local_stack.cli(*args)
        assert ran.returncode == 1, (args, ran.stdout)
        assert said in ran.stderr and ran.stderr.count("\n") == 1, ran.stderr
        assert "Traceback" not in ran.stderr
