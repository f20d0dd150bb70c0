"""The local user pool signs the desk in as Cognito does: the template's pool and client on
moto in-process, with the local cloud's changes to moto (newsroom_local.cognito)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import jwt
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws
from newsroom_local import cognito
from newsroom_local.demo_sign_ins import DEMO_PASSWORD, DEMO_SIGN_INS, ensure_demo_sign_ins
from newsroom_local.resources import create_resources
from newsroom_local.state import StateStore
from newsroom_local.template import load_template

from tests.cognito_users import add_user

TEMPORARY = "Tam-thoi-2026-xyz"
CHOSEN = "Mat-khau-moi-2026"


def _client(service: str) -> Any:
    return boto3.client(service, region_name="us-east-1")


@dataclass
class LocalPool:
    """The template's user pool and client, made as the local stack makes them."""

    idp: Any
    pool_id: str
    client_id: str

    def add(self, username: str, role: str = "editor", password: str = TEMPORARY) -> None:
        add_user(self.idp, self.pool_id, username, role, password)

    def sign_in(self, username: str, password: str) -> dict[str, Any]:
        answer: dict[str, Any] = self.idp.initiate_auth(
            ClientId=self.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": username, "PASSWORD": password},
        )
        return answer

    def first_sign_in(self, username: str) -> dict[str, Any]:
        challenge = self.sign_in(username, TEMPORARY)
        assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
        answer = self.idp.respond_to_auth_challenge(
            ClientId=self.client_id,
            ChallengeName="NEW_PASSWORD_REQUIRED",
            Session=challenge["Session"],
            ChallengeResponses={"USERNAME": username, "NEW_PASSWORD": CHOSEN},
        )
        tokens: dict[str, Any] = answer["AuthenticationResult"]
        return tokens

    def refresh(self, refresh_token: str) -> dict[str, Any]:
        answer: dict[str, Any] = self.idp.initiate_auth(
            ClientId=self.client_id,
            AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": refresh_token},
        )
        return answer["AuthenticationResult"]


@pytest.fixture
def pool() -> Iterator[LocalPool]:
    with mock_aws():
        cognito.install()
        try:
            env = create_resources(load_template())
            yield LocalPool(_client("cognito-idp"), env.ref("UserPool"), env.ref("UserPoolClient"))
        finally:
            cognito.uninstall()


def _refused(call: Any, code: str, message: str | None = None) -> None:
    with pytest.raises(ClientError) as refusal:
        call()
    assert refusal.value.response["Error"]["Code"] == code
    if message is not None:
        assert refusal.value.response["Error"]["Message"] == message


def _claims(token: str) -> dict[str, Any]:
    claims: dict[str, Any] = jwt.decode(token, options={"verify_signature": False})
    return claims


def test_the_template_client_is_made_with_its_flows_lifetimes_and_revocation(
    pool: LocalPool,
) -> None:
    client = pool.idp.describe_user_pool_client(UserPoolId=pool.pool_id, ClientId=pool.client_id)
    settings = client["UserPoolClient"]
    assert "ClientSecret" not in settings
    assert {"ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"} <= set(
        settings["ExplicitAuthFlows"]
    )
    assert settings["EnableTokenRevocation"] is True
    assert settings["PreventUserExistenceErrors"] == "ENABLED"
    assert (settings["AccessTokenValidity"], settings["IdTokenValidity"]) == (60, 60)
    assert settings["RefreshTokenValidity"] == 30
    assert settings["TokenValidityUnits"] == {
        "AccessToken": "minutes",
        "IdToken": "minutes",
        "RefreshToken": "days",
    }


def test_a_first_sign_in_sets_a_password_and_the_tokens_say_who_and_in_which_group(
    pool: LocalPool,
) -> None:
    pool.add("bientap@example.gov.vn", "editor")

    tokens = pool.first_sign_in("bientap@example.gov.vn")

    identity, access = _claims(tokens["IdToken"]), _claims(tokens["AccessToken"])
    assert identity["cognito:groups"] == access["cognito:groups"] == ["editor"]
    assert identity["cognito:username"] == access["username"] == "bientap@example.gov.vn"
    assert identity["email"] == "bientap@example.gov.vn"
    assert identity["email_verified"] is True
    assert identity["token_use"] == "id" and access["token_use"] == "access"
    assert identity["exp"] - identity["iat"] == 3600
    assert tokens["RefreshToken"]
    # From now on the chosen password signs in without a challenge.
    assert "AuthenticationResult" in pool.sign_in("bientap@example.gov.vn", CHOSEN)


def test_a_new_password_must_meet_the_templates_policy(pool: LocalPool) -> None:
    pool.add("bientap@example.gov.vn")
    challenge = pool.sign_in("bientap@example.gov.vn", TEMPORARY)
    for weak in ("Ngan-2026", "khong-co-chu-hoa-2026", "Khong-Co-Chu-So"):
        _refused(
            lambda weak=weak: pool.idp.respond_to_auth_challenge(
                ClientId=pool.client_id,
                ChallengeName="NEW_PASSWORD_REQUIRED",
                Session=challenge["Session"],
                ChallengeResponses={"USERNAME": "bientap@example.gov.vn", "NEW_PASSWORD": weak},
            ),
            "InvalidPasswordException",
        )


def test_names_are_matched_whatever_their_case_and_tokens_carry_the_stored_one(
    pool: LocalPool,
) -> None:
    pool.add("bientap@example.gov.vn")
    pool.first_sign_in("bientap@example.gov.vn")

    tokens = pool.sign_in("BienTap@Example.gov.vn", CHOSEN)["AuthenticationResult"]

    assert _claims(tokens["AccessToken"])["username"] == "bientap@example.gov.vn"
    _refused(lambda: pool.add("BIENTAP@example.gov.vn"), "UsernameExistsException")


def test_an_unknown_user_is_told_what_a_wrong_password_is_told(pool: LocalPool) -> None:
    pool.add("bientap@example.gov.vn")
    pool.first_sign_in("bientap@example.gov.vn")

    for username, password in (
        ("ai.do@example.gov.vn", CHOSEN),
        ("bientap@example.gov.vn", "Sai-2026-abc"),
    ):
        _refused(
            lambda u=username, p=password: pool.sign_in(u, p),
            "NotAuthorizedException",
            "Incorrect username or password.",
        )


def test_a_flow_the_client_does_not_allow_is_refused(pool: LocalPool) -> None:
    _refused(
        lambda: pool.idp.initiate_auth(
            ClientId=pool.client_id,
            AuthFlow="CUSTOM_AUTH",
            AuthParameters={"USERNAME": "bientap@example.gov.vn"},
        ),
        "InvalidParameterException",
        "CUSTOM_AUTH flow not enabled for this client",
    )


def test_a_challenge_needs_its_own_session_and_user(pool: LocalPool) -> None:
    pool.add("bientap@example.gov.vn")
    pool.add("phongvien@example.gov.vn", "reporter")
    challenge = pool.sign_in("bientap@example.gov.vn", TEMPORARY)
    for session, username in (
        ("a-session-nobody-was-given", "bientap@example.gov.vn"),
        (challenge["Session"], "phongvien@example.gov.vn"),
    ):
        _refused(
            lambda s=session, u=username: pool.idp.respond_to_auth_challenge(
                ClientId=pool.client_id,
                ChallengeName="NEW_PASSWORD_REQUIRED",
                Session=s,
                ChallengeResponses={"USERNAME": u, "NEW_PASSWORD": CHOSEN},
            ),
            "NotAuthorizedException",
            "Invalid session for the user.",
        )
    assert (
        pool.idp.admin_get_user(UserPoolId=pool.pool_id, Username="phongvien@example.gov.vn")[
            "UserStatus"
        ]
        == "FORCE_CHANGE_PASSWORD"
    )


def test_a_refresh_gives_new_tokens_with_the_groups_of_now(pool: LocalPool) -> None:
    pool.add("phongvien@example.gov.vn", "reporter")
    tokens = pool.first_sign_in("phongvien@example.gov.vn")
    pool.idp.admin_add_user_to_group(
        UserPoolId=pool.pool_id, Username="phongvien@example.gov.vn", GroupName="editor"
    )

    refreshed = pool.refresh(tokens["RefreshToken"])

    assert "RefreshToken" not in refreshed
    assert sorted(_claims(refreshed["IdToken"])["cognito:groups"]) == ["editor", "reporter"]


def test_revoking_the_refresh_token_signs_out(pool: LocalPool) -> None:
    pool.add("bientap@example.gov.vn")
    tokens = pool.first_sign_in("bientap@example.gov.vn")
    other_device = pool.sign_in("bientap@example.gov.vn", CHOSEN)["AuthenticationResult"]
    _refused(
        lambda: pool.idp.revoke_token(ClientId=pool.client_id, Token=tokens["AccessToken"]),
        "UnsupportedTokenTypeException",
    )

    pool.idp.revoke_token(ClientId=pool.client_id, Token=tokens["RefreshToken"])
    pool.idp.revoke_token(ClientId=pool.client_id, Token=tokens["RefreshToken"])  # harmless

    _refused(lambda: pool.refresh(tokens["RefreshToken"]), "NotAuthorizedException")
    _refused(lambda: pool.idp.get_user(AccessToken=tokens["AccessToken"]), "NotAuthorizedException")
    # The other device's session is another refresh token: still signed in.
    assert pool.refresh(other_device["RefreshToken"])["AccessToken"]
    pool.idp.get_user(AccessToken=other_device["AccessToken"])


def test_a_global_sign_out_ends_every_session(pool: LocalPool) -> None:
    pool.add("bientap@example.gov.vn")
    tokens = pool.first_sign_in("bientap@example.gov.vn")

    pool.idp.global_sign_out(AccessToken=tokens["AccessToken"])

    _refused(lambda: pool.refresh(tokens["RefreshToken"]), "NotAuthorizedException")


def test_a_disabled_user_cannot_sign_in_or_refresh_until_enabled_again(pool: LocalPool) -> None:
    pool.add("bientap@example.gov.vn")
    tokens = pool.first_sign_in("bientap@example.gov.vn")

    pool.idp.admin_disable_user(UserPoolId=pool.pool_id, Username="bientap@example.gov.vn")

    _refused(
        lambda: pool.sign_in("bientap@example.gov.vn", CHOSEN),
        "NotAuthorizedException",
        "User is disabled.",
    )
    _refused(
        lambda: pool.refresh(tokens["RefreshToken"]), "NotAuthorizedException", "User is disabled."
    )
    _refused(lambda: pool.idp.get_user(AccessToken=tokens["AccessToken"]), "NotAuthorizedException")

    pool.idp.admin_enable_user(UserPoolId=pool.pool_id, Username="bientap@example.gov.vn")
    assert pool.refresh(tokens["RefreshToken"])["AccessToken"]


def test_demo_sign_ins_need_no_new_password_and_keep_what_was_done_to_them(
    pool: LocalPool,
) -> None:
    ensure_demo_sign_ins(pool.idp, pool.pool_id)
    for demo in DEMO_SIGN_INS:
        tokens = pool.sign_in(demo.email, DEMO_PASSWORD)["AuthenticationResult"]
        assert _claims(tokens["IdToken"])["cognito:groups"] == [demo.role]
    reporter = DEMO_SIGN_INS[0].email
    pool.idp.admin_set_user_password(
        UserPoolId=pool.pool_id, Username=reporter, Password=CHOSEN, Permanent=True
    )
    pool.idp.admin_disable_user(UserPoolId=pool.pool_id, Username=reporter)

    ensure_demo_sign_ins(pool.idp, pool.pool_id)  # the next start

    user = pool.idp.admin_get_user(UserPoolId=pool.pool_id, Username=reporter)
    assert user["Enabled"] is False  # disabled by someone: stays so
    pool.idp.admin_enable_user(UserPoolId=pool.pool_id, Username=reporter)
    assert "AuthenticationResult" in pool.sign_in(reporter, DEMO_PASSWORD)  # the printed one


def test_a_restart_keeps_sessions_and_when_users_were_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ids derived from names, as the local cloud makes them: the same pool after a restart.
    monkeypatch.setenv("MOTO_COGNITO_IDP_USER_POOL_ID_STRATEGY", "HASH")
    monkeypatch.setenv("MOTO_COGNITO_IDP_USER_POOL_CLIENT_ID_STRATEGY", "HASH")
    template = load_template()
    with mock_aws():
        cognito.install()
        try:
            env = create_resources(template)
            before = LocalPool(
                _client("cognito-idp"), env.ref("UserPool"), env.ref("UserPoolClient")
            )
            before.add("bientap@example.gov.vn")
            tokens = before.first_sign_in("bientap@example.gov.vn")
            revoked = before.sign_in("bientap@example.gov.vn", CHOSEN)["AuthenticationResult"]
            before.idp.revoke_token(ClientId=before.client_id, Token=revoked["RefreshToken"])
            created = before.idp.admin_get_user(
                UserPoolId=before.pool_id, Username="bientap@example.gov.vn"
            )["UserCreateDate"]
            StateStore(tmp_path, _client).save()
        finally:
            cognito.uninstall()

    with mock_aws():  # a new, empty cloud
        cognito.install()
        try:
            env = create_resources(template)
            StateStore(tmp_path, _client).restore()
            after = LocalPool(
                _client("cognito-idp"), env.ref("UserPool"), env.ref("UserPoolClient")
            )
            assert after.refresh(tokens["RefreshToken"])["AccessToken"]
            _refused(lambda: after.refresh(revoked["RefreshToken"]), "NotAuthorizedException")
            assert (
                after.idp.admin_get_user(
                    UserPoolId=after.pool_id, Username="bientap@example.gov.vn"
                )["UserCreateDate"]
                == created
            )
        finally:
            cognito.uninstall()
