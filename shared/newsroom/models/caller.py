"""Who is asking: a signed-in user of the newsroom and the roles the user pool gives it.

The editorial policy (`newsroom.editorial.policy`) decides by these; the API makes one
from the claims of the caller's token (`newsroom.api.claims`).
"""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Role(StrEnum):
    """The user pool's groups."""

    REPORTER = "reporter"
    EDITOR = "editor"
    ADMIN = "admin"


class Caller(BaseModel):
    """A signed-in user of the newsroom."""

    model_config = ConfigDict(frozen=True)

    user_id: str
    username: str
    roles: frozenset[Role]

    def has_any(self, *roles: Role) -> bool:
        """Whether the caller is in one of `roles`."""
        return bool(self.roles.intersection(roles))
