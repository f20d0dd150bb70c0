"""CloudFront invalidations: few paths, wildcards where they fit, and a throttled
invalidation asked for again instead of failing a render."""

from __future__ import annotations

import botocore.session
import pytest
from botocore.stub import Stubber
from newsroom.aws.cdn import Cdn, InvalidationThrottled, invalidation_paths


def test_pages_are_invalidated_by_folder_and_the_home_page_by_name() -> None:
    keys = [
        "index.html",
        "tin-tuc/index.html",
        "tin-tuc/trang/3/index.html",
        "tin-tuc/khanh-thanh-cau-rapd1g/index.html",
        "chu-de/hoi-cho/index.html",
        "chu-de/ocop/trang/2/index.html",
        "luu-tru/2026/11/index.html",
        "luu-tru/index.html",
        "tin-moi/index.html",
    ]
    assert invalidation_paths(keys) == [
        "/chu-de/*",
        "/index.html",
        "/luu-tru/*",
        "/tin-moi/*",
        "/tin-tuc/*",
    ]


def test_feeds_sitemaps_search_and_media_are_left_to_expire() -> None:
    keys = [
        "feed.xml",
        "tin-tuc/atom.xml",
        "sitemap.xml",
        "sitemaps/bai-viet-1.xml",
        "search/1/docs.json",
        "search/index.json",
        "media/ab/abcdef-p3/640.webp",
        "robots.txt",
    ]
    assert invalidation_paths(keys) == []


def _cdn() -> tuple[Cdn, Stubber]:
    client = botocore.session.get_session().create_client(
        "cloudfront",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    return Cdn("E2EXAMPLE", client), Stubber(client)


def test_a_throttled_invalidation_says_which_paths_are_left() -> None:
    cdn, stub = _cdn()
    stub.add_client_error(
        "create_invalidation",
        service_error_code="TooManyInvalidationsInProgress",
        http_status_code=400,
    )
    with stub, pytest.raises(InvalidationThrottled) as throttled:
        cdn.invalidate(["/tin-tuc/*", "/index.html"])
    assert throttled.value.paths == ["/index.html", "/tin-tuc/*"]


def test_other_errors_are_not_mistaken_for_throttling() -> None:
    cdn, stub = _cdn()
    stub.add_client_error(
        "create_invalidation", service_error_code="AccessDenied", http_status_code=403
    )
    with stub, pytest.raises(Exception, match="AccessDenied"):
        cdn.invalidate(["/index.html"])


def test_without_a_distribution_nothing_is_invalidated() -> None:
    assert Cdn("").invalidate(["/index.html"]) == []
