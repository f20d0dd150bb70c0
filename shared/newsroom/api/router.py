"""A small router for HTTP API events (payload format 2.0).

API Gateway has already matched the route when the event arrives (`routeKey`,
`pathParameters`); the router picks the function declared for that route, gives it
a `Request` with the caller and the validated body, and turns what it returns or
raises into a response. Declared routes also describe the API for OpenAPI.

A route may declare the action it performs, in the editorial policy's words: the
policy is asked whether the caller may do it as soon as the caller is known, before
the body or the query is read, so a caller without the role gets 403 whatever it
sends. The rules themselves stay in `newsroom.editorial.policy`; the route function
asks again about the article itself. Every answer of a route that needs a token
(successes and problems, 401 included) carries `Cache-Control: no-store`: it is
meant for its caller alone.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from newsroom.api.callers import Caller, Role, caller_from_claims
from newsroom.api.problems import PROBLEM_CONTENT_TYPE, Problem, validation_problem
from newsroom.editorial.errors import Forbidden
from newsroom.editorial.policy import Action, authorize

if TYPE_CHECKING:
    from newsroom.api.idempotency import IdempotencyStore

MAX_BODY_BYTES = 512 * 1024
MAX_JSON_DEPTH = 20
PRIVATE_CACHE_CONTROL = "no-store"

BodyT = TypeVar("BodyT", bound=BaseModel)


@dataclass
class Request(Generic[BodyT]):
    """One API request, as a route function sees it."""

    method: str
    path: str
    path_params: dict[str, str]
    query: dict[str, str]
    headers: dict[str, str]
    caller: Caller
    request_id: str
    body: BodyT | None = None
    params: BaseModel | None = None

    def require_body(self) -> BodyT:
        """The validated body (routes declared with a body model always have one)."""
        if self.body is None:
            raise Problem(400, "This request needs a JSON body.")
        return self.body

    def require_role(self, *roles: Role, action: str) -> None:
        """403 unless the caller holds one of `roles`."""
        if not self.caller.has_any(*roles):
            names = " or ".join(r.value for r in roles)
            raise Problem(
                403, f"Only {names} may {action}; you are signed in as {self.caller.username}."
            )


@dataclass
class Response:
    """What a route answers: a status, a JSON-able body (or text) and extra headers."""

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"


RouteFunction = Callable[[Request[Any]], Response]


@dataclass(frozen=True)
class Route:
    """A declared route: `METHOD /path/{param}`, what it takes and what it answers."""

    method: str
    path: str
    function: RouteFunction
    body_model: type[BaseModel] | None
    summary: str
    status: int = 200
    response_model: type[BaseModel] | None = None
    query_model: type[BaseModel] | None = None
    problems: tuple[int, ...] = ()
    authorized: bool = True
    content_type: str = "application/json"
    headers: tuple[str, ...] = ()
    body_required: bool = True
    action: Action | None = None

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def path_params(self) -> list[str]:
        return re.findall(r"\{(\w+)\}", self.path)

    def problem_statuses(self) -> list[int]:
        """Every error status this route can answer with."""
        statuses = {401, 403} if self.authorized else set()
        if self.query_model is not None:
            statuses.add(422)
        if self.path_params:
            statuses.add(404)
        if self.body_model is not None:
            statuses.update({400, 413, 415, 422})
        if self.method == "POST" and self.authorized:
            statuses.update({400, 409, 422})
        statuses.update(self.problems)
        return sorted(statuses)

    def matches(self, method: str, path: str) -> dict[str, str] | None:
        if method != self.method:
            return None
        pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(self.path))
        found = re.fullmatch(pattern, path)
        return found.groupdict() if found else None


def _depth(value: Any, limit: int) -> int:
    stack = [(value, 1)]
    deepest = 0
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        children = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        )
        stack.extend((child, level + 1) for child in children)
    return deepest


def _json_response(
    status: int, body: Any, headers: dict[str, str], content_type: str
) -> dict[str, Any]:
    if body is None:
        text = ""
    elif isinstance(body, str):
        text = body
    else:
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return {
        "statusCode": status,
        "headers": {"Content-Type": content_type, **headers},
        "body": text,
        "isBase64Encoded": False,
    }


def _problem_response(problem: Problem, path: str) -> dict[str, Any]:
    return _json_response(problem.status, problem.as_json(path), {}, PROBLEM_CONTENT_TYPE)


MAX_IDEMPOTENCY_KEY = 255
_IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")


def _raw_body(event: dict[str, Any]) -> bytes:
    raw: str | bytes = event.get("body") or ""
    if event.get("isBase64Encoded") and raw:
        try:
            return base64.b64decode(raw, validate=True)
        except (binascii.Error, ValueError) as error:
            raise Problem(400, "The body is not valid base64.") from error
    return raw.encode() if isinstance(raw, str) else raw


def _fingerprint(route: Route, path: str, body: bytes) -> str:
    """What makes two requests the same request: route, path and body (JSON compared by value)."""
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except (ValueError, RecursionError):
        canonical = body
    digest = hashlib.sha256(f"{route.method} {path}\n".encode())
    digest.update(canonical)
    return digest.hexdigest()


class Router:
    """Routes declared with `@router.route(...)`, dispatched by `router.handle(event)`."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        # Domain errors and the problems they become, most specific type first.
        self.errors: dict[type[Exception], Callable[[Any], Problem]] = {}
        self.on_error: Callable[[Exception, dict[str, Any]], None] | None = None
        # Where POST responses are remembered for retries with the same Idempotency-Key.
        self.idempotency: IdempotencyStore | None = None

    def route(
        self,
        method: str,
        path: str,
        *,
        body: type[BaseModel] | None = None,
        query: type[BaseModel] | None = None,
        summary: str = "",
        status: int = 200,
        response: type[BaseModel] | None = None,
        problems: tuple[int, ...] = (),
        authorized: bool = True,
        content_type: str = "application/json",
        headers: tuple[str, ...] = (),
        body_required: bool = True,
        action: Action | None = None,
    ) -> Callable[[RouteFunction], RouteFunction]:
        """Declare the function that answers `method path`, and what it takes and answers.

        `action` is what the route does (a route that needs a token): callers whom the
        policy does not allow it get 403 before anything they sent is read.
        """
        if action is not None and not authorized:
            raise ValueError(f"{method} {path}: a route open to anyone cannot require a role")

        def register(function: RouteFunction) -> RouteFunction:
            route = Route(
                method,
                path,
                function,
                body,
                summary,
                status=status,
                response_model=response,
                query_model=query,
                problems=problems,
                authorized=authorized,
                content_type=content_type,
                headers=headers,
                body_required=body_required,
                action=action,
            )
            self.routes[route.key] = route
            return function

        return register

    def _find(self, event: dict[str, Any]) -> tuple[Route, dict[str, str]]:
        route = self.routes.get(event.get("routeKey", ""))
        if route is not None:
            return route, dict(event.get("pathParameters") or {})
        http = event.get("requestContext", {}).get("http", {})
        method, path = http.get("method", ""), event.get("rawPath", "")
        allowed = []
        for candidate in self.routes.values():
            params = candidate.matches(method, path)
            if params is not None:
                return candidate, params
            if candidate.matches(candidate.method, path) is not None:
                allowed.append(candidate.method)
        if allowed:
            raise Problem(405, f"{method} is not allowed here; use {', '.join(sorted(allowed))}.")
        raise Problem(404, f"No route for {method} {path}.")

    @staticmethod
    def _body(data: bytes, headers: dict[str, str], model: type[BaseModel]) -> BaseModel:
        if len(data) > MAX_BODY_BYTES:
            raise Problem(
                413, f"The body is {len(data)} bytes; at most {MAX_BODY_BYTES} are accepted."
            )
        media_type = headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != "application/json" and not media_type.endswith("+json"):
            shown = media_type or "none"
            raise Problem(415, f"Send the body as application/json (the Content-Type was {shown}).")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise Problem(400, f"The body is not valid UTF-8 (byte {error.start}).") from error
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as error:
            raise Problem(
                400,
                f"The body is not valid JSON: {error.msg} "
                f"at line {error.lineno}, column {error.colno}.",
            ) from error
        except RecursionError as error:
            raise Problem(400, "The body is nested too deeply.") from error
        if _depth(parsed, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
            raise Problem(400, f"The body is nested more than {MAX_JSON_DEPTH} levels deep.")
        if not isinstance(parsed, dict):
            raise Problem(
                422,
                "The body must be a JSON object.",
                errors=[{"field": "body", "reason": "must be a JSON object"}],
            )
        try:
            return model.model_validate(parsed)
        except ValidationError as error:
            raise validation_problem(error) from error

    @staticmethod
    def _query(query: dict[str, str], model: type[BaseModel]) -> BaseModel:
        try:
            return model.model_validate(query)
        except ValidationError as error:
            raise validation_problem(error, "query") from error

    def _problem_for(self, error: Exception, event: dict[str, Any]) -> Problem:
        if isinstance(error, Problem):
            return error
        for kind, to_problem in self.errors.items():
            if isinstance(error, kind):
                return to_problem(error)
        if self.on_error is not None:
            self.on_error(error, event)
        return Problem(500, "Something went wrong on our side; the request was not completed.")

    def _answer(self, route: Route, request: Request[Any], event: dict[str, Any]) -> dict[str, Any]:
        """Validate the request, run the route's function, and make the response."""
        try:
            if route.query_model is not None:
                request.params = self._query(request.query, route.query_model)
            if route.body_model is not None:
                data = _raw_body(event)
                if route.body_required or data.strip():
                    request.body = self._body(data, request.headers, route.body_model)
                else:
                    request.body = route.body_model()
            response = route.function(request)
            return _json_response(
                response.status, response.body, response.headers, response.content_type
            )
        except Exception as error:
            return _problem_response(self._problem_for(error, event), request.path)

    @staticmethod
    def _authorize(caller: Caller, action: Action) -> None:
        """403 unless the policy lets `caller` do `action` at all (articles aside)."""
        try:
            authorize(caller, action)
        except Forbidden as refused:
            raise Problem(403, refused.detail) from refused

    def handle(self, event: dict[str, Any]) -> dict[str, Any]:
        """Answer one HTTP API event."""
        path = event.get("rawPath", "")
        route: Route | None = None
        try:
            route, params = self._find(event)
            response = self._dispatch(route, params, event)
        except Exception as error:
            response = _problem_response(self._problem_for(error, event), path)
        if route is None or route.authorized:
            # Meant for one signed-in caller: no browser, proxy or CDN may keep a copy.
            response.setdefault("headers", {})["Cache-Control"] = PRIVATE_CACHE_CONTROL
        return response

    def _dispatch(
        self, route: Route, params: dict[str, str], event: dict[str, Any]
    ) -> dict[str, Any]:
        """Who calls, whether they may, then the answer (remembered for retries of a POST)."""
        path = event.get("rawPath", "")
        headers = {k.lower(): v for k, v in (event.get("headers") or {}).items()}
        context = event.get("requestContext", {})
        claims = context.get("authorizer", {}).get("jwt", {}).get("claims", {})
        caller = caller_from_claims(claims)
        if caller is None:
            if route.authorized:
                raise Problem(401, "Sign in: send Authorization: Bearer <token>.")
            caller = Caller(user_id="", username="anonymous", roles=frozenset())
        if route.action is not None:
            self._authorize(caller, route.action)
        request: Request[Any] = Request(
            method=route.method,
            path=path,
            path_params=params,
            query=dict(event.get("queryStringParameters") or {}),
            headers=headers,
            caller=caller,
            request_id=str(context.get("requestId", "")),
        )
        key = headers.get("idempotency-key")
        if key is None or route.method != "POST" or self.idempotency is None:
            return self._answer(route, request, event)
        if not _IDEMPOTENCY_KEY.match(key):
            raise Problem(
                400,
                f"The Idempotency-Key must be 1 to {MAX_IDEMPOTENCY_KEY} visible ASCII characters.",
            )
        return self.idempotency.once(
            scope=caller.user_id,
            key=key,
            fingerprint=_fingerprint(route, path, _raw_body(event)),
            answer=lambda: self._answer(route, request, event),
        )
