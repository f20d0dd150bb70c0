"""A stack deployed with the office's domain: every address readers, feed readers and
search engines follow names the domain, none the distribution's *.cloudfront.net name.

The functions get `SITE_BASE_URL` exactly as CloudFormation would give it for those
parameters (template.yaml, transformed and resolved with them), then the real pipeline
publishes an article on moto and the files it writes are read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from moto import mock_aws
from newsroom_local.functions import function_specs, load_handler
from newsroom_local.resources import create_resources
from newsroom_local.template import load_template

from tests.integration.conftest import Stack
from tests.sam import deployed, translate

DOMAIN = "tintuc.example.gov.vn"
WITH_DOMAIN = {
    "SiteDomainName": DOMAIN,
    "SiteCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-1111",
    "ApiCertificateArn": "arn:aws:acm:eu-west-1:123456789012:certificate/0f0e0d0c-2222",
}


@pytest.fixture(scope="module")
def site_files() -> Iterator[tuple[dict[str, Any], dict[str, str]]]:
    template = load_template()
    stack_as_deployed = deployed(translate(template, WITH_DOMAIN), WITH_DOMAIN)
    base_urls = {
        name: stack_as_deployed["Resources"][name]["Properties"]["Environment"]["Variables"][
            "SITE_BASE_URL"
        ]
        for name in ("IngestFunction", "RenderFunction")
    }
    assert set(base_urls.values()) == {f"https://{DOMAIN}"}
    with mock_aws():
        env = create_resources(template, site_url="http://127.0.0.1:8080")
        specs = function_specs(template, env, overrides={"SITE_BASE_URL": f"https://{DOMAIN}"})
        handlers = {name: load_handler(spec)[1] for name, spec in specs.items()}
        stack = Stack(env=env, specs=specs, handlers=handlers)
        stack.drain("ImagesFunction")  # S3's test event from setting up the notification
        status, article, _ = stack.call_api(
            "POST",
            "/articles",
            body={
                "title": "Khai mạc Hội chợ hàng Việt năm 2026",
                "summary": "Hơn 200 gian hàng tham gia hội chợ tại trung tâm tỉnh.",
                "body": "Sáng 27/11, hội chợ khai mạc.\n\nHội chợ kéo dài đến hết ngày 3/12.",
                "category": "tin-tuc",
                "tags": ["hội chợ"],
                "author": "Nguyễn Thị Hoa",
                "source": "Phòng Quản lý Thương mại",
            },
        )
        assert status == 201, article
        status, published, _ = stack.call_api(
            "POST", "/articles/{id}/publish", params={"id": article["id"]}
        )
        assert status == 202, published
        stack.drain("ImagesFunction")
        stack.drain("RenderFunction")
        files = {
            key: body.decode("utf-8")
            for key, body in stack.site_objects().items()
            if key.endswith((".html", ".xml", ".txt"))
        }
        yield published, files


def test_the_api_gives_each_article_its_address_on_the_domain(
    site_files: tuple[dict[str, Any], dict[str, str]],
) -> None:
    published, _ = site_files
    assert published["url"].startswith(f"https://{DOMAIN}/tin-tuc/")


def test_the_article_page_names_itself_on_the_domain(
    site_files: tuple[dict[str, Any], dict[str, str]],
) -> None:
    published, files = site_files
    path = published["url"].removeprefix(f"https://{DOMAIN}/")
    page = files[f"{path}index.html"]
    assert f'<link rel="canonical" href="{published["url"]}"' in page
    assert f'content="{published["url"]}"' in page  # og:url


@pytest.mark.parametrize("key", ["feed.xml", "atom.xml", "sitemap.xml", "sitemaps/tin-moi.xml"])
def test_feeds_and_sitemaps_link_to_the_domain_alone(
    site_files: tuple[dict[str, Any], dict[str, str]], key: str
) -> None:
    published, files = site_files
    text = files[key]
    links = re.findall(r"https?://[^\s\"'<>]+", text)
    ours = [link for link in links if "w3.org" not in link and "sitemaps.org" not in link]
    ours = [link for link in ours if "google.com/schemas" not in link]
    assert ours, key
    assert all(link.startswith(f"https://{DOMAIN}/") for link in ours), ours
    if key != "sitemap.xml":
        assert published["url"] in text


def test_nothing_the_site_serves_names_another_address_of_the_site(
    site_files: tuple[dict[str, Any], dict[str, str]],
) -> None:
    _, files = site_files
    for key, text in files.items():
        assert "cloudfront.net" not in text, key
        assert "127.0.0.1" not in text, key
