"""The local API server serves the desk at /desk/: its build's files with the right types
and caching, index.html for the desk's own addresses, a config.json that says where
everything is, the desk's Content-Security-Policy on every answer, and a page that says
to run `make desk` when there is no build."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from newsroom_local.desk import CONFIG_FIELDS, DeskSite, desk_config
from newsroom_local.functions import HttpRoute
from newsroom_local.gateway import ApiGateway, Integration, serve_api
from newsroom_local.template import PROJECT_ROOT

from tests.serving import serving

INDEX = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Bàn biên tập</title>
<link rel="stylesheet" href="assets/style-57U4PZSU.css">
<script type="module" src="assets/desk-AJ7UCX7L.js"></script></head>
<body><div id="desk"></div></body></html>
"""
CONFIG = desk_config(
    api_url="http://127.0.0.1:3000",
    site_url="http://127.0.0.1:8080/",
    region="us-east-1",
    user_pool_id="us-east-1_Abc123",
    client_id="4f1b2c3d4e5f6a7b8c9d0e1f2a",
    cognito_endpoint="http://127.0.0.1:5055",
    upload_origin="http://127.0.0.1:5055/newsroom-local-contentbucket",
)


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    """A build as `make desk` lays it out, with placeholder files."""
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(INDEX, encoding="utf-8")
    (tmp_path / "icon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (tmp_path / "site.json").write_text('{"categories": []}')
    (tmp_path / "assets" / "desk-AJ7UCX7L.js").write_text("export {};")
    (tmp_path / "assets" / "style-57U4PZSU.css").write_text("body{}")
    (tmp_path / "assets" / "chunk-AABKDA3B.js.LEGAL.txt").write_text("MIT")
    (tmp_path.parent / "secret.txt").write_text("not the desk's")
    return tmp_path


@pytest.fixture
def desk(dist: Path) -> DeskSite:
    return DeskSite(dist, CONFIG)


def _get(desk: DeskSite, target: str, **headers: str) -> Any:
    return desk.answer("GET", target, {k.lower(): v for k, v in headers.items()})


def test_the_desks_address_without_its_slash_is_redirected(desk: DeskSite) -> None:
    answer = _get(desk, "/desk?x=1")
    assert (answer.status, answer.headers["Location"]) == (301, "/desk/?x=1")


@pytest.mark.parametrize("target", ["/desk/", "/desk/bai/01abc", "/desk/?v=2", "/desk/phien-ban"])
def test_the_desk_and_its_own_addresses_are_index_html_never_cached(
    desk: DeskSite, target: str
) -> None:
    answer = _get(desk, target)
    assert answer.status == 200
    assert answer.body.decode() == INDEX
    assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
    assert answer.headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize(
    ("name", "kind", "cache"),
    [
        ("assets/desk-AJ7UCX7L.js", "text/javascript; charset=utf-8", "immutable"),
        ("assets/style-57U4PZSU.css", "text/css; charset=utf-8", "immutable"),
        ("assets/chunk-AABKDA3B.js.LEGAL.txt", "text/plain; charset=utf-8", "immutable"),
        ("icon.svg", "image/svg+xml", "no-cache"),
        ("site.json", "application/json; charset=utf-8", "no-cache"),
    ],
)
def test_files_have_their_type_and_hashed_ones_are_kept_a_year(
    desk: DeskSite, name: str, kind: str, cache: str
) -> None:
    answer = _get(desk, f"/desk/{name}")
    assert answer.status == 200
    assert answer.headers["Content-Type"] == kind
    if cache == "immutable":
        assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    else:
        assert answer.headers["Cache-Control"] == "no-cache"


def test_config_json_says_where_everything_is(desk: DeskSite) -> None:
    answer = _get(desk, "/desk/config.json")
    assert answer.status == 200
    assert answer.headers["Content-Type"] == "application/json; charset=utf-8"
    assert answer.headers["Cache-Control"] == "no-cache"
    assert json.loads(answer.body) == {
        "apiUrl": "http://127.0.0.1:3000",
        "siteUrl": "http://127.0.0.1:8080",
        "region": "us-east-1",
        "userPoolId": "us-east-1_Abc123",
        "clientId": "4f1b2c3d4e5f6a7b8c9d0e1f2a",
        "cognitoEndpoint": "http://127.0.0.1:5055/",
        "uploadOrigin": "http://127.0.0.1:5055",
    }


def test_config_json_has_what_the_desk_requires() -> None:
    script = (PROJECT_ROOT / "desk" / "src" / "core" / "config.js").read_text(encoding="utf-8")
    required = re.search(r"const REQUIRED = \[([^\]]*)\]", script)
    assert required, "desk/src/core/config.js names no REQUIRED fields"
    assert set(re.findall(r'"(\w+)"', required[1])) <= set(CONFIG_FIELDS)


def test_every_answer_carries_the_desks_policy(desk: DeskSite) -> None:
    for target in ("/desk/", "/desk/config.json", "/desk/assets/desk-AJ7UCX7L.js", "/desk/x.js"):
        headers = _get(desk, target).headers
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
    policy = {
        part.split()[0]: part.split()[1:]
        for part in _get(desk, "/desk/").headers["Content-Security-Policy"].split("; ")
    }
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    # The preview frame (srcdoc) follows this policy: the site's stylesheet, fonts and photos.
    assert policy["style-src"] == ["'self'", "http://127.0.0.1:8080"]
    assert policy["font-src"] == ["'self'", "http://127.0.0.1:8080"]
    assert policy["img-src"] == [
        "'self'",
        "blob:",
        "data:",
        "http://127.0.0.1:8080",
        "http://127.0.0.1:5055",
    ]
    assert policy["connect-src"] == ["'self'", "http://127.0.0.1:3000", "http://127.0.0.1:5055"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'none'"]
    assert "'unsafe-inline'" not in str(policy) and "*" not in str(policy)


@pytest.mark.parametrize(
    "target",
    [
        "/desk/missing.js",
        "/desk/assets/",
        "/desk/../secret.txt",
        "/desk/%2e%2e/secret.txt",
        "/desk/assets/%2e%2e/%2e%2e/secret.txt",
        "/desk/..%5csecret.txt",
        "/desk/%00.js",
    ],
)
def test_nothing_outside_the_build_and_nothing_missing_is_served(
    desk: DeskSite, target: str
) -> None:
    answer = _get(desk, target)
    if answer.status == 200:  # an address of the desk's own, without an extension
        assert answer.body.decode() == INDEX
    else:
        assert answer.status == 404
        assert b"not the desk's" not in answer.body


def test_a_file_not_changed_is_not_sent_again(desk: DeskSite) -> None:
    first = _get(desk, "/desk/")
    again = _get(desk, "/desk/", **{"If-None-Match": first.headers["ETag"]})
    assert (again.status, again.body) == (304, b"")


def test_the_desk_takes_no_writes(desk: DeskSite) -> None:
    answer = desk.answer("POST", "/desk/", {})
    assert (answer.status, answer.headers["Allow"]) == (405, "GET, HEAD")


def test_without_a_build_the_desk_says_to_run_make_desk(tmp_path: Path) -> None:
    answer = _get(DeskSite(tmp_path / "dist", CONFIG), "/desk/")
    assert answer.status == 404
    assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
    assert b"make desk" in answer.body
    assert str(tmp_path / "dist").encode() in answer.body


@pytest.fixture
def server(desk: DeskSite) -> Iterator[str]:
    seen: list[dict[str, Any]] = []

    def invoker(port: int, function: str, event: dict[str, Any]) -> tuple[Any, bool]:
        seen.append(event)
        return {"statusCode": 200, "body": '{"openapi": "3.1.0"}'}, False

    route = HttpRoute("GET", "/openapi.json", authorized=False)
    gateway = ApiGateway([Integration(route, "IngestFunction", 1)], None, invoker)
    with serving(serve_api(gateway, "127.0.0.1", 0, desk)) as url:
        yield url


def test_the_api_server_serves_the_desk_beside_the_api(server: str) -> None:
    page = httpx.get(f"{server}/desk/")
    assert page.status_code == 200 and page.text == INDEX
    assert "Content-Security-Policy" in page.headers
    script = httpx.get(f"{server}/desk/assets/desk-AJ7UCX7L.js")
    assert script.headers["content-type"] == "text/javascript; charset=utf-8"
    assert httpx.get(f"{server}/openapi.json").json() == {"openapi": "3.1.0"}
    assert httpx.head(f"{server}/desk/").headers["content-length"] == str(len(INDEX.encode()))
