"""The site answers CORS requests from anyone (its policy's CorsConfig), as CloudFront
does: a page shown elsewhere, such as the desk's preview in a sandboxed frame of no
origin, gets the site's fonts, which browsers fetch in CORS mode."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import httpx
import pytest
from moto import mock_aws
from newsroom_local.site import SiteServer, cors_origins, response_headers, serve_site
from newsroom_local.template import load_template

from tests.serving import serving

FONT = "assets/be-vietnam-pro-vietnamese-400-normal.0123456789ab.woff2"


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    return load_template()


def test_the_sites_policy_allows_any_origin_without_credentials(template: dict[str, Any]) -> None:
    assert cors_origins(template) == {"*"}
    policy = template["Resources"]["SiteResponseHeadersPolicy"]["Properties"]
    cors = policy["ResponseHeadersPolicyConfig"]["CorsConfig"]
    assert cors["AccessControlAllowCredentials"] is False
    assert cors["AccessControlAllowMethods"]["Items"] == ["GET", "HEAD"]


@pytest.fixture
def site_url(template: dict[str, Any]) -> Iterator[str]:
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="site")
        s3.put_object(Bucket="site", Key=FONT, Body=b"wOF2", ContentType="font/woff2")
        site = SiteServer(
            s3, "site", headers=response_headers(template), cors=cors_origins(template)
        )
        with serving(serve_site(site, "127.0.0.1", 0)) as url:
            yield url


def test_a_font_asked_for_by_a_frame_of_no_origin_is_allowed(site_url: str) -> None:
    asked = httpx.get(f"{site_url}/{FONT}", headers={"Origin": "null"})
    assert asked.status_code == 200
    assert asked.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in asked.headers
    # The site's own headers are still there.
    assert "Content-Security-Policy" in asked.headers
    plain = httpx.get(f"{site_url}/{FONT}")
    assert "Access-Control-Allow-Origin" not in plain.headers
