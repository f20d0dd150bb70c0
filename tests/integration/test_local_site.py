"""The local site server answers as CloudFront with the template's function and error pages does."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws
from newsroom_local.site import (
    Redirect,
    SiteServer,
    error_responses,
    query_pairs,
    serve_site,
    viewer_request,
)
from newsroom_local.template import load_template, resources_of_type

from tests.cloudfront_function import (
    assert_stays_on_site,
    hostile_requests,
    random_requests,
    viewer_request_decisions,
)
from tests.raw_http import assert_clean_head, exchange

URIS: list[tuple[str, list[tuple[str, str]]]] = [
    ("/", []),
    ("/tin-tuc/", []),
    ("/tin-tuc", []),
    ("/tin-tuc/bai-viet-abc123", [("utm_source", "zalo")]),
    ("/tin-tuc/bai-viet-abc123", [("a", "1"), ("b", "2"), ("a", "3")]),
    ("/assets/site.3f2a.css", []),
    ("/feeds/rss.xml", [("x", "y")]),
    ("/404.html", []),
    ("/a.b/c", []),
    ("/media/anh-1.webp", []),
]


def _python(uri: str, pairs: list[tuple[str, str]]) -> dict[str, Any]:
    decided = viewer_request(uri, pairs)
    if isinstance(decided, Redirect):
        return {
            "status": decided.status,
            "location": decided.location,
            "cache": decided.cache_control,
        }
    return {"uri": decided}


def _template_function_code() -> str:
    function = resources_of_type(load_template(), "AWS::CloudFront::Function")[
        "DirectoryIndexFunction"
    ]
    return str(function["Properties"]["FunctionCode"])


def test_the_python_viewer_request_matches_the_template_function_run_in_node() -> None:
    cases = URIS + hostile_requests() + random_requests(600, seed=8080)
    decisions = viewer_request_decisions(_template_function_code(), cases)
    for case, in_node in zip(cases, decisions, strict=True):
        assert _python(*case) == in_node, case
    for decision in decisions:
        if "location" in decision:
            assert_stays_on_site(decision["location"])


def test_the_query_is_read_as_cloudfront_hands_it_to_the_function() -> None:
    assert query_pairs("a=1&b=&c&&d=x=y&a=%0d%0a") == [
        ("a", "1"),
        ("b", ""),
        ("c", ""),
        ("d", "x=y"),
        ("a", "%0d%0a"),
    ]


@pytest.fixture
def site() -> Iterator[SiteServer]:
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="site")
        html = "text/html; charset=utf-8"
        for key, body, kind, cache in [
            ("index.html", "<h1>Trang chủ</h1>", html, "public, max-age=60"),
            ("tin-tuc/index.html", "<h1>Tin tức</h1>", html, "public, max-age=60"),
            ("404.html", "<h1>Không tìm thấy trang</h1>", html, "public, max-age=60"),
            ("assets/site.css", "body{}", "text/css", "public, max-age=31536000, immutable"),
        ]:
            s3.put_object(
                Bucket="site", Key=key, Body=body.encode(), ContentType=kind, CacheControl=cache
            )
        yield SiteServer(s3, "site", error_responses(load_template()))


def test_a_directory_is_served_from_its_index_with_the_stored_headers(site: SiteServer) -> None:
    answer = site.answer("/tin-tuc/", {})
    assert answer.status == 200
    assert answer.body.decode() == "<h1>Tin tức</h1>"
    assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
    assert answer.headers["Cache-Control"] == "public, max-age=60"
    assert site.answer("/", {}).body.decode() == "<h1>Trang chủ</h1>"
    css = site.answer("/assets/site.css", {})
    assert (css.headers["Content-Type"], css.headers["Cache-Control"]) == (
        "text/css",
        "public, max-age=31536000, immutable",
    )


def test_a_missing_object_gets_the_stored_404_page_with_status_404(site: SiteServer) -> None:
    answer = site.answer("/khong-co/", {})
    assert answer.status == 404
    assert answer.body.decode() == "<h1>Không tìm thấy trang</h1>"


def test_a_path_without_a_dot_is_redirected_to_its_directory(site: SiteServer) -> None:
    answer = site.answer("/tin-tuc?trang=2", {})
    assert answer.status == 301
    assert answer.headers["Location"] == "/tin-tuc/?trang=2"


def test_a_matching_etag_gets_304_without_a_body(site: SiteServer) -> None:
    etag = site.answer("/tin-tuc/", {}).headers["ETag"]
    answer = site.answer("/tin-tuc/", {"if-none-match": etag})
    assert (answer.status, answer.body) == (304, b"")
    assert site.answer("/tin-tuc/", {"if-none-match": '"other"'}).status == 200


# ---------------------------------------------------------------- over a raw socket


@pytest.fixture
def site_port(site: SiteServer) -> Iterator[int]:
    server = serve_site(site, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "request_line",
    [
        b"GET /tin-tuc?x=%0d%0aSet-Cookie:%20a=b HTTP/1.1",
        b"GET /tin-tuc?x=%0D%0ASet-Cookie:%20a=b HTTP/1.1",
        b"GET /tin-tuc?x=%0aSet-Cookie:%20a=b&y=%0d HTTP/1.1",
        b"GET /tin-tuc?x=%E5%98%8A%E5%98%8DSet-Cookie:%20a=b HTTP/1.1",
        "GET /tin-tuc?x=\u560a\u560dSet-Cookie:a=b HTTP/1.1".encode(),
        b"GET /tin-tuc?x=\rSet-Cookie:%20a=b HTTP/1.1",
        b"GET /tin-tuc?x=\r\nSet-Cookie: a=b HTTP/1.1",
        b"GET /tin-tuc?x=\nSet-Cookie: a=b HTTP/1.1",
        b"GET /tin-tuc%0d%0aSet-Cookie:%20a=b HTTP/1.1",
        b"GET //evil.example/x?next=%0d%0aSet-Cookie:%20a=b HTTP/1.1",
        b"GET http://evil.example//evil.example/x?x=%0d%0a HTTP/1.1",
    ],
)
def test_a_crlf_in_the_request_never_adds_a_header_to_the_answer(
    site_port: int, request_line: bytes
) -> None:
    answer = exchange(site_port, request_line)
    assert answer.status in (301, 400), answer
    assert_clean_head(answer)
    assert "set-cookie" not in answer.header_names()
    for location in answer.headers("Location"):
        assert_stays_on_site(location)


def test_a_vietnamese_query_sent_raw_is_answered_as_cloudfront_would(site_port: int) -> None:
    # curl sends what was typed: raw UTF-8, and a space that splits the request line.
    spaced = exchange(site_port, "GET /tim-kiem?q=Công Thương HTTP/1.1".encode())
    assert spaced.status_line == b"HTTP/1.1 400 Bad Request"
    assert_clean_head(spaced)

    joined = exchange(site_port, "GET /tim-kiem?q=CôngThương HTTP/1.1".encode())
    assert joined.status == 301
    assert joined.headers("Location") == ["/tim-kiem/?q=C%C3%B4ngTh%C6%B0%C6%A1ng"]

    # "Ạ" is E1 BA A0 in UTF-8, and A0 is a space to a Latin-1 reader.
    capital = exchange(site_port, "GET /tim-kiem?q=HẠ HTTP/1.1".encode())
    assert capital.headers("Location") == ["/tim-kiem/?q=H%E1%BA%A0"]

    page = exchange(site_port, "GET /tin-tuc/?q=Công HTTP/1.1".encode())
    assert page.status == 200
    assert page.body.decode() == "<h1>Tin tức</h1>"
