"""`newsroom users`: the desk's users and their roles, in a deployed stack's user pool (moto)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws
from newsroom_cli import user_pool
from newsroom_cli.main import main
from newsroom_cli.user_pool import UserPool, temporary_password

STACK = "newsroom-test"
ROLES = ("reporter", "editor", "admin")


class Pool:
    """A user pool as the template makes it, named by a stack's outputs."""

    def __init__(self) -> None:
        self.cognito = boto3.client("cognito-idp")
        self.id = self.cognito.create_user_pool(
            PoolName="newsroom-test-editors",
            UsernameConfiguration={"CaseSensitive": False},
            Policies={
                "PasswordPolicy": {
                    "MinimumLength": 12,
                    "RequireLowercase": True,
                    "RequireUppercase": True,
                    "RequireNumbers": True,
                    "RequireSymbols": False,
                }
            },
        )["UserPool"]["Id"]
        self.client_id = self.cognito.create_user_pool_client(
            UserPoolId=self.id,
            ClientName="newsroom-cli",
            ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"],
        )["UserPoolClient"]["ClientId"]
        for role in ROLES:
            self.cognito.create_group(UserPoolId=self.id, GroupName=role)

    def stack(self, name: str = STACK, outputs: dict[str, str] | None = None) -> None:
        """A stack whose outputs name the pool (or what `outputs` says)."""
        template = {
            "Resources": {"Queue": {"Type": "AWS::SQS::Queue"}},
            "Outputs": {
                key: {"Value": value}
                for key, value in (
                    outputs if outputs is not None else {"UserPoolId": self.id}
                ).items()
            },
        }
        boto3.client("cloudformation").create_stack(
            StackName=name, TemplateBody=json.dumps(template)
        )

    def user(self, email: str) -> dict[str, Any]:
        user: dict[str, Any] = self.cognito.admin_get_user(UserPoolId=self.id, Username=email)
        return user

    def roles(self, email: str) -> list[str]:
        groups = self.cognito.admin_list_groups_for_user(UserPoolId=self.id, Username=email)
        return sorted(g["GroupName"] for g in groups["Groups"])


@pytest.fixture
def pool() -> Iterator[Pool]:
    with mock_aws():
        made = Pool()
        made.stack()
        yield made


def newsroom(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def on_aws(*args: str) -> tuple[str, ...]:
    return (*args, "--stack", STACK)


def test_adding_a_user_on_aws_has_cognito_email_a_temporary_password(pool: Pool) -> None:
    sent: list[dict[str, Any]] = []
    pool.cognito.meta.events.register(
        "provide-client-params.cognito-idp.AdminCreateUser",
        lambda params, **_: sent.append(dict(params)),
    )
    password = UserPool(pool.cognito, pool.id, sends_email=True).add(
        "lan.tran@example.gov.vn", "editor"
    )

    assert password is None
    assert sent[0]["DesiredDeliveryMediums"] == ["EMAIL"]
    assert "TemporaryPassword" not in sent[0] and "MessageAction" not in sent[0]
    user = pool.user("lan.tran@example.gov.vn")
    attributes = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
    assert attributes["email"] == "lan.tran@example.gov.vn"
    assert attributes["email_verified"] == "true"
    assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert pool.roles("lan.tran@example.gov.vn") == ["editor"]


def test_users_add_says_the_password_was_emailed_and_what_the_first_sign_in_asks(
    pool: Pool, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = newsroom(
        capsys, *on_aws("users", "add", " Hoa.Nguyen@Example.gov.vn ", "--role", "admin")
    )

    assert (code, err) == (0, "")
    assert "đã thêm hoa.nguyen@example.gov.vn với vai trò admin" in out
    assert "Cognito đã gửi mật khẩu tạm thời" in out
    assert "ít nhất 12 ký tự" in out
    assert pool.roles("hoa.nguyen@example.gov.vn") == ["admin"]


def test_locally_the_temporary_password_is_printed_and_signs_in_once(
    pool: Pool, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    local = UserPool(pool.cognito, pool.id, sends_email=False)
    monkeypatch.setattr("newsroom_cli.commands.users.user_pool", lambda *_: local)

    code, out, _ = newsroom(capsys, "users", "add", "minh.le@example.gov.vn", "--role", "reporter")

    assert code == 0
    password = re.search(r"mật khẩu tạm thời: (\S+)", out)
    assert password is not None, out
    signed_in = pool.cognito.initiate_auth(
        ClientId=pool.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "minh.le@example.gov.vn", "PASSWORD": password.group(1)},
    )
    assert signed_in["ChallengeName"] == "NEW_PASSWORD_REQUIRED"


def test_temporary_passwords_meet_the_pools_policy() -> None:
    for _ in range(200):
        password = temporary_password()
        assert len(password) >= 12
        assert re.search(r"[a-z]", password) and re.search(r"[A-Z]", password)
        assert re.search(r"[0-9]", password)


def test_the_list_shows_each_users_email_role_status_account_and_creation(
    pool: Pool, capsys: pytest.CaptureFixture[str]
) -> None:
    for email, role in (
        ("lan.tran@example.gov.vn", "editor"),
        ("minh.le@example.gov.vn", "reporter"),
    ):
        assert newsroom(capsys, *on_aws("users", "add", email, "--role", role))[0] == 0
    pool.cognito.admin_set_user_password(
        UserPoolId=pool.id,
        Username="lan.tran@example.gov.vn",
        Password="Mat-khau-moi-2026",
        Permanent=True,
    )
    assert newsroom(capsys, *on_aws("users", "disable", "minh.le@example.gov.vn"))[0] == 0

    code, out, _ = newsroom(capsys, *on_aws("users", "list"))

    assert code == 0
    heading, lan, minh = out.splitlines()
    assert heading.split() == [
        "e-mail",
        "vai",
        "trò",
        "trạng",
        "thái",
        "tài",
        "khoản",
        "tạo",
        "lúc",
    ]
    assert lan.split()[:2] == ["lan.tran@example.gov.vn", "editor"]
    assert "đã đặt mật khẩu" in lan and "đang dùng" in lan
    assert minh.split()[:2] == ["minh.le@example.gov.vn", "reporter"]
    assert "chờ đăng nhập lần đầu" in minh and "đã khóa" in minh
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d$", minh)

    code, out, _ = newsroom(capsys, *on_aws("users", "list", "--lang", "en"))
    assert "awaiting first sign-in" in out and "disabled" in out and "password set" in out


def test_an_empty_pool_says_so(pool: Pool, capsys: pytest.CaptureFixture[str]) -> None:
    assert newsroom(capsys, *on_aws("users", "list")) == (
        0,
        "user pool chưa có người dùng nào\n",
        "",
    )


def test_disable_and_enable_turn_the_account_off_and_on(
    pool: Pool, capsys: pytest.CaptureFixture[str]
) -> None:
    newsroom(capsys, *on_aws("users", "add", "lan.tran@example.gov.vn", "--role", "editor"))

    code, out, _ = newsroom(capsys, *on_aws("users", "disable", "Lan.Tran@example.gov.vn"))
    assert code == 0 and out.startswith("đã khóa lan.tran@example.gov.vn")
    assert pool.user("lan.tran@example.gov.vn")["Enabled"] is False

    code, out, _ = newsroom(capsys, *on_aws("users", "enable", "lan.tran@example.gov.vn"))
    assert code == 0 and out.startswith("đã mở khóa lan.tran@example.gov.vn")
    assert pool.user("lan.tran@example.gov.vn")["Enabled"] is True


def test_set_role_leaves_exactly_one_role(pool: Pool, capsys: pytest.CaptureFixture[str]) -> None:
    newsroom(capsys, *on_aws("users", "add", "lan.tran@example.gov.vn", "--role", "reporter"))
    pool.cognito.admin_add_user_to_group(
        UserPoolId=pool.id, Username="lan.tran@example.gov.vn", GroupName="admin"
    )

    code, out, _ = newsroom(
        capsys, *on_aws("users", "set-role", "lan.tran@example.gov.vn", "--role", "editor")
    )

    assert code == 0
    assert "lan.tran@example.gov.vn: vai trò editor (trước đó: reporter,admin)" in out
    assert pool.roles("lan.tran@example.gov.vn") == ["editor"]

    code, out, _ = newsroom(
        capsys, *on_aws("users", "set-role", "lan.tran@example.gov.vn", "--role", "editor")
    )
    assert (code, out) == (0, "lan.tran@example.gov.vn đã có vai trò editor; không đổi gì\n")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("users", "add", "lan.tran", "--role", "editor"),
            "'lan.tran' không phải là địa chỉ e-mail",
        ),
        (
            ("users", "add", "lan tran@example.gov.vn", "--role", "editor"),
            "không phải là địa chỉ e-mail",
        ),
        (("users", "disable", "ai.do@example.gov.vn"), "không có người dùng ai.do@example.gov.vn"),
        (("users", "enable", "ai.do@example.gov.vn"), "không có người dùng ai.do@example.gov.vn"),
        (("users", "set-role", "ai.do@example.gov.vn", "--role", "admin"), "không có người dùng"),
    ],
)
def test_mistakes_are_one_line_and_a_non_zero_exit(
    pool: Pool, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], said: str
) -> None:
    code, out, err = newsroom(capsys, *on_aws(*args))

    assert code == 1 and out == ""
    assert err.startswith("newsroom: ") and said in err and err.count("\n") == 1


def test_a_user_added_twice_is_refused_whatever_the_case(
    pool: Pool, capsys: pytest.CaptureFixture[str]
) -> None:
    newsroom(capsys, *on_aws("users", "add", "lan.tran@example.gov.vn", "--role", "editor"))

    code, _, err = newsroom(
        capsys, *on_aws("users", "add", "LAN.TRAN@example.gov.vn", "--role", "admin")
    )

    assert code == 1
    assert err.startswith("newsroom: lan.tran@example.gov.vn đã có tài khoản")
    assert pool.roles("lan.tran@example.gov.vn") == ["editor"]


def test_an_unknown_role_is_refused_by_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = newsroom(capsys, "users", "add", "lan.tran@example.gov.vn", "--role", "chief")

    assert code == 1
    assert "--role không nhận giá trị 'chief'" in err and err.count("\n") == 1


def test_a_stack_that_is_not_there_or_names_no_pool_is_said(
    pool: Pool, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = newsroom(capsys, "users", "list", "--stack", "khong-co")
    assert code == 1
    assert err == (
        "newsroom: không có stack khong-co ở vùng us-east-1 "
        "(xem tên các stack: `aws cloudformation list-stacks`)\n"
    )

    pool.stack("cu", outputs={"SiteUrl": "https://tintuc.example.gov.vn"})
    code, _, err = newsroom(capsys, "--lang", "en", "users", "list", "--stack", "cu")
    assert code == 1
    assert err.startswith("newsroom: the stack cu has no UserPoolId output")


def test_the_stack_can_be_in_another_region(capsys: pytest.CaptureFixture[str]) -> None:
    with mock_aws():
        code, _, err = newsroom(
            capsys, "users", "list", "--stack", STACK, "--region", "ap-southeast-1"
        )
    assert code == 1 and "không có stack newsroom-test ở vùng ap-southeast-1" in err


def test_without_aws_credentials_it_says_how_to_get_them(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for variable in (
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
    ):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")

    code, _, err = newsroom(capsys, "users", "list", "--stack", STACK)

    assert code == 1
    assert err.startswith("newsroom: chưa có thông tin đăng nhập AWS (credentials)")


def test_without_a_region_it_asks_for_one(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("AWS_REGION")
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))

    code, _, err = newsroom(capsys, "users", "list", "--stack", STACK)

    assert code == 1 and err.startswith("newsroom: chưa rõ stack ở vùng AWS nào: thêm --region")


def test_without_a_stack_and_no_local_stack_running_it_says_what_to_do(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("NEWSROOM_STACK", raising=False)

    code, _, err = newsroom(capsys, "users", "list", "--data-dir", str(tmp_path))

    assert code == 1
    assert err == (
        "newsroom: không có hệ thống cục bộ nào đang chạy (chạy `newsroom dev` trước), "
        "hoặc dùng --stack TÊN để làm việc với user pool trên AWS\n"
    )


def test_the_stack_comes_from_newsroom_stack_when_not_given(
    pool: Pool, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSROOM_STACK", STACK)

    code, out, _ = newsroom(capsys, "users", "add", "lan.tran@example.gov.vn", "--role", "editor")

    assert code == 0 and "Cognito đã gửi" in out
    assert user_pool.POOL_OUTPUT == "UserPoolId"
