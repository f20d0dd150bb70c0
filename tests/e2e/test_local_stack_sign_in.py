"""The desk signs in from the browser against the local stack as against Cognito.

Every call is what the desk's page sends: a JSON POST to the local cloud's URL with
`X-Amz-Target: AWSCognitoIdentityProviderService.<Op>`, from the desk's origin (the
API's), after the browser's CORS preflight; the tokens it gets are then used on the
local API.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import httpx
import jwt
import pytest
from newsroom_local.demo_sign_ins import DEMO_SIGN_INS
from newsroom_local.launch import StackProcess

from tests.cognito_users import add_user

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("local_stack")]

TARGET = "AWSCognitoIdentityProviderService."
TEMPORARY = "Tam-thoi-2026-xyz"
CHOSEN = "Mat-khau-moi-2026"
DRAFT = {
    "title": "Bài viết của biên tập viên mới",
    "body": "Nội dung.",
    "category": "tin-tuc",
    "author": "Ban biên tập",
}


def cognito(stack: StackProcess, operation: str, body: dict[str, Any]) -> httpx.Response:
    """One call of Cognito's API, as the desk's page makes it."""
    return httpx.post(
        stack.cloud_endpoint + "/",
        content=json.dumps(body),
        headers={
            "Origin": stack.api_url,
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": TARGET + operation,
        },
    )


def client_id(stack: StackProcess) -> str:
    assert stack.info is not None
    return stack.info.user_pool_client_id


def sign_in(stack: StackProcess, username: str, password: str) -> httpx.Response:
    return cognito(
        stack,
        "InitiateAuth",
        {
            "ClientId": client_id(stack),
            "AuthFlow": "USER_PASSWORD_AUTH",
            "AuthParameters": {"USERNAME": username, "PASSWORD": password},
        },
    )


def refresh(stack: StackProcess, refresh_token: str) -> httpx.Response:
    return cognito(
        stack,
        "InitiateAuth",
        {
            "ClientId": client_id(stack),
            "AuthFlow": "REFRESH_TOKEN_AUTH",
            "AuthParameters": {"REFRESH_TOKEN": refresh_token},
        },
    )


def refused(response: httpx.Response, error_type: str) -> str:
    """The message of a refusal of `error_type`, checked as the desk reads it."""
    assert response.status_code == 400, response.text
    assert response.headers["access-control-allow-origin"] in {
        "*",
        str(response.request.headers["origin"]),
    }
    body = response.json()
    assert body["__type"] == error_type, body
    return str(body["message"])


def new_user(stack: StackProcess, role: str) -> str:
    """A user an administrator has just added, with a temporary password."""
    assert stack.info is not None
    username = f"moi-{uuid.uuid4().hex[:8]}@example.gov.vn"
    add_user(stack.client("cognito-idp"), stack.info.user_pool_id, username, role, TEMPORARY)
    return username


def new_password(stack: StackProcess, username: str, challenge: httpx.Response) -> httpx.Response:
    """The answer to a first sign-in's NEW_PASSWORD_REQUIRED `challenge`: CHOSEN."""
    return cognito(
        stack,
        "RespondToAuthChallenge",
        {
            "ClientId": client_id(stack),
            "ChallengeName": "NEW_PASSWORD_REQUIRED",
            "Session": challenge.json()["Session"],
            "ChallengeResponses": {"USERNAME": username, "NEW_PASSWORD": CHOSEN},
        },
    )


def first_sign_in(stack: StackProcess, username: str) -> dict[str, Any]:
    challenge = sign_in(stack, username, TEMPORARY)
    assert challenge.status_code == 200, challenge.text
    assert challenge.json()["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    answer = new_password(stack, username, challenge)
    assert answer.status_code == 200, answer.text
    tokens: dict[str, Any] = answer.json()["AuthenticationResult"]
    return tokens


def api_get(stack: StackProcess, token: str) -> httpx.Response:
    return httpx.get(stack.api_url + "/articles", headers={"Authorization": f"Bearer {token}"})


def test_the_browsers_preflight_for_a_cognito_call_is_allowed_from_the_desk(
    local_stack: StackProcess,
) -> None:
    response = httpx.options(
        local_stack.cloud_endpoint + "/",
        headers={
            "Origin": local_stack.api_url,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type,x-amz-target",
        },
    )

    assert 200 <= response.status_code < 300
    assert response.headers["access-control-allow-origin"] in {"*", local_stack.api_url}
    allowed = {
        h.strip().lower() for h in response.headers["access-control-allow-headers"].split(",")
    }
    assert {"content-type", "x-amz-target"} <= allowed or "*" in allowed
    assert "POST" in response.headers["access-control-allow-methods"]


def test_a_new_user_sets_a_password_and_the_api_accepts_both_tokens(
    local_stack: StackProcess,
) -> None:
    username = new_user(local_stack, "editor")

    tokens = first_sign_in(local_stack, username)

    identity = jwt.decode(tokens["IdToken"], options={"verify_signature": False})
    assert identity["cognito:groups"] == ["editor"] and identity["email"] == username
    access = jwt.decode(tokens["AccessToken"], options={"verify_signature": False})
    assert access["cognito:groups"] == ["editor"] and access["username"] == username
    assert api_get(local_stack, tokens["AccessToken"]).status_code == 200
    created = httpx.post(
        local_stack.api_url + "/articles",
        json=DRAFT,
        headers={"Authorization": f"Bearer {tokens['IdToken']}"},
    )
    assert created.status_code == 201, created.text
    assert created.json()["updated_by"] == username


def test_the_session_refreshes_then_ends_when_the_desk_signs_out(
    local_stack: StackProcess,
) -> None:
    username = new_user(local_stack, "reporter")
    tokens = first_sign_in(local_stack, username)

    refreshed = refresh(local_stack, tokens["RefreshToken"])
    assert refreshed.status_code == 200, refreshed.text
    assert refreshed.headers["access-control-allow-origin"] in {"*", local_stack.api_url}
    renewed = refreshed.json()["AuthenticationResult"]
    assert "RefreshToken" not in renewed
    assert api_get(local_stack, renewed["AccessToken"]).status_code == 200

    revoked = cognito(
        local_stack,
        "RevokeToken",
        {"ClientId": client_id(local_stack), "Token": tokens["RefreshToken"]},
    )
    assert (revoked.status_code, revoked.json()) == (200, {})
    assert refused(refresh(local_stack, tokens["RefreshToken"]), "NotAuthorizedException")

    again = sign_in(local_stack, username, CHOSEN).json()["AuthenticationResult"]
    signed_out = cognito(local_stack, "GlobalSignOut", {"AccessToken": again["AccessToken"]})
    assert signed_out.status_code == 200, signed_out.text
    refused(refresh(local_stack, again["RefreshToken"]), "NotAuthorizedException")
    refused(
        cognito(local_stack, "GetUser", {"AccessToken": again["AccessToken"]}),
        "NotAuthorizedException",
    )


def test_a_disabled_user_cannot_sign_in_or_refresh(local_stack: StackProcess) -> None:
    assert local_stack.info is not None
    username = new_user(local_stack, "editor")
    tokens = first_sign_in(local_stack, username)

    local_stack.client("cognito-idp").admin_disable_user(
        UserPoolId=local_stack.info.user_pool_id, Username=username
    )

    assert (
        refused(sign_in(local_stack, username, CHOSEN), "NotAuthorizedException")
        == "User is disabled."
    )
    assert refused(refresh(local_stack, tokens["RefreshToken"]), "NotAuthorizedException") == (
        "User is disabled."
    )


def test_a_wrong_password_and_an_unknown_user_look_the_same(local_stack: StackProcess) -> None:
    username = new_user(local_stack, "editor")
    first_sign_in(local_stack, username)

    wrong = refused(sign_in(local_stack, username, "Sai-mat-khau-2026"), "NotAuthorizedException")
    unknown = refused(
        sign_in(local_stack, "ai.do@example.gov.vn", CHOSEN), "NotAuthorizedException"
    )

    assert wrong == unknown == "Incorrect username or password."


def test_the_demo_sign_ins_are_printed_with_the_desk_and_work_at_once(
    local_stack: StackProcess,
) -> None:
    printed = local_stack.output()
    assert f"Bàn biên tập:  {local_stack.api_url}/desk/" in printed
    for demo in DEMO_SIGN_INS:
        line = rf"\n  {demo.role} +{re.escape(demo.email)} +mật khẩu {demo.password}\n"
        assert re.search(line, printed), printed
        answer = sign_in(local_stack, demo.email, demo.password)
        assert answer.status_code == 200, answer.text
        tokens = answer.json()["AuthenticationResult"]  # no new password asked
        identity = jwt.decode(tokens["IdToken"], options={"verify_signature": False})
        assert identity["cognito:groups"] == [demo.role]
        assert api_get(local_stack, tokens["IdToken"]).status_code == 200
    # The users `newsroom token` signs in are there as before.
    assert api_get(local_stack, local_stack.token("admin")).status_code == 200
