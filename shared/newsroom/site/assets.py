"""The site's static files: stylesheet, scripts, logo and typeface, each named by its content.

A content-hashed name never changes meaning, so these are cached for a year and
never invalidated; a new version is a new name that new pages link to.

The stylesheet names the font files by their plain names (`url(be-vietnam-pro-….woff2)`);
it is served with those replaced by their content-hashed names (relative, so they
resolve beside it under `/assets/`), and with the rules of the photos' classes added
(`newsroom.site.placeholders`), and is then named by the hash of what is served.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from newsroom.site.placeholders import photo_css

STATIC = Path(__file__).with_name("static")
CONTENT_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
}
# Be Vietnam Pro (SIL Open Font License 1.1, `be-vietnam-pro-OFL.txt`), from the npm
# package @fontsource/be-vietnam-pro, pinned in tests/browser/package-lock.json: the
# Latin and Vietnamese subsets of the two weights the site uses.
FONTS = tuple(
    f"be-vietnam-pro-{subset}-{weight}-normal.woff2"
    for weight in (400, 700)
    for subset in ("latin", "vietnamese")
)
STYLESHEET = "site.css"


class Asset(NamedTuple):
    """One static file and the content-hashed key it is served under."""

    key: str
    body: bytes
    content_type: str

    @property
    def href(self) -> str:
        return f"/{self.key}"


def _named(name: str, body: bytes) -> Asset:
    path = Path(name)
    digest = hashlib.sha256(body).hexdigest()[:12]
    return Asset(
        key=f"assets/{path.stem}.{digest}{path.suffix}",
        body=body,
        content_type=CONTENT_TYPES[path.suffix],
    )


@lru_cache(maxsize=16)
def asset(name: str) -> Asset:
    """The static file `name` (in `static/`), keyed `assets/<stem>.<hash><suffix>`."""
    if name == STYLESHEET:
        return _stylesheet()
    return _named(name, (STATIC / name).read_bytes())


def _stylesheet() -> Asset:
    text = (STATIC / STYLESHEET).read_text(encoding="utf-8")
    for font in FONTS:
        hashed = asset(font).key.removeprefix("assets/")
        if f"url({font})" not in text:
            raise ValueError(f"{STYLESHEET} does not use {font}")
        text = text.replace(f"url({font})", f"url({hashed})")
    return _named(STYLESHEET, (text + photo_css()).encode("utf-8"))


class AssetLinks(NamedTuple):
    """The hrefs pages link to."""

    stylesheet: str
    script: str
    search: str
    logo: str
    fonts: tuple[str, ...]
    """The font files, fetched with the stylesheet rather than after it (preloaded)."""


def all_assets(logo: str) -> list[Asset]:
    """Every static file the site serves (the stylesheet first)."""
    files = [asset(STYLESHEET), asset("site.js"), asset("search.js"), asset(logo)]
    return files + [asset(font) for font in FONTS]


def asset_links(logo: str) -> AssetLinks:
    return AssetLinks(
        stylesheet=asset(STYLESHEET).href,
        script=asset("site.js").href,
        search=asset("search.js").href,
        logo=asset(logo).href,
        fonts=tuple(asset(font).href for font in FONTS),
    )
