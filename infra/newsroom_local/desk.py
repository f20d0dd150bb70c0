"""The desk (the editors' web app, `make desk` builds it into desk/dist) as it is served:
its files, their headers, and the `config.json` that tells it where everything is.

Locally the API server serves it at http://127.0.0.1:3000/desk/ (`DeskSite`); on AWS the
site's distribution serves it from the desk bucket at <site>/desk/, where
infra/scripts/desk_deploy.py uploads the same files with the same headers
(`cache_control`, `content_type`) and a `config.json` of the same fields (`desk_config`).

- `/desk` is redirected to `/desk/`; `/desk/` is `index.html`, and so is any path under
  `/desk/` whose last segment has no extension (the desk routes in the address's
  fragment, so these are only old or hand-typed addresses); a missing file with an
  extension is a 404.
- `index.html`, `config.json` and the other files not named by their content are
  `Cache-Control: no-cache` (the browser asks again each time, and gets 304 while they
  have not changed); the files esbuild names by their content's hash (`assets/…-HASH.js`)
  are cached for a year.
- Every answer carries the desk's Content-Security-Policy (`content_security_policy`):
  scripts and styles from the desk only, the API, the user pool and the upload bucket
  to talk to, the site's and the upload bucket's images, no frame of it anywhere. The
  preview frame (`srcdoc`) inherits it, so it names the site for the page's stylesheet,
  fonts and photos too.
- Without desk/dist (or `DESK_DIST`), `/desk/` is a 404 page that says to run `make desk`.

Only the standard library here: the deploy script imports this module with the AWS SAM
CLI's Python.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

PREFIX = "/desk/"
INDEX = "index.html"
CONFIG = "config.json"
NO_CACHE = "no-cache"
IMMUTABLE = "public, max-age=31536000, immutable"
# esbuild's names for content-hashed outputs (desk/build.mjs: "[name]-[hash]").
HASHED = re.compile(r"^assets/(?:[^/]+/)*[^/]+-[A-Z0-9]{8}\.[^/]+$")
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".webmanifest": "application/manifest+json",
}
# What config.json holds (desk/src/core/config.js reads it).
CONFIG_FIELDS = (
    "apiUrl",
    "siteUrl",
    "region",
    "userPoolId",
    "clientId",
    "cognitoEndpoint",
    "uploadOrigin",
)


def desk_uri(path: str) -> str:
    """What the desk's viewer-request function (template.yaml: DeskIndexFunction) makes of
    a request for `path` under /desk/: index.html for an address of the desk's own (no
    dot in its last segment), else the path itself."""
    if "." not in path[path.rfind("/") + 1 :]:
        return PREFIX + INDEX
    return path


def cache_control(name: str) -> str:
    """How long a browser (and CloudFront) keeps the desk's file `name` (relative to
    desk/dist, `/`-separated): a year when its name holds its content's hash."""
    return IMMUTABLE if HASHED.match(name) else NO_CACHE


def content_type(name: str) -> str:
    """The desk's file `name` as a content type."""
    suffix = Path(name).suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"


def origin(url: str) -> str:
    """`scheme://host[:port]` of `url`."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def desk_config(
    *,
    api_url: str,
    site_url: str,
    region: str,
    user_pool_id: str,
    client_id: str,
    cognito_endpoint: str,
    upload_origin: str,
) -> dict[str, str]:
    """config.json: where the desk finds the API, the site, the user pool and the bucket
    photos are uploaded to."""
    config = {
        "apiUrl": api_url.rstrip("/"),
        "siteUrl": site_url.rstrip("/"),
        "region": region,
        "userPoolId": user_pool_id,
        "clientId": client_id,
        "cognitoEndpoint": cognito_endpoint.rstrip("/") + "/",
        "uploadOrigin": origin(upload_origin),
    }
    assert tuple(config) == CONFIG_FIELDS
    return config


def content_security_policy(config: dict[str, str]) -> str:
    """The desk's policy, for where config.json says everything is."""
    site = origin(config["siteUrl"])
    uploads = config["uploadOrigin"]

    api, cognito = origin(config["apiUrl"]), origin(config["cognitoEndpoint"])

    def sources(*names: str) -> str:
        return " ".join(dict.fromkeys(["'self'", *names]))

    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src " + sources(site),
            "font-src " + sources(site),
            "img-src " + sources("blob:", "data:", site, uploads),
            "connect-src " + sources(api, cognito, uploads),
            "frame-src 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "object-src 'none'",
        ]
    )


@dataclass
class DeskAnswer:
    """What the server sends for a request under /desk/."""

    status: int
    headers: dict[str, str]
    body: bytes


NOT_BUILT = """<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><title>Bàn biên tập chưa được dựng</title></head>
<body>
<h1>Bàn biên tập chưa được dựng</h1>
<p>Không có thư mục {dist}. Hãy chạy <code>make desk</code> (hoặc <code>make dev</code>,
việc này dựng bàn biên tập trước), rồi tải lại trang này.</p>
<p lang="en">The desk is not built: there is no {dist}. Run <code>make desk</code>, then
reload this page.</p>
</body>
</html>
"""
NOT_FOUND = """<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><title>Không tìm thấy</title></head>
<body><h1>Không tìm thấy</h1><p>Bàn biên tập không có tệp này.</p>
<p><a href="/desk/">Về bàn biên tập</a></p></body>
</html>
"""


@dataclass
class DeskSite:
    """The built desk in `dist`, and its config.json, as the local API server serves them."""

    dist: Path
    config: dict[str, str]
    security: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.security = {
            "Content-Security-Policy": content_security_policy(self.config),
            "X-Content-Type-Options": "nosniff",
            "X-Frame-Options": "DENY",
            "Referrer-Policy": "same-origin",
        }

    @staticmethod
    def serves(path: str) -> bool:
        """Whether a request for `path` (without its query) is the desk's."""
        return path == PREFIX.rstrip("/") or path.startswith(PREFIX)

    def _answer(
        self, status: int, body: bytes, kind: str, cache: str, **headers: str
    ) -> DeskAnswer:
        return DeskAnswer(
            status,
            {"Content-Type": kind, "Cache-Control": cache, **self.security, **headers},
            body,
        )

    def _page(self, status: int, html: str) -> DeskAnswer:
        return self._answer(status, html.encode(), CONTENT_TYPES[".html"], NO_CACHE)

    def answer(self, method: str, target: str, request_headers: dict[str, str]) -> DeskAnswer:
        """The answer to `method target` (`target` under /desk, with its query)."""
        path = urlsplit(target).path
        if method not in ("GET", "HEAD"):
            answer = self._page(405, NOT_FOUND)
            answer.headers["Allow"] = "GET, HEAD"
            return answer
        if path == PREFIX.rstrip("/"):
            query = urlsplit(target).query
            location = PREFIX + (f"?{query}" if query else "")
            return self._answer(301, b"", "text/plain", "public, max-age=3600", Location=location)
        if not (self.dist / INDEX).is_file():
            return self._page(404, NOT_BUILT.format(dist=self.dist))
        name = unquote(desk_uri(path)[len(PREFIX) :])
        if name == CONFIG:
            body = (json.dumps(self.config, indent=2, ensure_ascii=False) + "\n").encode()
            return self._fresh(body, CONTENT_TYPES[".json"], NO_CACHE, request_headers)
        found = self._file(name)
        if found is None:
            return self._page(404, NOT_FOUND)
        return self._fresh(
            found.read_bytes(), content_type(name), cache_control(name), request_headers
        )

    def _file(self, name: str) -> Path | None:
        """The file `name` of the build, never anything outside it."""
        if "\\" in name or "\x00" in name or any(p in ("", ".", "..") for p in name.split("/")):
            return None
        root = self.dist.resolve()
        candidate = (root / name).resolve()
        if not candidate.is_relative_to(root) or not candidate.is_file():
            return None
        return candidate

    def _fresh(
        self, body: bytes, kind: str, cache: str, request_headers: dict[str, str]
    ) -> DeskAnswer:
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        asked = request_headers.get("if-none-match", "")
        if etag in [t.strip() for t in asked.split(",")]:
            return self._answer(304, b"", kind, cache, ETag=etag)
        return self._answer(200, body, kind, cache, ETag=etag)
