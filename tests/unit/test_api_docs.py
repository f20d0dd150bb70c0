"""/docs: Swagger UI from the layer's own copy of the pinned npm package, served by the API
itself, so the page loads nothing from another host (tests/e2e/test_api_docs.py opens it
in Chromium)."""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from newsroom.api.openapi import (
    SWAGGER_UI,
    SWAGGER_UI_FILES,
    swagger_ui_page,
    swagger_ui_version,
)
from newsroom.api.router import Router
from newsroom.api.routes import routes
from newsroom_local.events import http_api_event
from newsroom_local.template import PROJECT_ROOT

NPM = PROJECT_ROOT / "infra" / "swagger-ui"
PACKAGE = "swagger-ui-dist"


def _manifest() -> dict[str, Any]:
    return json.loads((SWAGGER_UI / "VENDORED.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _locked() -> dict[str, Any]:
    lock = json.loads((NPM / "package-lock.json").read_text(encoding="utf-8"))
    return lock["packages"][f"node_modules/{PACKAGE}"]  # type: ignore[no-any-return]


def test_the_copied_files_are_the_pinned_packages_own() -> None:
    manifest, locked = _manifest(), _locked()
    pinned = json.loads((NPM / "package.json").read_text(encoding="utf-8"))["dependencies"]
    assert pinned[PACKAGE] == locked["version"], "pin the exact version (no ^ or ~)"
    assert manifest["package"] == PACKAGE
    assert (manifest["version"], manifest["integrity"]) == (locked["version"], locked["integrity"])
    assert swagger_ui_version() == locked["version"]
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((SWAGGER_UI / name).read_bytes()).hexdigest() == digest, (
            f"{name} differs from {PACKAGE} {locked['version']}: run `make swagger-ui`"
        )
    installed = NPM / "node_modules" / PACKAGE
    if installed.is_dir():  # after `make swagger-ui`: byte for byte what npm installed
        version = json.loads((installed / "package.json").read_text(encoding="utf-8"))["version"]
        assert version == locked["version"]
        for name in manifest["files"]:
            assert (installed / name).read_bytes() == (SWAGGER_UI / name).read_bytes(), name


def test_every_file_the_api_serves_is_in_the_layer_with_its_licence() -> None:
    served = set(SWAGGER_UI_FILES)
    assert served == set(_manifest()["files"]) | {"swagger-ui-init.js"}
    for name in served:
        assert (SWAGGER_UI / name).is_file(), name
    assert "Apache License" in (SWAGGER_UI / "LICENSE").read_text(encoding="utf-8")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts = 0
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.urls += [v for k, v in attrs if k in ("src", "href") and v is not None]
        if tag == "script":
            self._in_script = True
            self.inline_scripts += "src" not in found
        if tag == "style" or "style" in found:
            raise AssertionError("inline style: the page's CSP allows styles from files only")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = self._in_script and tag != "script"


def test_the_page_loads_its_files_from_the_api_itself_without_inline_script() -> None:
    page = swagger_ui_page("/openapi.json", "Newsroom <editorial> API")
    links = _Links()
    links.feed(page)
    assert links.inline_scripts == 0
    version = swagger_ui_version()
    assert sorted(links.urls) == sorted([
        "data:,",
        f"/docs/swagger-ui.css?v={version}",
        f"/docs/swagger-ui-bundle.js?v={version}",
        f"/docs/swagger-ui-init.js?v={version}",
        "/openapi.json",
    ])  # fmt: skip
    assert "<title>Newsroom &lt;editorial&gt; API</title>" in page
    assert 'data-openapi-url="/openapi.json"' in page
    starter = (SWAGGER_UI / "swagger-ui-init.js").read_text(encoding="utf-8")
    assert "validatorUrl: null" in starter  # no badge from validator.swagger.io
    assert not re.search(r"https?://", starter.split("\n(function", 1)[1])


def _get(path: str, file: str | None = None) -> dict[str, Any]:
    router: Router[Any] = Router(None)
    router.include_routes(routes)
    event = http_api_event(
        method="GET",
        route_path="/docs/{file}" if file is not None else path,
        raw_path=path,
        path_parameters={"file": file} if file is not None else None,
        claims={},
    )
    return router.resolve(event)


@pytest.mark.parametrize("name", sorted(SWAGGER_UI_FILES))
def test_the_api_serves_each_file_with_its_type_cached_for_a_day(name: str) -> None:
    answer = _get(f"/docs/{name}", name)
    assert answer["statusCode"] == 200
    headers = answer["headers"]
    assert headers["Content-Type"] == SWAGGER_UI_FILES[name]
    assert headers["Cache-Control"] == "public, max-age=86400"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert answer["body"] == (SWAGGER_UI / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["VENDORED.json", "..%2Fopenapi.py", "swagger-ui.js.map", ""])
def test_nothing_else_of_the_layer_is_served(name: str) -> None:
    answer = _get(f"/docs/{name}", name)
    assert answer["statusCode"] == 404
    assert answer["headers"]["Content-Type"] == "application/problem+json"


def test_the_page_forbids_every_other_host() -> None:
    answer = _get("/docs")
    assert answer["statusCode"] == 200
    policy = answer["headers"]["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    for directive in ("script-src", "style-src", "connect-src"):
        assert directives[directive] == "'self'", directive
    assert not re.search(r"https?:|\*", policy)


def test_the_vendored_folder_is_where_the_layer_build_copies_it() -> None:
    # infra/lambda/package.py copies shared/newsroom whole: the folder travels with it.
    assert SWAGGER_UI.parent == PROJECT_ROOT / "shared" / "newsroom" / "api"
    assert Path(SWAGGER_UI, "swagger-ui-bundle.js").stat().st_size > 500_000
