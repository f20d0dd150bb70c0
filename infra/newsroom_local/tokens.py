"""Bearer tokens for the running local stack, issued by its user pool.

Each role has one local user (`local-reporter`, `local-editor`, `local-admin`) in the
group of that name; it is created the first time a token is asked for. The token is
the user's Cognito access token, signed by the local pool, so the local authorizer
verifies it as the cloud's verifies a real one.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from botocore.exceptions import ClientError

from newsroom_local.clients import local_client

ROLES = ("reporter", "editor", "admin")
STACK_FILE = "stack.json"


class StackNotRunning(Exception):
    """No local stack is running on this data directory."""


@dataclass(frozen=True)
class StackInfo:
    """What a running stack writes into its data directory for others to find it."""

    pid: int
    api_url: str
    site_url: str
    cloud_endpoint: str
    region: str
    user_pool_id: str
    user_pool_client_id: str

    def to_json(self) -> str:
        return json.dumps(self.__dict__, indent=2)

    @classmethod
    def read(cls, data_dir: Path) -> StackInfo:
        path = data_dir / STACK_FILE
        try:
            info = cls(**json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            raise StackNotRunning(
                f"no local stack is running on {data_dir} (start one with `newsroom dev`)"
            ) from None
        if not _alive(info.pid):
            raise StackNotRunning(
                f"the local stack on {data_dir} has stopped (start it with `newsroom dev`)"
            )
        return info


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def cognito_client(info: StackInfo) -> Any:
    """A client of the local user pool's service."""
    return local_client("cognito-idp", info.cloud_endpoint, info.region)


def issue_token(info: StackInfo, role: str) -> str:
    """An access token of the local user for `role` (created in its group if needed)."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    cognito = cognito_client(info)
    username = f"local-{role}"
    try:
        cognito.admin_get_user(UserPoolId=info.user_pool_id, Username=username)
    except ClientError as error:
        if error.response["Error"]["Code"] != "UserNotFoundException":
            raise
        cognito.admin_create_user(
            UserPoolId=info.user_pool_id,
            Username=username,
            UserAttributes=[
                {"Name": "email", "Value": f"{username}@example.gov.vn"},
                {"Name": "email_verified", "Value": "true"},
            ],
            MessageAction="SUPPRESS",
        )
        cognito.admin_add_user_to_group(
            UserPoolId=info.user_pool_id, Username=username, GroupName=role
        )
    # A fresh password each time: the token is what callers keep, never the password.
    password = "Local-" + secrets.token_urlsafe(18) + "-9a"
    cognito.admin_set_user_password(
        UserPoolId=info.user_pool_id, Username=username, Password=password, Permanent=True
    )
    return signed_in(info, username, password)


def signed_in(info: StackInfo, username: str, password: str) -> str:
    """The access token of a user of the local pool, signed in as the desk signs in."""
    result = cognito_client(info).initiate_auth(
        ClientId=info.user_pool_client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": password},
    )
    token: str = result["AuthenticationResult"]["AccessToken"]
    return token
