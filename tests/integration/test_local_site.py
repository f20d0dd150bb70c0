"""The local site server answers as CloudFront with the template's function and error pages does."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws
from newsroom_local.site import Redirect, SiteServer, error_responses, viewer_request
from newsroom_local.template import load_template, resources_of_type

URIS = [
    ("/", []),
    ("/tin-tuc/", []),
    ("/tin-tuc", []),
    ("/tin-tuc/bai-viet-abc123", [("utm_source", "zalo")]),
    ("/tin-tuc/bai-viet-abc123", [("a", "1"), ("b", "2"), ("a", "3")]),
    ("/assets/site.3f2a.css", []),
    ("/feeds/rss.xml", [("x", "y")]),
    ("/404.html", []),
    ("/a.b/c", []),
    ("/media/anh-1.webp", []),
]

NODE_HARNESS = """
%s
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = cases.map(([uri, pairs]) => {
  const querystring = {};
  for (const [name, value] of pairs) {
    const seen = querystring[name];
    if (seen) {
      seen.multiValue = seen.multiValue || [{value: seen.value}];
      seen.multiValue.push({value});
    } else { querystring[name] = {value}; }
  }
  const result = handler({request: {uri, querystring, headers: {}}});
  return result.statusCode
    ? {status: result.statusCode, location: result.headers.location.value}
    : {uri: result.uri};
});
process.stdout.write(JSON.stringify(out));
"""


def _python(uri: str, pairs: list[tuple[str, str]]) -> dict[str, Any]:
    decided = viewer_request(uri, pairs)
    if isinstance(decided, Redirect):
        return {"status": decided.status, "location": decided.location}
    return {"uri": decided}


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the JS function")
def test_the_python_viewer_request_matches_the_template_function_run_in_node() -> None:
    template = load_template()
    (function,) = resources_of_type(template, "AWS::CloudFront::Function").values()
    script = NODE_HARNESS % function["Properties"]["FunctionCode"]
    result = subprocess.run(
        ["node", "-e", script],
        input=json.dumps(URIS),
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    assert json.loads(result.stdout) == [_python(uri, pairs) for uri, pairs in URIS]


@pytest.fixture
def site() -> Iterator[SiteServer]:
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="site")
        html = "text/html; charset=utf-8"
        for key, body, kind, cache in [
            ("index.html", "<h1>Trang chủ</h1>", html, "public, max-age=60"),
            ("tin-tuc/index.html", "<h1>Tin tức</h1>", html, "public, max-age=60"),
            ("404.html", "<h1>Không tìm thấy trang</h1>", html, "public, max-age=60"),
            ("assets/site.css", "body{}", "text/css", "public, max-age=31536000, immutable"),
        ]:
            s3.put_object(
                Bucket="site", Key=key, Body=body.encode(), ContentType=kind, CacheControl=cache
            )
        yield SiteServer(s3, "site", error_responses(load_template()))


def test_a_directory_is_served_from_its_index_with_the_stored_headers(site: SiteServer) -> None:
    answer = site.answer("/tin-tuc/", {})
    assert answer.status == 200
    assert answer.body.decode() == "<h1>Tin tức</h1>"
    assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
    assert answer.headers["Cache-Control"] == "public, max-age=60"
    assert site.answer("/", {}).body.decode() == "<h1>Trang chủ</h1>"
    css = site.answer("/assets/site.css", {})
    assert (css.headers["Content-Type"], css.headers["Cache-Control"]) == (
        "text/css",
        "public, max-age=31536000, immutable",
    )


def test_a_missing_object_gets_the_stored_404_page_with_status_404(site: SiteServer) -> None:
    answer = site.answer("/khong-co/", {})
    assert answer.status == 404
    assert answer.body.decode() == "<h1>Không tìm thấy trang</h1>"


def test_a_path_without_a_dot_is_redirected_to_its_directory(site: SiteServer) -> None:
    answer = site.answer("/tin-tuc?trang=2", {})
    assert answer.status == 301
    assert answer.headers["Location"] == "/tin-tuc/?trang=2"


def test_a_matching_etag_gets_304_without_a_body(site: SiteServer) -> None:
    etag = site.answer("/tin-tuc/", {}).headers["ETag"]
    answer = site.answer("/tin-tuc/", {"if-none-match": etag})
    assert (answer.status, answer.body) == (304, b"")
    assert site.answer("/tin-tuc/", {"if-none-match": '"other"'}).status == 200
