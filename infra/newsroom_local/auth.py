"""The HTTP API's JWT authorizer, run locally against the local user pool.

It checks what API Gateway checks before a route's integration runs: a token in the
identity source (the `Authorization` header, with or without `Bearer `), an RS256
signature by a key of the issuer's JWKS, the issuer, `aud` (ID tokens) or `client_id`
(access tokens) among the configured audiences, and `exp`/`nbf`/`iat`. A Cognito
token must also say what it is (`token_use` of `id` or `access`). The handler then
gets the claims the way HTTP APIs pass them: every value a string, arrays as
`[a b]`.
"""

from __future__ import annotations

import json
import threading
import urllib.request
from dataclasses import dataclass, field
from typing import Any

import jwt
from jwt import PyJWK

from newsroom_local.template import Environment, resources_of_type

ALGORITHMS = ["RS256"]
LEEWAY_SECONDS = 0


class Unauthorized(Exception):
    """The request may not reach the route: 401, with why (for the log, not the caller)."""


@dataclass(frozen=True)
class JwtConfiguration:
    """An `Auth.Authorizers.<name>` entry of an `AWS::Serverless::HttpApi`, resolved."""

    name: str
    issuer: str
    audience: tuple[str, ...]
    identity_header: str = "authorization"


def default_authorizer(template: dict[str, Any], env: Environment) -> JwtConfiguration | None:
    """The default JWT authorizer of the template's HTTP API (None when it has none)."""
    for resource in resources_of_type(template, "AWS::Serverless::HttpApi").values():
        auth = resource.get("Properties", {}).get("Auth", {})
        name = auth.get("DefaultAuthorizer")
        if not name:
            continue
        spec = auth["Authorizers"][name]
        config = env.resolve(spec["JwtConfiguration"])
        source = str(spec.get("IdentitySource", "$request.header.Authorization"))
        return JwtConfiguration(
            name=name,
            issuer=str(config["issuer"]),
            audience=tuple(str(a) for a in config.get("audience", [])),
            identity_header=source.removeprefix("$request.header.").lower(),
        )
    return None


def jwks_url(issuer: str, cloud_endpoint: str) -> str:
    """Where the local user pool publishes its keys (moto serves them by pool id)."""
    pool_id = issuer.rstrip("/").rsplit("/", 1)[-1]
    return f"{cloud_endpoint.rstrip('/')}/{pool_id}/.well-known/jwks.json"


def claims_as_passed(claims: dict[str, Any]) -> dict[str, str]:
    """Claims as an HTTP API passes them to the integration: strings, arrays as `[a b]`."""
    passed = {}
    for name, value in claims.items():
        if isinstance(value, list):
            passed[name] = "[" + " ".join(str(v) for v in value) + "]"
        elif isinstance(value, dict):
            passed[name] = json.dumps(value)
        elif isinstance(value, bool):
            passed[name] = str(value).lower()
        else:
            passed[name] = str(value)
    return passed


@dataclass
class JwtAuthorizer:
    """Verifies bearer tokens against one issuer's published keys."""

    config: JwtConfiguration
    keys_url: str
    _keys: dict[str, PyJWK] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _fetch_keys(self) -> None:
        with urllib.request.urlopen(self.keys_url, timeout=5) as response:  # noqa: S310 - local
            document = json.load(response)
        keys = {}
        for key in document.get("keys", []):
            if key.get("kid"):
                keys[key["kid"]] = PyJWK(key)
        with self._lock:
            self._keys = keys

    def _key(self, kid: str) -> PyJWK:
        if kid not in self._keys:
            self._fetch_keys()  # keys rotate: look once more before refusing
        try:
            return self._keys[kid]
        except KeyError:
            raise Unauthorized("signed by a key the issuer does not publish") from None

    def claims(self, headers: dict[str, str]) -> dict[str, str]:
        """The verified token's claims, as the route's integration gets them."""
        lowered = {k.lower(): v for k, v in headers.items()}
        value = lowered.get(self.config.identity_header, "").strip()
        if not value:
            raise Unauthorized("no token")
        token = value[7:].strip() if value[:7].lower() == "bearer " else value
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise Unauthorized(f"not a JWT: {error}") from None
        if header.get("alg") not in ALGORITHMS:
            raise Unauthorized(f"algorithm {header.get('alg')!r} is not accepted")
        key = self._key(str(header.get("kid", "")))
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key=key,
                algorithms=ALGORITHMS,
                issuer=self.config.issuer,
                leeway=LEEWAY_SECONDS,
                options={"verify_aud": False, "require": ["exp", "iss", "iat"]},
            )
        except jwt.PyJWTError as error:
            raise Unauthorized(str(error)) from None
        audience = claims.get("aud") if "aud" in claims else claims.get("client_id")
        audiences = audience if isinstance(audience, list) else [audience]
        if not set(map(str, audiences)) & set(self.config.audience):
            raise Unauthorized("issued for another client")
        if claims.get("token_use") not in {"id", "access"}:
            raise Unauthorized("not an ID or access token")
        return claims_as_passed(claims)
