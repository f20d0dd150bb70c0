"""Bursts of publishes through the real render function: each article's page at once, the
shared files rendered once for the burst and equal to a fresh build, feeds left to
expire, and an invalidation CloudFront refuses asked for again, never a failed render."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import botocore.session
import pytest
from botocore.stub import Stubber
from newsroom.aws.cdn import Cdn

from tests.integration.conftest import Stack
from tests.integration.editorial_helpers import EDITOR, create
from tests.integration.site_helpers import fresh_build, rendered_pages


def _publish_all(stack: Stack, count: int, tags: list[str]) -> list[str]:
    ids = [
        str(create(stack, EDITOR, title=f"Cập nhật bão số 9, lần {n}", tags=tags).body["id"])
        for n in range(1, count + 1)
    ]
    for article_id in ids:
        status, answer, _ = stack.call_api(
            "POST", "/articles/{id}/publish", params={"id": article_id}
        )
        assert status == 202, answer
    return ids


def _render_module() -> Any:
    return sys.modules["newsroom_function_renderfunction"]


def _writes(stack: Stack) -> list[str]:
    """Count the site bucket's writes from now on (the keys, in order)."""
    written: list[str] = []
    s3 = _render_module().publisher.bucket.client

    def count(params: dict[str, Any], **_: Any) -> None:
        written.append(params["Key"])

    s3.meta.events.register("provide-client-params.s3.PutObject", count)
    return written


def test_a_burst_writes_each_shared_file_about_once_and_ends_as_a_fresh_build(
    stack: Stack, tmp_path: Path
) -> None:
    _publish_all(stack, 1, ["bão số 9"])
    stack.drain("ImagesFunction")
    stack.drain("RenderFunction")
    writes = _writes(stack)
    _publish_all(stack, 1, ["bão số 9"])
    stack.drain("ImagesFunction")
    assert all(not r["batchItemFailures"] for r in stack.drain("RenderFunction"))
    one_publish = len(writes)

    writes.clear()
    _publish_all(stack, 30, ["bão số 9", "khẩn cấp"])
    stack.drain("ImagesFunction")
    assert all(not r["batchItemFailures"] for r in stack.drain("RenderFunction"))
    # Each article's page, and the shared files once for the burst (not once each).
    pages = [k for k in writes if k.startswith("tin-tuc/cap-nhat-bao")]
    shared = len(writes) - len(set(pages))
    assert shared <= 5 * one_publish, (shared, one_publish)

    site = rendered_pages(stack.site_objects())
    built = fresh_build(stack, tmp_path / "built")
    assert sorted(site) == sorted(built)
    assert [k for k in site if site[k] != built[k]] == []


def test_feeds_sitemaps_and_search_expire_in_a_minute_and_pages_in_minutes(
    stack: Stack,
) -> None:
    _publish_all(stack, 1, ["bão số 9"])
    stack.drain("ImagesFunction")
    stack.drain("RenderFunction")
    s3 = stack.client("s3")
    bucket = stack.env.ref("SiteBucket")

    def cache_control(key: str) -> str:
        return str(s3.head_object(Bucket=bucket, Key=key)["CacheControl"])

    for key in ("feed.xml", "tin-tuc/atom.xml", "sitemap.xml", "search/index.json"):
        assert "s-maxage=60," in cache_control(key), key
    assert "s-maxage=300" in cache_control("tin-tuc/index.html")


@pytest.fixture
def throttling_cdn(monkeypatch: pytest.MonkeyPatch) -> Stubber:
    client = botocore.session.get_session().create_client(
        "cloudfront",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    stub = Stubber(client)
    monkeypatch.setattr(_render_module(), "cdn", Cdn("E2EXAMPLE", client))
    return stub


def test_an_invalidation_cloudfront_refuses_is_asked_for_again_and_no_render_fails(
    stack: Stack, throttling_cdn: Stubber, monkeypatch: pytest.MonkeyPatch
) -> None:
    render = _render_module()
    throttling_cdn.add_client_error(
        "create_invalidation",
        service_error_code="TooManyInvalidationsInProgress",
        http_status_code=400,
    )
    throttling_cdn.add_response("create_invalidation", {"Location": "x", "Invalidation": _done()})
    sent: list[tuple[str, int]] = []
    real_send = render.render_queue.send

    def send(message: Any, delay_seconds: int = 0, **options: Any) -> str:
        sent.append((message.kind, delay_seconds))
        return str(real_send(message, 0, **options))  # delivered at once, for the test

    monkeypatch.setattr(render.render_queue, "send", send)
    _publish_all(stack, 1, ["bão số 9"])
    stack.drain("ImagesFunction")
    with throttling_cdn:
        results = stack.drain("RenderFunction")
    assert all(not r["batchItemFailures"] for r in results)
    assert sent == [("invalidation_due", render.RETRY_INVALIDATION_AFTER)]
    throttling_cdn.assert_no_pending_responses()  # asked again, and done


def _done() -> dict[str, Any]:
    return {
        "Id": "I2EXAMPLE",
        "Status": "InProgress",
        "CreateTime": datetime.now(UTC),
        "InvalidationBatch": {"Paths": {"Quantity": 0}, "CallerReference": "x"},
    }
