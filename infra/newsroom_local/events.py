"""AWS event shapes as API Gateway (HTTP API, payload 2.0) and SQS send them to Lambda."""

from __future__ import annotations

import base64
import time
import uuid
from dataclasses import dataclass, field
from typing import Any


@dataclass
class LambdaContext:
    """The context object Lambda passes to a handler."""

    function_name: str
    memory_limit_in_mb: int = 128
    timeout_seconds: int = 3
    region: str = "us-east-1"
    account_id: str = "123456789012"
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    started: float = field(default_factory=time.monotonic)

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:{self.region}:{self.account_id}:function:{self.function_name}"

    @property
    def function_version(self) -> str:
        return "$LATEST"

    @property
    def log_group_name(self) -> str:
        return f"/aws/lambda/{self.function_name}"

    @property
    def log_stream_name(self) -> str:
        return "local"

    def get_remaining_time_in_millis(self) -> int:
        left = self.timeout_seconds - (time.monotonic() - self.started)
        return max(0, int(left * 1000))


def http_api_event(
    *,
    method: str,
    route_path: str,
    raw_path: str,
    path_parameters: dict[str, str] | None = None,
    query: dict[str, str] | None = None,
    raw_query: str = "",
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    claims: dict[str, Any] | None = None,
    source_ip: str = "127.0.0.1",
    api_id: str = "local",
) -> dict[str, Any]:
    """An HTTP API (payload format 2.0) event, with the JWT authorizer's claims."""
    now = time.time()
    lowered = {k.lower(): v for k, v in (headers or {}).items()}
    text_types = (
        "application/json",
        "text/",
        "application/problem+json",
        "application/x-www-form-urlencoded",
    )
    content_type = lowered.get("content-type", "")
    is_text = body is None or content_type.startswith(text_types) or content_type.endswith("+json")
    encoded_body: str | None
    if body is None:
        encoded_body = None
    elif is_text:
        try:
            encoded_body = body.decode("utf-8")
        except UnicodeDecodeError:
            encoded_body, is_text = base64.b64encode(body).decode(), False
    else:
        encoded_body = base64.b64encode(body).decode()
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": f"{method} {route_path}",
        "rawPath": raw_path,
        "rawQueryString": raw_query,
        "headers": lowered,
        "requestContext": {
            "accountId": "123456789012",
            "apiId": api_id,
            "domainName": lowered.get("host", "127.0.0.1"),
            "domainPrefix": "127",
            "http": {
                "method": method,
                "path": raw_path,
                "protocol": "HTTP/1.1",
                "sourceIp": source_ip,
                "userAgent": lowered.get("user-agent", ""),
            },
            "requestId": uuid.uuid4().hex,
            "routeKey": f"{method} {route_path}",
            "stage": "$default",
            "time": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now)),
            "timeEpoch": int(now * 1000),
        },
        "isBase64Encoded": encoded_body is not None and not is_text,
    }
    if encoded_body is not None:
        event["body"] = encoded_body
    if path_parameters:
        event["pathParameters"] = path_parameters
    if query:
        event["queryStringParameters"] = query
    if claims is not None:
        event["requestContext"]["authorizer"] = {"jwt": {"claims": claims, "scopes": None}}
    return event


def sqs_event(
    messages: list[dict[str, Any]], queue_arn: str, region: str = "us-east-1"
) -> dict[str, Any]:
    """An SQS event from messages as `ReceiveMessage` returned them."""
    records = []
    for message in messages:
        attributes = message.get("Attributes", {})
        records.append(
            {
                "messageId": message["MessageId"],
                "receiptHandle": message["ReceiptHandle"],
                "body": message["Body"],
                "attributes": {
                    "ApproximateReceiveCount": attributes.get("ApproximateReceiveCount", "1"),
                    "SentTimestamp": attributes.get("SentTimestamp", str(int(time.time() * 1000))),
                    "SenderId": attributes.get("SenderId", "AIDALOCAL"),
                    "ApproximateFirstReceiveTimestamp": attributes.get(
                        "ApproximateFirstReceiveTimestamp", str(int(time.time() * 1000))
                    ),
                },
                "messageAttributes": message.get("MessageAttributes", {}),
                "md5OfBody": message.get("MD5OfBody", ""),
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": region,
            }
        )
    return {"Records": records}
