"""The local API gateway routes and answers as an HTTP API; the event source mapping's verdicts."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from newsroom_local.functions import HttpRoute
from newsroom_local.gateway import ApiGateway, Integration, response_from_result, serve_api
from newsroom_local.sqs_source import failed_ids

from tests.raw_http import assert_clean_head, exchange

ROUTES = [
    HttpRoute("GET", "/articles/{id}"),
    HttpRoute("GET", "/articles/drafts"),
    HttpRoute("GET", "/files/{path+}"),
    HttpRoute("GET", "/openapi.json", authorized=False),
]


def _gateway(seen: list[dict[str, Any]], result: Any = None) -> ApiGateway:
    def invoker(port: int, function: str, event: dict[str, Any]) -> tuple[Any, bool]:
        seen.append(event)
        return (result if result is not None else {"statusCode": 200, "body": "{}"}), False

    return ApiGateway([Integration(r, "IngestFunction", 1) for r in ROUTES], None, invoker)


def test_the_most_specific_route_wins_and_gets_its_path_parameters() -> None:
    seen: list[dict[str, Any]] = []
    gateway = _gateway(seen)
    gateway.handle("GET", "/articles/drafts", [], None)
    gateway.handle("GET", "/articles/01abc?x=1&x=2", [("X-Trace", "a"), ("x-trace", "b")], None)
    gateway.handle("GET", "/files/a/b%20c.jpg", [], None)
    assert [e["routeKey"] for e in seen] == [
        "GET /articles/drafts",
        "GET /articles/{id}",
        "GET /files/{path+}",
    ]
    assert seen[1]["pathParameters"] == {"id": "01abc"}
    assert seen[1]["queryStringParameters"] == {"x": "1,2"}
    assert seen[1]["headers"]["x-trace"] == "a,b"
    assert seen[2]["pathParameters"] == {"path": "a/b c.jpg"}
    assert seen[2]["rawPath"] == "/files/a/b%20c.jpg"


def test_no_route_is_a_404_and_no_function_runs() -> None:
    seen: list[dict[str, Any]] = []
    response = _gateway(seen).handle("DELETE", "/articles/01abc", [], None)
    assert (response.status, json.loads(response.body)) == (404, {"message": "Not Found"})
    assert seen == []


def test_a_base64_body_is_decoded_and_headers_and_cookies_kept() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00"
    result = {
        "statusCode": 201,
        "headers": {"Content-Type": "image/png", "ETag": '"v3"'},
        "cookies": ["a=1; Path=/"],
        "body": base64.b64encode(png).decode(),
        "isBase64Encoded": True,
    }
    response = response_from_result(result)
    assert (response.status, response.body, response.cookies) == (201, png, ["a=1; Path=/"])
    assert response.headers["ETag"] == '"v3"'


def test_a_result_without_a_status_code_is_json_with_200() -> None:
    response = response_from_result({"ok": True})
    assert (response.status, json.loads(response.body)) == (200, {"ok": True})
    assert response.headers["Content-Type"] == "application/json"


def test_only_listed_records_fail_and_a_malformed_answer_fails_the_batch() -> None:
    batch = {"m1", "m2", "m3"}
    assert failed_ids({"batchItemFailures": [{"itemIdentifier": "m2"}]}, batch, True) == {"m2"}
    assert failed_ids({"batchItemFailures": []}, batch, True) == set()
    assert failed_ids(None, batch, True) == set()
    assert failed_ids({"batchItemFailures": [{"itemIdentifier": "zz"}]}, batch, True) == batch
    assert failed_ids({"batchItemFailures": [{"id": "m1"}]}, batch, True) == batch
    # Without ReportBatchItemFailures a returned list means nothing: the batch succeeded.
    assert failed_ids({"batchItemFailures": [{"itemIdentifier": "m2"}]}, batch, False) == set()


# ---------------------------------------------------------------- over a raw socket


def _echoing_gateway(seen: list[dict[str, Any]]) -> ApiGateway:
    """A function that echoes the query into its answer's headers, as a careless one might."""

    def invoker(port: int, function: str, event: dict[str, Any]) -> tuple[Any, bool]:
        seen.append(event)
        query = event.get("queryStringParameters") or {}
        headers = {
            "Location": "/tim-kiem?q=" + query.get("next", ""),
            "X-Query": query.get("q", ""),
        }
        return {"statusCode": 302, "headers": headers, "body": json.dumps(query)}, False

    routes = [HttpRoute("GET", "/tim-kiem", authorized=False)]
    return ApiGateway([Integration(r, "IngestFunction", 1) for r in routes], None, invoker)


@pytest.fixture
def echo() -> Iterator[tuple[int, list[dict[str, Any]]]]:
    seen: list[dict[str, Any]] = []
    server = serve_api(_echoing_gateway(seen), "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], seen
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "request_line",
    [
        b"GET /tim-kiem?next=%0d%0aSet-Cookie:%20a=b HTTP/1.1",
        b"GET /tim-kiem?next=%0aSet-Cookie:%20a=b HTTP/1.1",
        b"GET /tim-kiem?next=%0dSet-Cookie:%20a=b HTTP/1.1",
        b"GET /tim-kiem?q=%00 HTTP/1.1",
        b"GET /tim-kiem?next=\r\nSet-Cookie: a=b HTTP/1.1",
        b"GET /tim-kiem?next=\rSet-Cookie:%20a=b HTTP/1.1",
    ],
)
def test_a_header_a_function_fills_with_crlf_from_the_query_is_never_sent(
    echo: tuple[int, list[dict[str, Any]]], request_line: bytes
) -> None:
    port, _ = echo
    answer = exchange(port, request_line)
    assert answer.status in (400, 500), answer
    assert_clean_head(answer)
    assert "set-cookie" not in answer.header_names()
    if answer.status == 500:
        assert json.loads(answer.body) == {"message": "Internal Server Error"}


def test_a_vietnamese_query_sent_raw_reaches_the_function_as_its_text(
    echo: tuple[int, list[dict[str, Any]]],
) -> None:
    port, seen = echo
    spaced = exchange(port, "GET /tim-kiem?q=Công Thương HTTP/1.1".encode())
    assert spaced.status_line == b"HTTP/1.1 400 Bad Request"
    assert seen == []

    joined = exchange(port, "GET /tim-kiem?q=CôngThương&next=HẠ HTTP/1.1".encode())
    assert joined.status == 302
    assert seen[-1]["queryStringParameters"] == {"q": "CôngThương", "next": "HẠ"}
    assert seen[-1]["rawQueryString"] == "q=C%C3%B4ngTh%C6%B0%C6%A1ng&next=H%E1%BA%A0"
    # A header value outside Latin-1 goes out as UTF-8 instead of breaking the answer.
    assert joined.headers("X-Query") == ["CôngThương".encode().decode("latin-1")]
    assert json.loads(joined.body) == {"q": "CôngThương", "next": "HẠ"}


def test_a_result_with_a_header_that_cannot_be_written_is_a_500() -> None:
    for headers, cookies in [
        ({"Location": "/x\r\nSet-Cookie: a=b"}, []),
        ({"X-Bad Name": "1"}, []),
        ({}, ["a=1\r\nX-Injected: 1"]),
    ]:
        result = {"statusCode": 302, "headers": headers, "cookies": cookies, "body": ""}
        response = response_from_result(result)
        assert (response.status, json.loads(response.body)) == (
            500,
            {"message": "Internal Server Error"},
        )
