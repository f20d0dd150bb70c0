"""The newsroom's user pool, where `newsroom users` adds editors and changes them.

Which pool: a deployed stack's (`--stack NAME`: its `UserPoolId` output, read with the
AWS credentials and region of the environment, or `--region`), else the pool of the
local stack running on the data directory. A user's name is its e-mail address
(lower case; the pool ignores case anyway), verified, and its role is exactly one of
the groups `reporter`, `editor`, `admin`.

Cognito e-mails a new user a temporary password; the local stack e-mails nobody, so
there the temporary password is made here and handed back for the command to print.
Either way the first sign-in asks for a new password. Every refusal of AWS or of the
local stack becomes a `CommandError`: one line, in the command's language.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    EndpointConnectionError,
    NoCredentialsError,
    NoRegionError,
    PartialCredentialsError,
)

from newsroom_cli.errors import CommandError
from newsroom_cli.local import running_stack
from newsroom_cli.messages import say

ROLES = ("reporter", "editor", "admin")
POOL_OUTPUT = "UserPoolId"
# Cognito's limit on a user name; an e-mail address is one word with an @ and a dot.
MAX_EMAIL = 128
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
# For temporary passwords read out or typed: no 0/O, 1/l/I.
_PASSWORD_CHARACTERS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # noqa: S105
_REFUSALS = {
    "AccessDeniedException",
    "AccessDenied",
    "UnrecognizedClientException",
    "InvalidClientTokenId",
    "ExpiredTokenException",
    "ExpiredToken",
    "SignatureDoesNotMatch",
}


def email_address(text: str) -> str:
    """The e-mail address a user signs in with, in lower case; a mistake says why."""
    email = text.strip().lower()
    if len(email) > MAX_EMAIL or not _EMAIL.fullmatch(email):
        raise CommandError(say("users.invalid_email", email=text))
    return email


def temporary_password() -> str:
    """A temporary password the pool's policy accepts: 16 letters and digits in fours."""
    while True:
        password = "-".join(
            "".join(secrets.choice(_PASSWORD_CHARACTERS) for _ in range(4)) for _ in range(4)
        )
        if (
            any(c.islower() for c in password)
            and any(c.isupper() for c in password)
            and any(c.isdigit() for c in password)
        ):
            return password


@dataclass(frozen=True)
class Account:
    """A user of the pool as `newsroom users list` shows it."""

    email: str
    roles: tuple[str, ...]
    status: str  # Cognito's: CONFIRMED, FORCE_CHANGE_PASSWORD, RESET_REQUIRED, ...
    enabled: bool
    created: datetime


@contextmanager
def _answers(email: str = "") -> Iterator[None]:
    """AWS's refusals, and the SDK's, as one line each."""
    try:
        yield
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        message = error.response.get("Error", {}).get("Message", "") or str(error)
        if code == "UsernameExistsException":
            raise CommandError(say("users.exists", email=email)) from None
        if code == "UserNotFoundException":
            raise CommandError(say("users.no_such_user", email=email)) from None
        if code in _REFUSALS:
            raise CommandError(say("users.aws_refused", error=message)) from None
        raise CommandError(say("users.pool_refused", error=message)) from None
    except (NoCredentialsError, PartialCredentialsError):
        raise CommandError(say("users.no_credentials")) from None
    except NoRegionError:
        raise CommandError(say("users.no_region")) from None
    except EndpointConnectionError as error:
        raise CommandError(say("users.unreachable", error=error)) from None
    except BotoCoreError as error:
        raise CommandError(say("users.pool_refused", error=error)) from None


@dataclass
class UserPool:
    """One user pool, and whether Cognito e-mails its new users (AWS) or nobody does."""

    cognito: Any
    pool_id: str
    sends_email: bool

    def add(self, email: str, role: str) -> str | None:
        """Create the user in `role`; the temporary password when nobody e-mails it."""
        request: dict[str, Any] = {
            "UserPoolId": self.pool_id,
            "Username": email,
            "UserAttributes": [
                {"Name": "email", "Value": email},
                {"Name": "email_verified", "Value": "true"},
            ],
        }
        password = None
        if self.sends_email:
            request["DesiredDeliveryMediums"] = ["EMAIL"]
        else:
            password = temporary_password()
            request.update(TemporaryPassword=password, MessageAction="SUPPRESS")
        with _answers(email):
            self.cognito.admin_create_user(**request)
        try:
            with _answers(email):
                self.cognito.admin_add_user_to_group(
                    UserPoolId=self.pool_id, Username=email, GroupName=role
                )
        except CommandError:
            # No user without a role: take it back (its invitation, if sent, leads nowhere).
            with _answers(email):
                self.cognito.admin_delete_user(UserPoolId=self.pool_id, Username=email)
            raise
        return password

    def accounts(self) -> list[Account]:
        """Every user, with its roles, by e-mail address."""
        roles: dict[str, list[str]] = {}
        users: list[dict[str, Any]] = []
        with _answers():
            for role in ROLES:
                for page in self.cognito.get_paginator("list_users_in_group").paginate(
                    UserPoolId=self.pool_id, GroupName=role
                ):
                    for user in page["Users"]:
                        roles.setdefault(user["Username"], []).append(role)
            for page in self.cognito.get_paginator("list_users").paginate(UserPoolId=self.pool_id):
                users.extend(page["Users"])
        accounts = []
        for user in users:
            attributes = {a["Name"]: a["Value"] for a in user.get("Attributes", [])}
            accounts.append(
                Account(
                    email=attributes.get("email") or user["Username"],
                    roles=tuple(roles.get(user["Username"], [])),
                    status=str(user.get("UserStatus", "")),
                    enabled=bool(user.get("Enabled", True)),
                    created=user["UserCreateDate"],
                )
            )
        return sorted(accounts, key=lambda account: account.email)

    def disable(self, email: str) -> None:
        with _answers(email):
            self.cognito.admin_disable_user(UserPoolId=self.pool_id, Username=email)

    def enable(self, email: str) -> None:
        with _answers(email):
            self.cognito.admin_enable_user(UserPoolId=self.pool_id, Username=email)

    def set_role(self, email: str, role: str) -> tuple[str, ...]:
        """Leave the user in exactly `role`; returns the roles it had."""
        with _answers(email):
            groups = self.cognito.admin_list_groups_for_user(
                UserPoolId=self.pool_id, Username=email
            )["Groups"]
            names = {g["GroupName"] for g in groups}
            before = tuple(r for r in ROLES if r in names)
            # The new role first: the user is never left without one.
            if role not in before:
                self.cognito.admin_add_user_to_group(
                    UserPoolId=self.pool_id, Username=email, GroupName=role
                )
            for other in before:
                if other != role:
                    self.cognito.admin_remove_user_from_group(
                        UserPoolId=self.pool_id, Username=email, GroupName=other
                    )
        return before


def stack_pool(stack: str, region: str | None) -> UserPool:
    """The pool a deployed stack's `UserPoolId` output names."""
    import boto3

    with _answers():
        session = boto3.session.Session(region_name=region or None)
        cloudformation = session.client("cloudformation")
        try:
            described = cloudformation.describe_stacks(StackName=stack)["Stacks"][0]
        except ClientError as error:
            if "does not exist" in str(error.response.get("Error", {}).get("Message", "")):
                raise CommandError(
                    say("users.no_stack", stack=stack, region=session.region_name)
                ) from None
            raise
        outputs = {o["OutputKey"]: o["OutputValue"] for o in described.get("Outputs", [])}
        if not outputs.get(POOL_OUTPUT):
            raise CommandError(say("users.no_pool_output", stack=stack, output=POOL_OUTPUT))
        return UserPool(session.client("cognito-idp"), outputs[POOL_OUTPUT], sends_email=True)


def local_pool(data_dir: Path | None) -> UserPool:
    """The pool of the local stack running on `data_dir` (`.newsroom` by default)."""
    info = running_stack(data_dir)
    if info is None:
        raise CommandError(say("users.no_local_stack"))
    from newsroom_local.tokens import cognito_client

    return UserPool(cognito_client(info), info.user_pool_id, sends_email=False)


def user_pool(stack: str, region: str | None, data_dir: Path | None) -> UserPool:
    """The deployed stack's pool when one is named, else the local stack's."""
    return stack_pool(stack, region) if stack else local_pool(data_dir)
