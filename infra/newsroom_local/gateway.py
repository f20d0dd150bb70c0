"""The editors' API on 127.0.0.1, routed as an API Gateway HTTP API routes it.

Routes come from the template's `HttpApi` events. A request is matched to its route
(the most specific one wins: a literal segment over `{param}` over `{proxy+}`), the
JWT authorizer runs (401 before any handler), and the route's function gets a
payload-2.0 event; its `statusCode`, `headers`, `cookies` and (base64-aware) `body`
become the response. Unknown routes get API Gateway's 404, a function error its 500.

CORS is the template's `CorsConfiguration` (`CorsRules`), as API Gateway applies it: a
preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) is answered by
the gateway itself, before any route or token is looked at (204; the allowing headers
only for an allowed origin); any other answer to an allowed origin carries
`Access-Control-Allow-Origin` (that origin, never `*`) and the exposed headers, and
an answer to another origin carries none. The origins allowed locally are the local
API's own and the local site's (the template's site origin, here), and DeskOrigins.

A function's answer with a header that could not be written as it is (CR, LF or another
control character in it, say a query value echoed into a `Location`) gets API
Gateway's 500 instead of reaching the client. The request line is read as API Gateway
reads it (`LocalRequestHandler`): raw UTF-8 in the query reaches the function as the
text it is; a malformed line gets 400.
"""

from __future__ import annotations

import base64
import http.client
import json
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from newsroom_local.auth import JwtAuthorizer, Unauthorized
from newsroom_local.desk import DeskSite
from newsroom_local.events import http_api_event
from newsroom_local.functions import HttpRoute
from newsroom_local.httpserver import LocalHTTPServer, LocalRequestHandler, safe_header
from newsroom_local.template import Environment, resources_of_type

log = logging.getLogger("newsroom.local")

MAX_PAYLOAD_BYTES = 10 * 1024 * 1024
INTEGRATION_TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class Integration:
    """A route and the function (in its own process) that answers it."""

    route: HttpRoute
    function: str
    invoke_port: int

    @property
    def pattern(self) -> re.Pattern[str]:
        parts = []
        for segment in self.route.path.strip("/").split("/"):
            if segment.startswith("{") and segment.endswith("+}"):
                parts.append(f"(?P<{segment[1:-2]}>.+)")
            elif segment.startswith("{") and segment.endswith("}"):
                parts.append(f"(?P<{segment[1:-1]}>[^/]+)")
            else:
                parts.append(re.escape(segment))
        return re.compile("^/" + "/".join(parts) + "$")

    @property
    def specificity(self) -> tuple[int, ...]:
        """Sorts literal segments before parameters before greedy parameters."""
        score = []
        for segment in self.route.path.strip("/").split("/"):
            if segment.endswith("+}"):
                score.append(2)
            elif segment.startswith("{"):
                score.append(1)
            else:
                score.append(0)
        return tuple(score)


@dataclass(frozen=True)
class CorsRules:
    """Which browser origins may call the API, with what (an HTTP API's CORS configuration)."""

    allow_origins: frozenset[str]
    allow_methods: tuple[str, ...] = ()
    allow_headers: tuple[str, ...] = ()
    expose_headers: tuple[str, ...] = ()
    max_age: int | None = None
    allow_credentials: bool = False

    def allows(self, origin: str | None) -> bool:
        return origin is not None and origin in self.allow_origins

    def preflight(self, origin: str | None) -> Response:
        """The gateway's own answer to a preflight: the allowing headers for an allowed
        origin, none for another (the browser then refuses the request)."""
        headers: dict[str, str] = {"Vary": "Origin"}
        if origin is not None and self.allows(origin):
            headers["Access-Control-Allow-Origin"] = origin
            headers["Access-Control-Allow-Methods"] = ",".join(self.allow_methods)
            headers["Access-Control-Allow-Headers"] = ",".join(self.allow_headers).lower()
            if self.max_age is not None:
                headers["Access-Control-Max-Age"] = str(self.max_age)
            if self.allow_credentials:
                headers["Access-Control-Allow-Credentials"] = "true"
        return Response(204, headers, b"", [])

    def add_to(self, response: Response, origin: str | None) -> Response:
        """`response` with what an answer to `origin` carries."""
        if origin is None:
            return response
        response.headers["Vary"] = "Origin"
        if not self.allows(origin):
            return response
        response.headers["Access-Control-Allow-Origin"] = origin
        if self.expose_headers:
            response.headers["Access-Control-Expose-Headers"] = ",".join(self.expose_headers)
        if self.allow_credentials:
            response.headers["Access-Control-Allow-Credentials"] = "true"
        return response


def cors_rules(template: dict[str, Any], env: Environment, origins: list[str]) -> CorsRules | None:
    """The template's HTTP API CORS configuration, resolved here, with the origins this
    machine serves the site and the desk from (`origins`) instead of the template's site
    origin, plus those it names (DeskOrigins). None when the API has no CORS."""
    for resource in resources_of_type(template, "AWS::Serverless::HttpApi").values():
        configuration = resource.get("Properties", {}).get("CorsConfiguration")
        if configuration is None:
            continue
        resolved = env.resolve(configuration)
        if resolved is True or "*" in (resolved.get("AllowOrigins") or []):
            raise ValueError("the API's CORS allows any origin ('*'): it must name them")
        desk_origins = str(env.refs.get("DeskOrigins") or "")
        named = [o for o in desk_origins.split(",") if o]
        return CorsRules(
            allow_origins=frozenset([*origins, *named]),
            allow_methods=tuple(resolved.get("AllowMethods") or ()),
            allow_headers=tuple(resolved.get("AllowHeaders") or ()),
            expose_headers=tuple(resolved.get("ExposeHeaders") or ()),
            max_age=int(resolved["MaxAge"]) if "MaxAge" in resolved else None,
            allow_credentials=bool(resolved.get("AllowCredentials", False)),
        )
    return None


class Response:
    """What the gateway sends back."""

    def __init__(self, status: int, headers: dict[str, str], body: bytes, cookies: list[str]):
        self.status, self.headers, self.body, self.cookies = status, headers, body, cookies

    @classmethod
    def message(cls, status: int, text: str, **headers: str) -> Response:
        body = json.dumps({"message": text}).encode()
        return cls(status, {"Content-Type": "application/json", **headers}, body, [])


def response_from_result(result: Any) -> Response:
    """A function's result as an HTTP API (payload 2.0) turns it into a response."""
    if not isinstance(result, dict) or "statusCode" not in result:
        text = result if isinstance(result, str) else json.dumps(result)
        return Response(200, {"Content-Type": "application/json"}, text.encode(), [])
    raw = result.get("body") or ""
    body = base64.b64decode(raw) if result.get("isBase64Encoded") else str(raw).encode("utf-8")
    headers = {str(k): str(v) for k, v in (result.get("headers") or {}).items()}
    for name, values in (result.get("multiValueHeaders") or {}).items():
        headers[name] = ",".join(str(v) for v in values)
    headers.setdefault("Content-Type", "application/json")
    cookies = [str(cookie) for cookie in result.get("cookies") or []]
    unsafe = [
        n
        for n, v in [*headers.items(), *(("Set-Cookie", c) for c in cookies)]
        if not safe_header(n, v)
    ]
    if unsafe:
        # API Gateway does not pass on a header it cannot write: the integration failed.
        log.warning("the function answered with headers that cannot be sent: %s", unsafe)
        return Response.message(500, "Internal Server Error")
    return Response(int(result["statusCode"]), headers, body, cookies)


def invoke(port: int, function: str, event: dict[str, Any]) -> tuple[Any, bool]:
    """Invoke a function's process; returns its result and whether it raised."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=INTEGRATION_TIMEOUT_SECONDS)
    try:
        connection.request(
            "POST",
            f"/2015-03-31/functions/{function}/invocations",
            body=json.dumps(event),
            headers={"Content-Type": "application/json"},
        )
        answer = connection.getresponse()
        payload = json.loads(answer.read() or b"null")
        return payload, answer.getheader("X-Amz-Function-Error") is not None
    finally:
        connection.close()


class ApiGateway:
    """Routes, the authorizer, and the function processes behind them."""

    def __init__(
        self,
        integrations: list[Integration],
        authorizer: JwtAuthorizer | None,
        invoker: Callable[[int, str, dict[str, Any]], tuple[Any, bool]] = invoke,
        cors: CorsRules | None = None,
    ) -> None:
        self.integrations = sorted(integrations, key=lambda i: i.specificity)
        self.authorizer = authorizer
        self.invoker = invoker
        self.cors = cors
        self._in_flight = 0
        self._idle = threading.Condition()

    def wait_until_idle(self, seconds: float) -> bool:
        """Wait for the requests being answered (when stopping); False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._in_flight == 0, seconds)

    def match(self, method: str, path: str) -> tuple[Integration, dict[str, str]] | None:
        for integration in self.integrations:
            if integration.route.method not in {method, "ANY"}:
                continue
            found = integration.pattern.match(path)
            if found:
                return integration, {k: unquote(v) for k, v in found.groupdict().items()}
        return None

    def handle(
        self, method: str, target: str, headers: list[tuple[str, str]], body: bytes | None
    ) -> Response:
        origin = next((v for k, v in headers if k.lower() == "origin"), None)
        asked = {k.lower() for k, _ in headers}
        preflight = method == "OPTIONS" and "access-control-request-method" in asked
        if self.cors is not None and origin is not None and preflight:
            return self.cors.preflight(origin)
        with self._idle:
            self._in_flight += 1
        try:
            response = self._handle(method, target, headers, body)
            return self.cors.add_to(response, origin) if self.cors is not None else response
        finally:
            with self._idle:
                self._in_flight -= 1
                self._idle.notify_all()

    def _handle(
        self, method: str, target: str, headers: list[tuple[str, str]], body: bytes | None
    ) -> Response:
        url = urlsplit(target)
        matched = self.match(method, url.path)
        if matched is None:
            return Response.message(404, "Not Found")
        integration, path_parameters = matched
        joined: dict[str, str] = {}
        for name, value in headers:
            key = name.lower()
            joined[key] = f"{joined[key]},{value}" if key in joined else value
        claims = None
        if integration.route.authorized and self.authorizer is not None:
            try:
                claims = self.authorizer.claims(joined)
            except Unauthorized as reason:
                log.debug("unauthorized: %s", reason)
                return Response.message(
                    401,
                    "Unauthorized",
                    **{"WWW-Authenticate": 'Bearer error="invalid_token"'},
                )
        query: dict[str, str] = {}
        for name, value in parse_qsl(url.query, keep_blank_values=True):
            query[name] = f"{query[name]},{value}" if name in query else value
        event = http_api_event(
            method=method,
            route_path=integration.route.path,
            raw_path=url.path,
            path_parameters=path_parameters or None,
            query=query or None,
            raw_query=url.query,
            headers=joined,
            body=body,
            claims=claims,
        )
        try:
            result, failed = self.invoker(integration.invoke_port, integration.function, event)
        except TimeoutError:
            return Response.message(503, "Service Unavailable")
        except OSError:
            log.exception("%s is not answering", integration.function)
            return Response.message(500, "Internal Server Error")
        if failed:
            return Response.message(500, "Internal Server Error")
        return response_from_result(result)


def serve_api(
    gateway: ApiGateway, host: str, port: int, desk: DeskSite | None = None
) -> ThreadingHTTPServer:
    """An HTTP server for the gateway, and for the desk's files at /desk/ when `desk` is
    given (not yet serving: call `serve_forever`)."""

    class ApiHandler(LocalRequestHandler):
        def _handle(self) -> None:
            started = time.monotonic()
            length = int(self.headers.get("Content-Length") or 0)
            if desk is not None and DeskSite.serves(self.target.split("?", 1)[0]):
                asked = {k.lower(): v for k, v in self.headers.items()}
                found = desk.answer(self.command, self.target, asked)
                response = Response(found.status, found.headers, found.body, [])
                self.close_connection = self.close_connection or length > 0
            elif length > MAX_PAYLOAD_BYTES:
                response = Response.message(413, "Request Entity Too Large")
                self.close_connection = True
            else:
                body = self.rfile.read(length) if length else None
                response = gateway.handle(self.command, self.target, self.headers.items(), body)
            self.send_response(response.status)
            for name, value in response.headers.items():
                if name.lower() not in {"content-length", "connection", "transfer-encoding"}:
                    self.send_header(name, value)
            for cookie in response.cookies:
                self.send_header("Set-Cookie", cookie)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(response.body)
            log.info(
                "api   %-6s %-44s %d %6.0f ms",
                self.command,
                self.target.split("?", 1)[0],
                response.status,
                (time.monotonic() - started) * 1000,
            )

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _handle  # noqa: N815 - http.server names

        def log_message(self, format: str, *args: Any) -> None:
            """One line per request is written by `_handle`."""

    server = LocalHTTPServer((host, port), ApiHandler)
    server.daemon_threads = True
    return server
