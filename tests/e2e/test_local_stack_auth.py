"""The local API refuses every request without a valid token: 401, before any handler runs."""

from __future__ import annotations

import gzip
import json
import time
from importlib import resources
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from newsroom_local.launch import StackProcess

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("local_stack")]

DRAFT = {
    "title": "Bài viết không được phép tạo",
    "body": "Nội dung.",
    "category": "tin-tuc",
    "author": "Không rõ",
}


def _moto_signing_key() -> Any:
    """The key moto's user pools sign with (it publishes the public half as kid `dummy`)."""
    packed = resources.files("moto.cognitoidp").joinpath("resources/jwks-private.json.gz")
    return jwt.PyJWK(json.loads(gzip.decompress(packed.read_bytes())))


def _claims(stack: StackProcess, **changes: Any) -> dict[str, Any]:
    token = stack.token("editor")
    claims: dict[str, Any] = jwt.decode(token, options={"verify_signature": False})
    claims.update(changes)
    return claims


def _post(
    stack: StackProcess, authorization: str | None, draft: dict[str, str] = DRAFT
) -> httpx.Response:
    headers = {"Authorization": authorization} if authorization is not None else {}
    return httpx.post(stack.api_url + "/articles", json=draft, headers=headers)


def _titles(stack: StackProcess) -> list[str]:
    response = httpx.get(
        stack.api_url + "/articles",
        headers={"Authorization": f"Bearer {stack.token('editor')}"},
    )
    assert response.status_code == 200, response.text
    return [a["title"] for a in response.json()["articles"]]


def test_a_valid_token_is_let_through(local_stack: StackProcess) -> None:
    response = httpx.get(
        local_stack.api_url + "/articles",
        headers={"Authorization": f"Bearer {local_stack.token('reporter')}"},
    )
    assert response.status_code == 200


def test_a_token_signed_with_the_pool_key_but_expired_is_refused(
    local_stack: StackProcess,
) -> None:
    key = _moto_signing_key()
    now = int(time.time())
    fresh = jwt.encode(_claims(local_stack), key.key, "RS256", headers={"kid": "dummy"})
    expired = jwt.encode(
        _claims(local_stack, iat=now - 7200, exp=now - 3600),
        key.key,
        "RS256",
        headers={"kid": "dummy"},
    )
    accepted = _post(local_stack, f"Bearer {fresh}", {**DRAFT, "title": "Bài viết hợp lệ"})
    assert accepted.status_code == 201  # the key is the pool's
    response = _post(local_stack, f"Bearer {expired}")
    assert response.status_code == 401
    assert response.json() == {"message": "Unauthorized"}


@pytest.mark.parametrize("case", ["missing", "empty", "garbage", "forged", "tampered", "none"])
def test_requests_without_a_valid_token_get_401_and_change_nothing(
    local_stack: StackProcess, case: str
) -> None:
    claims = _claims(local_stack, **{"cognito:groups": ["admin"]})
    own_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    real = local_stack.token("reporter")
    header, _, signature = real.split(".")
    other_payload = jwt.utils.base64url_encode(json.dumps(claims).encode()).decode()
    authorization = {
        "missing": None,
        "empty": "Bearer",
        "garbage": "Bearer not.a.token",
        "forged": "Bearer " + jwt.encode(claims, own_key, "RS256", headers={"kid": "dummy"}),
        "tampered": f"Bearer {header}.{other_payload}.{signature}",
        "none": "Bearer " + jwt.encode(claims, None, algorithm="none"),
    }[case]
    response = _post(local_stack, authorization)
    assert response.status_code == 401
    assert response.json() == {"message": "Unauthorized"}
    assert DRAFT["title"] not in _titles(local_stack)


def test_a_token_of_another_user_pool_is_refused(local_stack: StackProcess) -> None:
    cognito = local_stack.client("cognito-idp")
    pool = cognito.create_user_pool(PoolName="another-pool")["UserPool"]["Id"]
    client = cognito.create_user_pool_client(
        UserPoolId=pool, ClientName="other", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"]
    )["UserPoolClient"]["ClientId"]
    cognito.admin_create_user(UserPoolId=pool, Username="intruder", MessageAction="SUPPRESS")
    cognito.admin_set_user_password(
        UserPoolId=pool, Username="intruder", Password="Intruder-Password-1", Permanent=True
    )
    token = cognito.initiate_auth(
        ClientId=client,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "intruder", "PASSWORD": "Intruder-Password-1"},
    )["AuthenticationResult"]["AccessToken"]
    assert _post(local_stack, f"Bearer {token}").status_code == 401
    cognito.delete_user_pool(UserPoolId=pool)


def test_routes_declared_without_an_authorizer_need_no_token(local_stack: StackProcess) -> None:
    response = httpx.get(local_stack.api_url + "/openapi.json")
    assert response.status_code == 200
    assert "paths" in response.json()


def test_an_unknown_route_gets_api_gateway_404(local_stack: StackProcess) -> None:
    response = httpx.get(local_stack.api_url + "/no-such-route")
    assert response.status_code == 404
    assert response.json() == {"message": "Not Found"}
