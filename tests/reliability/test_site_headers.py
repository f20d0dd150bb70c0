"""The reader site's security headers: one policy in template.yaml, sent by CloudFront and
by the local stack's own site server alike, and the pages still work under it in Chromium."""

from __future__ import annotations

import re
from typing import Any

import pytest
import requests
from newsroom_local.site import response_headers
from newsroom_local.template import resources_of_type
from playwright.sync_api import Browser, expect

from tests.browser.conftest import PublishedSite
from tests.browser.driver import collect_errors, fresh_page, open_fully

WANTED = {
    "Strict-Transport-Security",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
}


def _directives(policy: str) -> dict[str, list[str]]:
    found = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            found[words[0]] = words[1:]
    return found


def test_the_distribution_uses_the_templates_response_headers_policy(
    template: dict[str, Any],
) -> None:
    policies = resources_of_type(template, "AWS::CloudFront::ResponseHeadersPolicy")
    # The site's, and the desk's for /desk/* alone (tests/unit/test_desk_hosting.py).
    assert set(policies) == {"SiteResponseHeadersPolicy", "DeskResponseHeadersPolicy"}
    (distribution,) = resources_of_type(template, "AWS::CloudFront::Distribution").values()
    config = distribution["Properties"]["DistributionConfig"]
    behaviour = config["DefaultCacheBehavior"]
    assert behaviour["ResponseHeadersPolicyId"] == {"Ref": "SiteResponseHeadersPolicy"}
    assert [b["PathPattern"] for b in config["CacheBehaviors"]] == ["/desk/*"]


def test_the_policy_sets_hsts_a_strict_csp_nosniff_referrer_and_permissions(
    template: dict[str, Any],
) -> None:
    headers = response_headers(template)
    assert set(headers) >= WANTED
    hsts = headers["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 31536000  # type: ignore[union-attr]
    assert headers["X-Content-Type-Options"] == "nosniff"
    csp = _directives(headers["Content-Security-Policy"])
    scripts = csp.get("script-src", csp["default-src"])
    # No inline script but by hash; no eval; no script from any other host.
    assert all(s == "'self'" or s.startswith("'sha256-") for s in scripts), scripts
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "camera=()" in headers["Permissions-Policy"]


def test_the_local_site_sends_the_templates_headers_on_pages_and_on_not_found(
    published_site: PublishedSite,
    template: dict[str, Any],
) -> None:
    expected = response_headers(template)
    for path in ("/", published_site.article_path, "/no-such-page/"):
        answer = requests.get(published_site.page(path), timeout=10)
        for name, value in expected.items():
            assert answer.headers.get(name) == value, (path, name)


@pytest.mark.browser
def test_pages_work_under_the_headers_in_chromium(
    published_site: PublishedSite,
    chromium: Browser,
    template: dict[str, Any],
) -> None:
    policy = response_headers(template)["Content-Security-Policy"]
    with fresh_page(chromium) as page:
        errors = collect_errors(page)
        with page.expect_response(published_site.page(published_site.article_path)) as answer:
            open_fully(page, published_site.page(published_site.article_path))
        assert answer.value.headers["content-security-policy"] == policy
        # The site's own script ran (it shows the print button); photos loaded.
        expect(page.get_by_role("button", name="In bài viết")).to_be_visible()
        assert page.evaluate(
            "() => [...document.images].every(i => i.complete && i.naturalWidth > 0)"
        )
        page.goto(published_site.page("/tim-kiem/?q=hoi+cho"))
        expect(page.locator("[data-search-status]")).to_contain_text("Tìm thấy")
        found = page.locator(".search-results a").all_text_contents()
        assert "Khai mạc Hội chợ hàng Việt năm 2026" in found
        # A violation of the policy is reported as a console error ("... violates the
        # following Content Security Policy directive ...").
        assert errors == []
