"""The site's static files: stylesheet, scripts and logo, each named by its content.

A content-hashed name never changes meaning, so these are cached for a year and
never invalidated; a new version is a new name that new pages link to.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

STATIC = Path(__file__).with_name("static")
CONTENT_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}


@dataclass(frozen=True)
class Asset:
    """One static file and the content-hashed key it is served under."""

    key: str
    body: bytes
    content_type: str

    @property
    def href(self) -> str:
        return f"/{self.key}"


@lru_cache(maxsize=16)
def asset(name: str) -> Asset:
    """The static file `name` (in `static/`), keyed `assets/<stem>.<hash><suffix>`."""
    path = STATIC / name
    body = path.read_bytes()
    digest = hashlib.sha256(body).hexdigest()[:12]
    return Asset(
        key=f"assets/{path.stem}.{digest}{path.suffix}",
        body=body,
        content_type=CONTENT_TYPES[path.suffix],
    )


@dataclass(frozen=True)
class AssetLinks:
    """The hrefs pages link to."""

    stylesheet: str
    script: str
    search: str
    logo: str


def all_assets(logo: str) -> list[Asset]:
    """Every static file the site serves."""
    return [asset("site.css"), asset("site.js"), asset("search.js"), asset(logo)]


def asset_links(logo: str) -> AssetLinks:
    return AssetLinks(
        stylesheet=asset("site.css").href,
        script=asset("site.js").href,
        search=asset("search.js").href,
        logo=asset(logo).href,
    )
