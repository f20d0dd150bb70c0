"""Demo sign-ins for the desk: one user per role, with a password known in advance.

The local stack makes them each time it starts, after putting its saved state back:
a user is created the first time (its e-mail as its name, verified, in its role's
group), and its password is set again, permanent, at every start, so the password
`newsroom dev` prints always works and the first sign-in asks for no new one. A
demo user someone disabled or moved to another role stays as they left it.

They are not the users `newsroom token` signs in (`local-reporter`, `local-editor`,
`local-admin`, newsroom_local.tokens); those keep working beside them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError

# Meets the template's password policy (12 characters, upper and lower case, a digit).
DEMO_PASSWORD = "Demo-Tintuc-2026"  # noqa: S105 - a local demo's, printed on purpose


@dataclass(frozen=True)
class DemoSignIn:
    """A demo user of the desk: who to sign in as, and in which role."""

    role: str
    email: str
    password: str = DEMO_PASSWORD


DEMO_SIGN_INS = (
    DemoSignIn("reporter", "phongvien@demo.local"),
    DemoSignIn("editor", "bientap@demo.local"),
    DemoSignIn("admin", "quantri@demo.local"),
)


def ensure_demo_sign_ins(cognito: Any, user_pool_id: str) -> tuple[DemoSignIn, ...]:
    """Every demo user there, with its known password (created in its group if missing)."""
    for demo in DEMO_SIGN_INS:
        try:
            cognito.admin_create_user(
                UserPoolId=user_pool_id,
                Username=demo.email,
                UserAttributes=[
                    {"Name": "email", "Value": demo.email},
                    {"Name": "email_verified", "Value": "true"},
                ],
                TemporaryPassword=demo.password,
                MessageAction="SUPPRESS",
            )
        except ClientError as error:
            if error.response["Error"]["Code"] != "UsernameExistsException":
                raise
        else:
            cognito.admin_add_user_to_group(
                UserPoolId=user_pool_id, Username=demo.email, GroupName=demo.role
            )
        cognito.admin_set_user_password(
            UserPoolId=user_pool_id, Username=demo.email, Password=demo.password, Permanent=True
        )
    return DEMO_SIGN_INS
