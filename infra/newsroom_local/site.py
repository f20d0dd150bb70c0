"""The reader site on 127.0.0.1, served from the site bucket as CloudFront serves it.

- The viewer-request function of the template (`DirectoryIndexFunction`) decides
  first: `/a/b/` is read from `a/b/index.html`; `/a/b` (no dot in the last segment)
  is redirected (301) to `/a/b/`, with the query string. `viewer_request` is its
  Python twin, rule for rule (a test runs both on the same hostile inputs): the
  redirect stays on the site whatever the path, and nothing from the request can end
  the `Location` header's line.
- The request line is read as CloudFront reads it (`LocalRequestHandler`): raw UTF-8
  in the target is percent-encoded, a malformed line gets 400.
- A missing object is answered as the distribution's `CustomErrorResponses` say
  (the stored `/404.html`, status 404).
- Content type and cache control are the stored object's; the headers of the
  template's response headers policy (`SiteResponseHeadersPolicy`, the default cache
  behaviour's) are added, and its CORS header to a request that names its `Origin`;
  `ETag`, `If-None-Match` (304), `HEAD` and `Last-Modified` behave as at CloudFront.
"""

from __future__ import annotations

import logging
import re
import string
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC
from email.utils import format_datetime
from http.server import ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote

from botocore.exceptions import ClientError

from newsroom_local.httpserver import LocalHTTPServer, LocalRequestHandler
from newsroom_local.template import resources_of_type

log = logging.getLogger("newsroom.local")


def _site_policy(template: dict[str, Any]) -> list[dict[str, Any]]:
    """The response headers policy of the distribution's default cache behaviour (the
    reader site's), as a list of its one configuration (none without one)."""
    policies = resources_of_type(template, "AWS::CloudFront::ResponseHeadersPolicy")
    for resource in resources_of_type(template, "AWS::CloudFront::Distribution").values():
        behaviour = resource["Properties"]["DistributionConfig"]["DefaultCacheBehavior"]
        named = behaviour.get("ResponseHeadersPolicyId")
        if isinstance(named, dict) and named.get("Ref") in policies:
            return [policies[named["Ref"]]["Properties"]["ResponseHeadersPolicyConfig"]]
    return []


def cors_origins(template: dict[str, Any]) -> frozenset[str]:
    """The origins the site's policy answers CORS requests for (`*`: any)."""
    origins: set[str] = set()
    for config in _site_policy(template):
        cors = config.get("CorsConfig", {})
        origins |= {str(o) for o in cors.get("AccessControlAllowOrigins", {}).get("Items", [])}
    return frozenset(origins)


def response_headers(template: dict[str, Any]) -> dict[str, str]:
    """The headers the site's response headers policy adds to every answer."""
    headers: dict[str, str] = {}
    for config in _site_policy(template):
        security = config.get("SecurityHeadersConfig", {})
        if "StrictTransportSecurity" in security:
            hsts = security["StrictTransportSecurity"]
            value = f"max-age={int(hsts['AccessControlMaxAgeSec'])}"
            value += "; includeSubDomains" if hsts.get("IncludeSubdomains") else ""
            value += "; preload" if hsts.get("Preload") else ""
            headers["Strict-Transport-Security"] = value
        if "ContentSecurityPolicy" in security:
            policy = security["ContentSecurityPolicy"]["ContentSecurityPolicy"]
            headers["Content-Security-Policy"] = " ".join(str(policy).split())
        if "ContentTypeOptions" in security:
            headers["X-Content-Type-Options"] = "nosniff"
        if "FrameOptions" in security:
            headers["X-Frame-Options"] = str(security["FrameOptions"]["FrameOption"])
        if "ReferrerPolicy" in security:
            headers["Referrer-Policy"] = str(security["ReferrerPolicy"]["ReferrerPolicy"])
        for item in config.get("CustomHeadersConfig", {}).get("Items", []):
            headers[str(item["Header"])] = str(item["Value"])
    return headers


@dataclass(frozen=True)
class Redirect:
    """The viewer-request function answered itself."""

    location: str
    status: int = 301
    cache_control: str = "public, max-age=3600"


# What a redirect may carry as it is; anything else is percent-encoded (as UTF-8), and a
# `%` that does not start an escape becomes `%25`. No backslash, space, quote or control
# character survives, so the `Location` can neither name another host nor end its line.
_PATH_KEPT = frozenset(string.ascii_letters + string.digits + "-._~!$&'()*+,;=:@/")
_QUERY_KEPT = frozenset(string.ascii_letters + string.digits + "-._~!$'()*+,;:@/?")
_HEX = frozenset(string.hexdigits)
_ARRAY_INDEX = re.compile(r"0|[1-9][0-9]*")


def _encode(text: str, kept: frozenset[str]) -> str:
    """`text` with every character outside `kept` percent-encoded; escapes already there kept."""
    out = []
    for at, character in enumerate(text):
        if character in kept or (
            character == "%" and text[at + 1 : at + 2] in _HEX and text[at + 2 : at + 3] in _HEX
        ):
            out.append(character)
            continue
        try:
            out.append("".join(f"%{byte:02X}" for byte in character.encode("utf-8")))
        except UnicodeEncodeError:  # a lone surrogate, as JavaScript's encodeURIComponent refuses
            out.append("%EF%BF%BD")
    return "".join(out)


def _property_order(names: Iterable[str]) -> list[str]:
    """The order in which JavaScript lists an object's keys: array indices ascending, then
    the other names in the order they were added."""
    names = list(names)
    indices = sorted(
        (n for n in names if _ARRAY_INDEX.fullmatch(n) and int(n) < 2**32 - 1), key=int
    )
    chosen = set(indices)
    return indices + [n for n in names if n not in chosen]


def query_pairs(raw_query: str) -> list[tuple[str, str]]:
    """A query string's names and values as CloudFront hands them to a function: split on
    `&` and the first `=`, not decoded."""
    pairs = []
    for piece in raw_query.split("&"):
        if piece:
            name, _, value = piece.partition("=")
            pairs.append((name, value))
    return pairs


def viewer_request(uri: str, query: list[tuple[str, str]]) -> str | Redirect:
    """What `DirectoryIndexFunction` does with a request: the URI to fetch, or a redirect.

    `query` is the request's names and values in order, as `query_pairs` reads them.
    """
    if uri.endswith("/"):
        return uri + "index.html"
    if "." in uri[uri.rfind("/") + 1 :]:
        return uri
    values: dict[str, list[str]] = {}
    for name, value in query:
        values.setdefault(name, []).append(value)
    parts = [
        _encode(name, _QUERY_KEPT) + "=" + _encode(value, _QUERY_KEPT)
        for name in _property_order(values)
        for value in values[name]
    ]
    path = "/" + ("/" + _encode(uri, _PATH_KEPT) + "/").lstrip("/")
    return Redirect(path + ("?" + "&".join(parts) if parts else ""))


@dataclass(frozen=True)
class ErrorResponse:
    """One of the distribution's `CustomErrorResponses`."""

    response_code: int
    page_path: str


def error_responses(template: dict[str, Any]) -> dict[int, ErrorResponse]:
    """The distribution's custom error responses, by the origin's error code."""
    found: dict[int, ErrorResponse] = {}
    for resource in resources_of_type(template, "AWS::CloudFront::Distribution").values():
        config = resource["Properties"]["DistributionConfig"]
        for entry in config.get("CustomErrorResponses", []):
            found[int(entry["ErrorCode"])] = ErrorResponse(
                int(entry.get("ResponseCode", entry["ErrorCode"])),
                str(entry.get("ResponsePagePath", "")),
            )
    return found


@dataclass
class StoredObject:
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class SiteServer:
    """Reads the site bucket and answers as the distribution would."""

    s3: Any
    bucket: str
    errors: dict[int, ErrorResponse] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    """Added to every answer: the distribution's response headers policy."""
    cors: frozenset[str] = frozenset()
    """The origins that policy answers CORS requests for (`*`: any)."""

    def cors_headers(self, origin: str | None) -> dict[str, str]:
        """What an answer to a request from `origin` carries besides (as CloudFront adds a
        policy's CORS headers to a request that names its origin)."""
        if origin is None or not self.cors:
            return {}
        if "*" in self.cors:
            return {"Access-Control-Allow-Origin": "*"}
        if origin in self.cors:
            return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
        return {}

    def _fetch(self, key: str) -> StoredObject | None:
        try:
            response = self.s3.get_object(Bucket=self.bucket, Key=key)
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "")
            if code in {"NoSuchKey", "404", "NotFound", "AccessDenied", "403"}:
                return None
            raise
        headers = {
            "Content-Type": response.get("ContentType", "binary/octet-stream"),
            "ETag": response["ETag"],
            "Last-Modified": format_datetime(response["LastModified"].astimezone(UTC), usegmt=True),
        }
        for name, header in (
            ("CacheControl", "Cache-Control"),
            ("ContentEncoding", "Content-Encoding"),
            ("ContentDisposition", "Content-Disposition"),
        ):
            if response.get(name):
                headers[header] = response[name]
        return StoredObject(200, headers, response["Body"].read())

    def answer(self, target: str, request_headers: dict[str, str]) -> StoredObject:
        """The answer to a request for `target` (its path and query, as sent)."""
        path, _, raw_query = target.partition("?")
        decided = viewer_request(path or "/", query_pairs(raw_query))
        if isinstance(decided, Redirect):
            return StoredObject(
                decided.status,
                {
                    "Location": decided.location,
                    "Cache-Control": decided.cache_control,
                    "Content-Type": "text/plain",
                },
                b"",
            )
        found = self._fetch(unquote(decided).lstrip("/"))
        if found is None:
            # Without s3:ListBucket, S3 answers a missing key with 403.
            error = self.errors.get(403) or self.errors.get(404)
            page = self._fetch(error.page_path.lstrip("/")) if error and error.page_path else None
            if error is None or page is None:
                return StoredObject(404, {"Content-Type": "text/plain"}, b"Not Found")
            page.status = error.response_code
            page.headers.pop("ETag", None)
            return page
        etag = found.headers["ETag"]
        match = request_headers.get("if-none-match", "")
        if match and (match.strip() == "*" or etag in [t.strip() for t in match.split(",")]):
            return StoredObject(304, {"ETag": etag, **_cache_header(found)}, b"")
        return found


def _cache_header(found: StoredObject) -> dict[str, str]:
    value = found.headers.get("Cache-Control")
    return {"Cache-Control": value} if value else {}


def serve_site(site: SiteServer, host: str, port: int) -> ThreadingHTTPServer:
    """An HTTP server for the site (not yet serving: call `serve_forever`)."""

    class SiteHandler(LocalRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server names
            started = time.monotonic()
            try:
                answer = site.answer(self.target, {k.lower(): v for k, v in self.headers.items()})
            except Exception:
                log.exception("site: %s failed", self.target)
                answer = StoredObject(502, {"Content-Type": "text/plain"}, b"Bad Gateway")
            self.send_response(answer.status)
            cors = site.cors_headers(self.headers.get("Origin"))
            for name, value in {**answer.headers, **site.headers, **cors}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            if self.command == "GET":
                self.wfile.write(answer.body)
            log.debug(
                "site  %-6s %s %d %.0f ms",
                self.command,
                self.target,
                answer.status,
                (time.monotonic() - started) * 1000,
            )

        do_HEAD = do_GET  # noqa: N815 - http.server names

        def do_POST(self) -> None:  # noqa: N802 - http.server names
            # The distribution allows GET and HEAD only.
            self.send_response(403)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_PUT = do_DELETE = do_PATCH = do_POST  # noqa: N815 - http.server names

        def log_message(self, format: str, *args: Any) -> None:
            """Requests are logged by `do_GET` (at debug level: pages are many)."""

    server = LocalHTTPServer((host, port), SiteHandler)
    server.daemon_threads = True
    return server
