"""Users added to a Cognito user pool (the local stack's, or moto's in-process) as an
administrator adds them, for the sign-in tests."""

from __future__ import annotations

from typing import Any


def add_user(idp: Any, pool_id: str, username: str, role: str, password: str) -> None:
    """`username` (an e-mail address, verified) added to the pool with the temporary
    `password`, no message sent, in `role`'s group."""
    idp.admin_create_user(
        UserPoolId=pool_id,
        Username=username,
        TemporaryPassword=password,
        MessageAction="SUPPRESS",
        UserAttributes=[
            {"Name": "email", "Value": username},
            {"Name": "email_verified", "Value": "true"},
        ],
    )
    idp.admin_add_user_to_group(UserPoolId=pool_id, Username=username, GroupName=role)
