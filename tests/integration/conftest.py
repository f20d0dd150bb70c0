"""The whole system in-process on moto: resources from template.yaml, real handlers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypedDict, Unpack
from urllib.parse import urlencode, urlsplit

import boto3
import pytest
import requests
from moto import mock_aws
from newsroom_local.events import LambdaContext, http_api_event, sqs_event
from newsroom_local.functions import FunctionSpec, Handler, function_specs, load_handler
from newsroom_local.resources import create_resources
from newsroom_local.s3post import bucket_of, check_form_post, known_secrets
from newsroom_local.template import Environment, load_template

SITE_URL = "http://127.0.0.1:8080"

EDITOR = {"sub": "0001-editor", "cognito:username": "bien.tap", "cognito:groups": "[editor]"}
REPORTER = {
    "sub": "0002-reporter",
    "cognito:username": "phong.vien",
    "cognito:groups": "[reporter]",
}


class ApiRequest(TypedDict, total=False):
    """What a request to the API gives besides its method and route, every helper's alike.

    `params` fill the route's `{name}`s; `query` is the query string; `body` is JSON (or
    bytes as they are); `claims` are the caller's token's (default: an editor's);
    `headers` are added; `language` is asked for (`Accept-Language`, default `en`; None:
    no header, the API's own default).
    """

    params: dict[str, str] | None
    query: dict[str, str] | None
    body: Any
    claims: dict[str, Any] | None
    headers: dict[str, str] | None
    language: str | None


@dataclass
class Stack:
    """Resources and handlers of the template, in moto, in this process."""

    env: Environment
    specs: dict[str, FunctionSpec]
    handlers: dict[str, Handler]

    def client(self, service: str) -> Any:
        return boto3.client(service, region_name="us-east-1")

    def invoke_api(self, method: str, route: str, **request: Unpack[ApiRequest]) -> dict[str, Any]:
        """Send one request through the ingest handler as API Gateway would; its raw answer.

        It asks for answers in `language` (`Accept-Language`; None: no header, so the
        API's own default); `headers` may ask otherwise.
        """
        params, query, body = request.get("params"), request.get("query"), request.get("body")
        claims, language = request.get("claims"), request.get("language", "en")
        raw_path = route
        for name, value in (params or {}).items():
            raw_path = raw_path.replace("{" + name + "}", value)
        data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
        event = http_api_event(
            method=method,
            route_path=route,
            raw_path=raw_path,
            path_parameters=params,
            query=query,
            raw_query=urlencode(query or {}),
            headers={
                "content-type": "application/json",
                **({"accept-language": language} if language else {}),
                **{name.lower(): value for name, value in (request.get("headers") or {}).items()},
            },
            body=data,
            claims=EDITOR if claims is None else claims,
        )
        answer: dict[str, Any] = self.handlers["IngestFunction"](
            event, LambdaContext("IngestFunction")
        )
        return answer

    def call_api(
        self, method: str, route: str, **request: Unpack[ApiRequest]
    ) -> tuple[int, Any, dict[str, str]]:
        """The request's status, JSON body (None when empty) and headers."""
        response = self.invoke_api(method, route, **request)
        payload = json.loads(response["body"]) if response.get("body") else None
        return response["statusCode"], payload, response.get("headers", {})

    def site_objects(self) -> dict[str, bytes]:
        """Every object of the site bucket, key by key."""
        s3 = self.client("s3")
        bucket = self.env.ref("SiteBucket")
        found = {}
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for item in page.get("Contents", []):
                found[item["Key"]] = s3.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
        return found

    @staticmethod
    def send_upload(
        upload: dict[str, Any], data: bytes, filename: str = "photo"
    ) -> requests.Response:
        """Send a photo's bytes to the presigned form POST that the API answered with.

        moto intercepts `requests` calls to AWS in-process, but stores any form it is
        sent: the local cloud's policy check runs first, and answers what S3 would refuse.
        """
        fields = dict(upload["upload_fields"])
        form = requests.Request(
            "POST",
            str(upload["upload_url"]),
            data=fields,
            files={"file": (filename, data, fields["Content-Type"])},
        ).prepare()
        credentials = boto3.Session().get_credentials()
        url = urlsplit(str(form.url))
        refusal = check_form_post(
            bucket_of(url.netloc, url.path) or "",
            str(form.headers["Content-Type"]),
            bytes(form.body or b""),
            known_secrets([(credentials.access_key, credentials.secret_key)]),
        )
        if refusal is not None:
            refused = requests.Response()
            refused.status_code, refused._content = refusal.status, refusal.xml()
            refused.headers["Content-Type"] = "application/xml"
            return refused
        with requests.Session() as session:
            return session.send(form, timeout=30)

    def upload_photo(self, upload: dict[str, Any], data: bytes, filename: str = "photo") -> None:
        """Send a photo's bytes as a client would, and check S3 took them."""
        response = self.send_upload(upload, data, filename)
        assert response.status_code in (200, 204), response.text

    def drain(self, function: str) -> list[dict[str, Any]]:
        """Feed the function every message on its queues, as Lambda would, until all are
        empty (the render function's site queue fills as its render queue drains);
        return its results, stopping at the first batch with a failure."""
        sqs = self.client("sqs")
        results: list[dict[str, Any]] = []
        delivered = True
        while delivered:
            delivered = False
            for source in self.specs[function].queues:
                received = sqs.receive_message(
                    QueueUrl=source.queue_url,
                    MaxNumberOfMessages=min(10, source.batch_size),
                    AttributeNames=["All"],
                ).get("Messages", [])
                if not received:
                    continue
                delivered = True
                result = self.handlers[function](
                    sqs_event(received, source.queue_arn), LambdaContext(function)
                )
                failed = {f["itemIdentifier"] for f in result["batchItemFailures"]}
                for message in received:
                    if message["MessageId"] not in failed:
                        sqs.delete_message(
                            QueueUrl=source.queue_url, ReceiptHandle=message["ReceiptHandle"]
                        )
                results.append(result)
                if failed:
                    return results
        return results


@pytest.fixture
def stack() -> Iterator[Stack]:
    with mock_aws():
        template = load_template()
        env = create_resources(template, site_url=SITE_URL)
        # Each test drains the queues itself, in its own order: the render of the shared
        # files need not wait for a burst to settle (tests/unit/test_site_settle.py).
        specs = function_specs(
            template, env, overrides={"SITE_BASE_URL": SITE_URL, "SITE_RENDER_QUIET_MS": "0"}
        )
        handlers = {name: load_handler(spec)[1] for name, spec in specs.items()}
        stack = Stack(env=env, specs=specs, handlers=handlers)
        # Setting up the content bucket's notification sent S3's test event to the images
        # queue (the images function ignores it): a deployed stack took it long ago.
        assert all(r == {"batchItemFailures": []} for r in stack.drain("ImagesFunction"))
        yield stack
