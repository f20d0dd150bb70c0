"""The local user pool answering a browser's sign-in as Cognito does.

The desk signs in with Cognito's own JSON API (`X-Amz-Target:
AWSCognitoIdentityProviderService.<Op>`), which moto's server answers, CORS included
(it answers a preflight from any origin, as Cognito's endpoint does). Where moto
answers otherwise than Cognito, in ways the desk would notice, `install()` changes
moto in the process it is called in (the local cloud, `newsroom_local.cloud`):

- `RevokeToken` (signing out) is not implemented: here it revokes the refresh token
  and the access and ID tokens issued with it; an access or ID token is refused
  (`UnsupportedTokenTypeException`), and so is a client without token revocation;
- the client's `ExplicitAuthFlows` are not enforced: here a flow the client does not
  allow is refused (`InvalidParameterException`), so a template that forgets one
  fails locally as it would on AWS;
- an unknown user gets `UserNotFoundException`; a client that prevents user existence
  errors (`PreventUserExistenceErrors: ENABLED`) gets `NotAuthorizedException`,
  "Incorrect username or password.", as for a wrong password;
- user names are matched as typed; a pool whose `UsernameConfiguration` says
  `CaseSensitive: false` finds `BienTap@demo.local` as `bientap@demo.local`, and the
  tokens carry the name as it is stored;
- disabling a user revokes nothing and the user's refresh token still gives tokens;
  here disabling revokes the user's access tokens (as `AdminDisableUser` does), and a
  refresh for a disabled user is refused ("User is disabled.");
- an answer to a challenge with an unknown session (or naming another user than the
  session's) is `ResourceNotFoundException` (or accepted): here
  `NotAuthorizedException`, "Invalid session for the user.";
- the ID token carries only the attributes a client's `ReadAttributes` names; a client
  that names none reads them all, as in Cognito: `email`, and `email_verified` as a
  boolean, are in the ID token.

What stays different (token lifetimes, sessions that never expire, the wording of a
refused password) is listed in docs/local-stack.md.
"""

from __future__ import annotations

import base64
import json
from typing import Any

# What install() replaced: name -> (the class, moto's own function).
_INSTALLED: dict[str, tuple[Any, Any]] = {}

INCORRECT = "Incorrect username or password."
INVALID_SESSION = "Invalid session for the user."
REFRESH_FLOWS = ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN")
# The flow of InitiateAuth, and the ExplicitAuthFlows value that allows it.
ALLOWED_BY = {
    "USER_PASSWORD_AUTH": "ALLOW_USER_PASSWORD_AUTH",
    "USER_SRP_AUTH": "ALLOW_USER_SRP_AUTH",
    "CUSTOM_AUTH": "ALLOW_CUSTOM_AUTH",
    "REFRESH_TOKEN_AUTH": "ALLOW_REFRESH_TOKEN_AUTH",
    "REFRESH_TOKEN": "ALLOW_REFRESH_TOKEN_AUTH",
}
VERIFIED_FLAGS = ("email_verified", "phone_number_verified")


def _original(name: str) -> Any:
    return _INSTALLED[name][1]


def _error(error_type: str, message: str) -> Exception:
    from moto.core.exceptions import JsonRESTError

    return JsonRESTError(error_type, message)


def _case_sensitive(pool: Any) -> bool:
    configuration = pool.extended_config.get("UsernameConfiguration") or {}
    return bool(configuration.get("CaseSensitive", True))


def _pool_of_client(backend: Any, client_id: str) -> tuple[Any, Any]:
    for pool in list(backend.user_pools.values()):
        client = pool.clients.get(client_id)
        if client is not None:
            return pool, client
    return None, None


def stored_name(pool: Any, username: str) -> str:
    """The user's name as the pool stores it (the name given, when there is no such user)."""
    user = pool._get_user(username) if username else None
    return str(user.username) if user is not None else username


def _claims(token: str) -> dict[str, Any]:
    """A JWT's claims, unverified (the local pool's own tokens); {} for anything else."""
    parts = token.split(".")
    if len(parts) != 3:
        return {}
    try:
        payload = base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4))
        claims = json.loads(payload)
    except ValueError:
        return {}
    return claims if isinstance(claims, dict) else {}


# ---------------------------------------------------------------------- the pool


def _get_user(self: Any, username: str) -> Any:
    user = _original("_get_user")(self, username)
    if user is None and username and not _case_sensitive(self):
        folded = username.lower()
        user = next((u for u in list(self.users.values()) if u.username.lower() == folded), None)
    return user


def get_user_extra_data_by_client_id(self: Any, client_id: str, username: str) -> dict[str, Any]:
    client = self.clients.get(client_id)
    if client is None or client.get_readable_fields():
        extra: dict[str, Any] = _original("get_user_extra_data_by_client_id")(
            self, client_id, username
        )
        return extra
    user = self._get_user(username)
    readable: dict[str, Any] = {}
    for attribute in user.attributes:
        name, value = attribute["Name"], attribute["Value"]
        if name == "sub":
            continue
        readable[name] = value.lower() == "true" if name in VERIFIED_FLAGS else value
    return readable


# ---------------------------------------------------------------------- the backend


def initiate_auth(
    self: Any, client_id: str, auth_flow: str, auth_parameters: dict[str, str]
) -> dict[str, Any]:
    pool, client = _pool_of_client(self, client_id)
    parameters = dict(auth_parameters or {})
    if client is not None:
        allowed = client.extended_config.get("ExplicitAuthFlows") or []
        needed = ALLOWED_BY.get(auth_flow)
        if allowed and needed and needed not in allowed:
            raise _error(
                "InvalidParameterException", f"{auth_flow} flow not enabled for this client"
            )
        if parameters.get("USERNAME"):
            parameters["USERNAME"] = stored_name(pool, parameters["USERNAME"])
        if auth_flow in REFRESH_FLOWS:
            held = pool.refresh_tokens.get(parameters.get("REFRESH_TOKEN", ""))
            user = pool._get_user(held[1]) if held else None
            if user is not None and not user.enabled:
                raise _error("NotAuthorizedException", "User is disabled.")
    from moto.cognitoidp.exceptions import UserNotFoundError

    try:
        result: dict[str, Any] = _original("initiate_auth")(self, client_id, auth_flow, parameters)
    except UserNotFoundError:
        if client is not None and client.extended_config.get("PreventUserExistenceErrors") == (
            "ENABLED"
        ):
            raise _error("NotAuthorizedException", INCORRECT) from None
        raise
    return result


def respond_to_auth_challenge(
    self: Any,
    session: str,
    client_id: str,
    challenge_name: str,
    challenge_responses: dict[str, str],
) -> dict[str, Any]:
    responses = dict(challenge_responses or {})
    if challenge_name != "PASSWORD_VERIFIER":  # SRP's session travels in its responses
        held = self.sessions.get(session)
        if held is None:
            raise _error("NotAuthorizedException", INVALID_SESSION)
        session_user, pool = held
        if responses.get("USERNAME"):
            named = stored_name(pool, responses["USERNAME"])
            if named != stored_name(pool, session_user):
                raise _error("NotAuthorizedException", INVALID_SESSION)
            responses["USERNAME"] = named
    result: dict[str, Any] = _original("respond_to_auth_challenge")(
        self, session, client_id, challenge_name, responses
    )
    return result


def admin_disable_user(self: Any, user_pool_id: str, username: str) -> None:
    _original("admin_disable_user")(self, user_pool_id, username)
    pool = self.describe_user_pool(user_pool_id)
    name = stored_name(pool, username)
    for token, (_, holder) in list(pool.access_tokens.items()):
        if stored_name(pool, holder) == name:
            pool.access_tokens.pop(token, None)


def revoke_token(backend: Any, client_id: str, token: str) -> None:
    """Revoke a refresh token, and the access and ID tokens issued with it."""
    pool, client = _pool_of_client(backend, client_id)
    if client is None:
        raise _error("ResourceNotFoundException", f"User pool client {client_id} does not exist.")
    if not client.extended_config.get("EnableTokenRevocation", True):
        raise _error(
            "UnsupportedOperationException", "Token revocation is not enabled for this client."
        )
    if _claims(token).get("token_use") in {"access", "id"}:
        raise _error("UnsupportedTokenTypeException", "Only refresh tokens can be revoked.")
    held = pool.refresh_tokens.get(token)
    if held is None:  # unknown, or revoked already: nothing more to revoke
        return
    issued_to, _, origin_jti = held
    if issued_to != client_id:
        raise _error("UnauthorizedException", "The token was issued to another client.")
    pool.refresh_tokens[token] = None
    for issued in (pool.access_tokens, pool.id_tokens):
        for other in list(issued):
            if _claims(other).get("origin_jti") == origin_jti:
                issued.pop(other, None)


def _revoke_token_action(self: Any) -> Any:
    """`RevokeToken` as moto's responses answer an action."""
    from moto.cognitoidp.models import RegionAgnosticBackend
    from moto.core.responses import EmptyResult

    client_id = str(self._get_param("ClientId") or "")
    backend = RegionAgnosticBackend(self.current_account, self.region)._find_backend_for_clientid(
        client_id
    )
    revoke_token(backend, client_id, str(self._get_param("Token") or ""))
    return EmptyResult()


# ---------------------------------------------------------------------- install


def install() -> None:
    """Make moto's user pools answer as Cognito does (above), in this process."""
    if _INSTALLED:
        return
    from moto.cognitoidp.models import CognitoIdpBackend, CognitoIdpUserPool
    from moto.cognitoidp.responses import CognitoIdpResponse

    for owner, function in (
        (CognitoIdpUserPool, _get_user),
        (CognitoIdpUserPool, get_user_extra_data_by_client_id),
        (CognitoIdpBackend, initiate_auth),
        (CognitoIdpBackend, respond_to_auth_challenge),
        (CognitoIdpBackend, admin_disable_user),
    ):
        _INSTALLED[function.__name__] = (owner, getattr(owner, function.__name__))
        setattr(owner, function.__name__, function)
    CognitoIdpResponse.revoke_token = _revoke_token_action  # type: ignore[attr-defined]


def uninstall() -> None:
    """Give moto its own behaviour back (tests)."""
    if not _INSTALLED:
        return
    from moto.cognitoidp.responses import CognitoIdpResponse

    for name, (owner, function) in list(_INSTALLED.items()):
        setattr(owner, name, function)
    _INSTALLED.clear()
    del CognitoIdpResponse.revoke_token  # type: ignore[attr-defined]
