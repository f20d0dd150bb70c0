"""The local API gateway routes and answers as an HTTP API; the event source mapping's verdicts."""

from __future__ import annotations

import base64
import json
from typing import Any

from newsroom_local.functions import HttpRoute
from newsroom_local.gateway import ApiGateway, Integration, response_from_result
from newsroom_local.sqs_source import failed_ids

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
