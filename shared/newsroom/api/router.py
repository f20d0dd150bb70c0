"""A small router for HTTP API events (payload format 2.0), in the shape of Powertools'.

Routes are declared with `@routes.get(path, ...)` (`post`, `put`, `patch`, `delete`):
the function that answers, and what it takes and answers (body and query models, the
status and response model of a success, the problems it may answer with, the action it
performs). Domain errors become problems through `@routes.exception_handler(SomeError)`.
A `Router` includes declared routes, holds what their functions work with (their
dependencies, given to each call), and answers with `router.resolve(event, context)`.
Declared routes also describe the API for OpenAPI (`newsroom.api.openapi`).

API Gateway has already matched the route when the event arrives (`routeKey`,
`pathParameters`); the router picks the function declared for that route, gives it a
`Request` with the caller and the validated body (`newsroom.api.body`), and turns what
it returns or raises into a response. A POST with an `Idempotency-Key` is answered once
(`newsroom.api.idempotency_key`).

A route may declare the action it performs, in the editorial policy's words: the
policy is asked whether the caller may do it as soon as the caller is known, before
the body or the query is read, so a caller without the role gets 403 whatever it
sends. The rules themselves stay in `newsroom.editorial.policy`; the route function
asks again about the article itself. Every answer of a route that needs a token
(successes and problems, 401 included) carries `Cache-Control: no-store`: it is
meant for its caller alone.

Problems are said in the caller's language (`Accept-Language`: Vietnamese unless the
caller prefers English; `newsroom.i18n`), every route's alike, 404 and 405 included; so
is what a route's answer says in words (a route function runs `speaking` that language).

Written here rather than taken from Powertools' event handler: its import would cost
every cold start of the API about 45 ms more.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypedDict, TypeVar, Unpack

from pydantic import BaseModel

from newsroom.api.body import parse_body, parse_query, raw_body
from newsroom.api.claims import caller_from_claims
from newsroom.api.idempotency_key import answer_once
from newsroom.api.problems import PROBLEM_CONTENT_TYPE, Problem, unexpected_problem
from newsroom.editorial.errors import Forbidden
from newsroom.editorial.policy import Action, authorize, role_name, signed_in_as
from newsroom.i18n import DEFAULT_LANGUAGE, Either, Message, language_of, speaking
from newsroom.models.caller import Caller, Role

if TYPE_CHECKING:
    from newsroom.api.idempotency import IdempotencyStore

PRIVATE_CACHE_CONTROL = "no-store"
ANONYMOUS = Caller(user_id="", username="anonymous", roles=frozenset())

BodyT = TypeVar("BodyT", bound=BaseModel)
DependenciesT = TypeVar("DependenciesT")
ErrorT = TypeVar("ErrorT", bound=Exception)


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
    language: str = DEFAULT_LANGUAGE

    def require_body(self) -> BodyT:
        """The validated body (routes declared with a body model always have one)."""
        if self.body is None:
            raise Problem(400, Message("api.body_required"))
        return self.body

    def require_role(self, *roles: Role, action: str | Message) -> None:
        """403 unless the caller holds one of `roles` (`action`: what it was about to do)."""
        if not self.caller.has_any(*roles):
            raise Problem(
                403,
                Message(
                    "policy.role_required",
                    roles=Either(role_name(r) for r in roles),
                    action=action,
                    signed_in=signed_in_as(self.caller),
                ),
            )


@dataclass
class Response:
    """What a route answers: a status, a JSON-able body (or text) and extra headers."""

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"


# A route function: the request, and the dependencies of the router that includes it.
RouteFunction = Callable[[Request[Any], DependenciesT], Response]
ExceptionHandler = Callable[[ErrorT], Problem]


class RouteOptions(TypedDict, total=False):
    """What a route declares besides its method and path (see `Route`)."""

    body: type[BaseModel] | None
    query: type[BaseModel] | None
    summary: str
    status: int
    response: type[BaseModel] | None
    problems: tuple[int, ...]
    authorized: bool
    content_type: str
    headers: tuple[str, ...]
    body_required: bool
    action: Action | None


@dataclass(frozen=True)
class Route(Generic[DependenciesT]):
    """A declared route: `METHOD /path/{param}`, what it takes and what it answers.

    `body` and `query` are the models the JSON body and the query parameters must fit
    (`body_required=False`: an empty body is the model's defaults); `status` and
    `response` are those of a success; `problems` the error statuses it answers with
    beyond those every route may; `authorized=False` opens it to callers without a
    token; `action` is what it does, in the editorial policy's words; `headers` names
    the headers it reads or answers with (`If-Match`, `ETag`), for the description.
    """

    method: str
    path: str
    function: RouteFunction[DependenciesT]
    body: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    summary: str = ""
    status: int = 200
    response: type[BaseModel] | None = None
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
        if self.query is not None:
            statuses.add(422)
        if self.path_params:
            statuses.add(404)
        if self.body is not None:
            statuses.update({400, 413, 415, 422})
        if self.method == "POST" and self.authorized:
            statuses.update({400, 409, 422})
        statuses.update(self.problems)
        return sorted(statuses)

    def matches(self, method: str, path: str) -> dict[str, str] | None:
        """The path parameters when `method path` is this route's, else None."""
        if method != self.method:
            return None
        pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(self.path))
        found = re.fullmatch(pattern, path)
        return found.groupdict() if found else None


class Routes(Generic[DependenciesT]):
    """Routes and exception handlers as declared, before any router serves them."""

    def __init__(self) -> None:
        self.routes: dict[str, Route[DependenciesT]] = {}
        # Domain errors and the problems they become (the most specific type wins).
        self.exception_handlers: dict[type[Exception], ExceptionHandler[Any]] = {}

    def route(
        self, method: str, path: str, **options: Unpack[RouteOptions]
    ) -> Callable[[RouteFunction[DependenciesT]], RouteFunction[DependenciesT]]:
        """Declare the function that answers `method path`, and what it takes and answers.

        `action` is what the route does (a route that needs a token): callers whom the
        policy does not allow it get 403 before anything they sent is read.
        """
        if options.get("action") is not None and not options.get("authorized", True):
            raise ValueError(f"{method} {path}: a route open to anyone cannot require a role")

        def register(function: RouteFunction[DependenciesT]) -> RouteFunction[DependenciesT]:
            declared = Route(method, path, function, **options)
            self.routes[declared.key] = declared
            return function

        return register

    def get(
        self, path: str, **options: Unpack[RouteOptions]
    ) -> Callable[[RouteFunction[DependenciesT]], RouteFunction[DependenciesT]]:
        """Declare the function that answers `GET path` (see `route`)."""
        return self.route("GET", path, **options)

    def post(
        self, path: str, **options: Unpack[RouteOptions]
    ) -> Callable[[RouteFunction[DependenciesT]], RouteFunction[DependenciesT]]:
        """Declare the function that answers `POST path` (see `route`)."""
        return self.route("POST", path, **options)

    def put(
        self, path: str, **options: Unpack[RouteOptions]
    ) -> Callable[[RouteFunction[DependenciesT]], RouteFunction[DependenciesT]]:
        """Declare the function that answers `PUT path` (see `route`)."""
        return self.route("PUT", path, **options)

    def patch(
        self, path: str, **options: Unpack[RouteOptions]
    ) -> Callable[[RouteFunction[DependenciesT]], RouteFunction[DependenciesT]]:
        """Declare the function that answers `PATCH path` (see `route`)."""
        return self.route("PATCH", path, **options)

    def delete(
        self, path: str, **options: Unpack[RouteOptions]
    ) -> Callable[[RouteFunction[DependenciesT]], RouteFunction[DependenciesT]]:
        """Declare the function that answers `DELETE path` (see `route`)."""
        return self.route("DELETE", path, **options)

    def exception_handler(
        self, kind: type[ErrorT]
    ) -> Callable[[ExceptionHandler[ErrorT]], ExceptionHandler[ErrorT]]:
        """Declare the function that turns a `kind` error (or a subclass's) into a problem.

        A handler of `Exception` sees every error nobody else handles; without one, such
        an error is a 500 that says nothing of it.
        """

        def register(handler: ExceptionHandler[ErrorT]) -> ExceptionHandler[ErrorT]:
            self.exception_handlers[kind] = handler
            return handler

        return register


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


def _problem_response(problem: Problem, path: str, language: str) -> dict[str, Any]:
    document = problem.as_json(path, language)
    return _json_response(problem.status, document, {}, PROBLEM_CONTENT_TYPE)


def _language(event: dict[str, Any]) -> str:
    """The language the caller reads, from its `Accept-Language` header."""
    headers = event.get("headers") or {}
    found = next((v for k, v in headers.items() if k.lower() == "accept-language"), None)
    return language_of(found if isinstance(found, str) else None)


class Router(Routes[DependenciesT]):
    """Declared routes at work: `router.resolve(event, context)` answers an HTTP API event.

    Each route function is called with the request and `dependencies` (what the routes
    work with: stores, queues, settings). POST answers are remembered in `idempotency`,
    when there is one, for retries with the same `Idempotency-Key`.
    """

    def __init__(
        self, dependencies: DependenciesT, *, idempotency: IdempotencyStore | None = None
    ) -> None:
        super().__init__()
        self.dependencies = dependencies
        self.idempotency = idempotency

    def include_routes(self, routes: Routes[DependenciesT]) -> None:
        """Serve the routes declared in `routes`, with their exception handlers."""
        self.routes.update(routes.routes)
        self.exception_handlers.update(routes.exception_handlers)

    def resolve(self, event: dict[str, Any], context: Any = None) -> dict[str, Any]:
        """Answer one HTTP API event (`context`: Lambda's, unused)."""
        path = event.get("rawPath", "")
        route: Route[DependenciesT] | None = None
        try:
            route, params = self._find(event)
            response = self._dispatch(route, params, event)
        except Exception as error:
            response = _problem_response(self._problem_for(error), path, _language(event))
        if route is None or route.authorized:
            # Meant for one signed-in caller: no browser, proxy or CDN may keep a copy.
            response.setdefault("headers", {})["Cache-Control"] = PRIVATE_CACHE_CONTROL
        return response

    def _find(self, event: dict[str, Any]) -> tuple[Route[DependenciesT], dict[str, str]]:
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
            raise Problem(
                405,
                Message("api.method_not_allowed", method=method, allowed=tuple(sorted(allowed))),
            )
        raise Problem(404, Message("api.no_route", method=method, path=path))

    def _problem_for(self, error: Exception) -> Problem:
        """The problem that answers `error` (called while it is being handled)."""
        if isinstance(error, Problem):
            return error
        for kind in type(error).__mro__:
            handler = self.exception_handlers.get(kind)
            if handler is not None:
                return handler(error)
        return unexpected_problem()

    @staticmethod
    def _authorize(caller: Caller, action: Action) -> None:
        """403 unless the policy lets `caller` do `action` at all (articles aside)."""
        try:
            authorize(caller, action)
        except Forbidden as refused:
            raise Problem(403, refused.message) from refused

    def _dispatch(
        self, route: Route[DependenciesT], params: dict[str, str], event: dict[str, Any]
    ) -> dict[str, Any]:
        """Who calls, whether they may, then the answer (remembered for retries of a POST)."""
        headers = {k.lower(): v for k, v in (event.get("headers") or {}).items()}
        context = event.get("requestContext", {})
        claims = context.get("authorizer", {}).get("jwt", {}).get("claims", {})
        caller = caller_from_claims(claims)
        if caller is None:
            if route.authorized:
                raise Problem(401, Message("api.sign_in"))
            caller = ANONYMOUS
        if route.action is not None:
            self._authorize(caller, route.action)
        request: Request[Any] = Request(
            method=route.method,
            path=event.get("rawPath", ""),
            path_params=params,
            query=dict(event.get("queryStringParameters") or {}),
            headers=headers,
            caller=caller,
            request_id=str(context.get("requestId", "")),
            language=_language(event),
        )
        return answer_once(
            self.idempotency, request, event, lambda: self._answer(route, request, event)
        )

    def _answer(
        self, route: Route[DependenciesT], request: Request[Any], event: dict[str, Any]
    ) -> dict[str, Any]:
        """Validate the request, run the route's function, and make the response."""
        try:
            if route.query is not None:
                request.params = parse_query(request.query, route.query)
            if route.body is not None:
                data = raw_body(event)
                if route.body_required or data.strip():
                    request.body = parse_body(data, request.headers, route.body)
                else:
                    request.body = route.body()
            with speaking(request.language):
                response = route.function(request, self.dependencies)
            return _json_response(
                response.status, response.body, response.headers, response.content_type
            )
        except Exception as error:
            return _problem_response(self._problem_for(error), request.path, request.language)
