"""Tokens that must not get in, against the local stack's JWT authorizer (as API Gateway's):
a forged signature, `alg: none`, an HMAC "signed" with the pool's public key, a payload
changed after signing; and a reporter on an editor's route. Nothing changes."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

import httpx
import pytest
from newsroom_local.launch import StackProcess

from tests.reliability.local_stack import draft

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("local_stack")]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _parts(token: str) -> tuple[dict[str, Any], dict[str, Any], str]:
    header, payload, signature = token.split(".")
    return json.loads(_unb64(header)), json.loads(_unb64(payload)), signature


def _token(header: dict[str, Any], payload: dict[str, Any], signature: str) -> str:
    return ".".join(
        [_b64(json.dumps(header).encode()), _b64(json.dumps(payload).encode()), signature]
    )


def _forgeries(editor_token: str, reporter_token: str) -> dict[str, str]:
    header, payload, signature = _parts(editor_token)
    r_header, r_payload, r_signature = _parts(reporter_token)
    flipped = ("A" if signature[10] != "A" else "B").join([signature[:10], signature[11:]])
    promoted = {**r_payload, "cognito:groups": ["editor", "admin"]}
    hs_header = {"alg": "HS256", "typ": "JWT", "kid": header.get("kid")}
    signing_input = f"{_b64(json.dumps(hs_header).encode())}.{_b64(json.dumps(payload).encode())}"
    hs_signature = _b64(
        hmac.new(str(header.get("kid")).encode(), signing_input.encode(), hashlib.sha256).digest()
    )
    return {
        "forged signature": f"{editor_token.rsplit('.', 1)[0]}.{flipped}",
        "alg none": _token({"alg": "none", "typ": "JWT"}, payload, ""),
        "alg none with kid": _token({**header, "alg": "none"}, payload, ""),
        "HS256 with the key id as secret": f"{signing_input}.{hs_signature}",
        "reporter promoted in the payload": _token(r_header, promoted, r_signature),
        "signature removed": editor_token.rsplit(".", 1)[0] + ".",
        "not a token": "Bearer.Bearer.Bearer",
    }


def test_forged_tokens_get_401_and_change_nothing(local_stack: StackProcess) -> None:
    forgeries = _forgeries(local_stack.token("editor"), local_stack.token("reporter"))
    # The stack publishes its demo article after it starts: let it, so that only a
    # forged request could change the list below.
    local_stack.wait_for_demo()
    with httpx.Client(base_url=local_stack.api_url, timeout=30) as http:
        editor = {"Authorization": f"Bearer {local_stack.token('editor')}"}
        before = http.get("/articles", headers=editor, params={"limit": "100"}).json()
        for name, token in forgeries.items():
            headers = {"Authorization": f"Bearer {token}"}
            created = http.post("/articles", json=draft(f"Giả mạo: {name}"), headers=headers)
            assert created.status_code == 401, (name, created.text)
            assert http.get("/articles", headers=headers).status_code == 401, name
        after = http.get("/articles", headers=editor, params={"limit": "100"}).json()
    # The same articles with the same titles (the demo's photos may finish meanwhile).
    titles = [{(a["id"], a["title"]) for a in answer["articles"]} for answer in (before, after)]
    assert titles[0] == titles[1]


def test_a_reporter_on_an_editors_route_gets_403(local_stack: StackProcess) -> None:
    reporter = {"Authorization": f"Bearer {local_stack.token('reporter')}"}
    with httpx.Client(base_url=local_stack.api_url, timeout=30, headers=reporter) as http:
        article = http.post("/articles", json=draft("Bài của phóng viên")).json()
        answer = http.post(f"/articles/{article['id']}/publish")
        assert answer.status_code == 403, answer.text
        assert http.get(f"/articles/{article['id']}").json()["status"] == "draft"
