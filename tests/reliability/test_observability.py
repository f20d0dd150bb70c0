"""Observability: one correlation id from the API request through every message and
function's log lines; metrics as embedded metric format lines; alarms, tracing and
access logs declared in template.yaml."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from newsroom import observability
from newsroom_local.template import resources_of_type

from tests.integration.conftest import Stack
from tests.reliability.local_stack import draft


def _json_lines(text: str) -> list[dict[str, Any]]:
    found = []
    for line in text.splitlines():
        if line.startswith("{"):
            try:
                found.append(json.loads(line))
            except ValueError:
                continue
    return found


def test_the_callers_correlation_id_follows_the_article_through_every_function(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each function's Logger (and metric) writes to the stream it found at import.
    logs = io.StringIO()
    monkeypatch.setattr(observability, "metric_stream", logs)
    for handler in stack.handlers.values():
        logger = getattr(handler, "__wrapped__", handler).__globals__["logger"]
        previous = logger.registered_handler.setStream(logs)
    try:
        article_id = _publish_with_correlation_id(stack)
    finally:
        for handler in stack.handlers.values():
            logger = getattr(handler, "__wrapped__", handler).__globals__["logger"]
            logger.registered_handler.setStream(previous)
    lines = _json_lines(logs.getvalue())
    about = [line for line in lines if line.get("article_id") == article_id]
    services = {line["service"] for line in about if "level" in line}
    assert services >= {"images", "render"}
    assert {line.get("correlation_id") for line in about} == {"doc-gia-2026-11"}

    metrics = {
        m["Name"]: line
        for line in lines
        if "_aws" in line
        for m in line["_aws"]["CloudWatchMetrics"][0]["Metrics"]
    }
    assert set(metrics) >= {"ArticlesPublished", "PublishToLive", "RenderTime"}
    assert metrics["ArticlesPublished"]["ArticlesPublished"] == 1
    assert metrics["PublishToLive"]["PublishToLive"] >= 0
    assert metrics["RenderTime"]["_aws"]["CloudWatchMetrics"][0]["Namespace"] == "Newsroom"


def _publish_with_correlation_id(stack: Stack) -> str:
    headers = {"x-correlation-id": "doc-gia-2026-11"}
    status, article, answer_headers = stack.call_api(
        "POST", "/articles", body=draft("Theo dấu một bài"), headers=headers
    )
    assert status == 201
    assert answer_headers["X-Correlation-Id"] == "doc-gia-2026-11"
    status, _, _ = stack.call_api(
        "POST", "/articles/{id}/publish", params={"id": article["id"]}, headers=headers
    )
    assert status == 202
    stack.drain("ImagesFunction")
    stack.drain("RenderFunction")
    return str(article["id"])


def test_a_request_without_a_correlation_id_gets_its_request_id(stack: Stack) -> None:
    status, _, headers = stack.call_api(
        "POST", "/articles", body=draft("Không mã"), headers={"x-correlation-id": "<bad>"}
    )
    assert status == 201
    assert headers["X-Correlation-Id"] not in {"", "<bad>"}


def _alarmed(template: dict[str, Any], namespace: str) -> list[Any]:
    return [
        alarm["Properties"]["Dimensions"][0]["Value"]
        for alarm in resources_of_type(template, "AWS::CloudWatch::Alarm").values()
        if alarm["Properties"]["Namespace"] == namespace
    ]


def test_alarms_watch_every_dead_letter_queue_every_function_and_the_api(
    template: dict[str, Any],
) -> None:
    queues = resources_of_type(template, "AWS::SQS::Queue")
    dead_letters = {
        q["Properties"]["RedrivePolicy"]["deadLetterTargetArn"]["Fn::GetAtt"][0]
        for q in queues.values()
        if "RedrivePolicy" in q["Properties"]
    }
    watched = {v["Fn::GetAtt"][0] for v in _alarmed(template, "AWS/SQS")}
    assert watched == dead_letters
    functions = set(resources_of_type(template, "AWS::Serverless::Function"))
    assert {v["Ref"] for v in _alarmed(template, "AWS/Lambda")} == functions
    assert _alarmed(template, "AWS/ApiGateway") == [{"Ref": "HttpApi"}]
    for alarm in resources_of_type(template, "AWS::CloudWatch::Alarm").values():
        assert alarm["Properties"]["AlarmActions"], "an alarm that tells nobody"
    assert "AlarmTopicArn" in template["Parameters"]


def test_tracing_and_access_logs_are_on(template: dict[str, Any]) -> None:
    assert template["Globals"]["Function"]["Tracing"] == "Active"
    api = template["Resources"]["HttpApi"]["Properties"]
    assert "$context.requestId" in api["AccessLogSettings"]["Format"]
