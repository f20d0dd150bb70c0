"""A small published site, made by the real pipeline on moto, served as CloudFront serves it.

The local stack's site server answers from the site bucket as the distribution does
(`/a/b/` from `a/b/index.html`, unknown paths with the 404 page, the security headers),
with the headers of the template's response headers policy (Content-Security-Policy too).
A copy of the bucket in a folder lets tests look at files directly.
"""

from __future__ import annotations

import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from moto import mock_aws
from newsroom_local.functions import function_specs, load_handler
from newsroom_local.resources import create_resources
from newsroom_local.site import SiteServer, error_responses, response_headers
from newsroom_local.template import load_template

from tests.browser.chromium import CHROMIUM, Chromium
from tests.integration.conftest import Stack
from tests.photos import make_jpeg

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = Path(__file__).with_name("node_modules")
ARTIFACTS = ROOT / "artifacts" / "site"
BODY = """Sáng 27/11, Sở Công Thương tổ chức khai mạc Hội chợ hàng Việt năm 2026 tại Trung tâm \
Hội nghị tỉnh, với sự tham gia của hơn 200 doanh nghiệp trong và ngoài tỉnh.

![Toàn cảnh khu gian hàng](gian-hang.jpg)

Hội chợ có **hơn 200 gian hàng** giới thiệu sản phẩm OCOP, nông sản và hàng tiêu dùng. \
Ban tổ chức dự kiến đón khoảng 50.000 lượt khách tham quan, mua sắm.

![Khách tham quan gian hàng nông sản](nong-san.jpg)

Hội chợ kéo dài đến hết ngày 3/12/2026.
"""


@dataclass
class PublishedSite:
    folder: Path
    url: str
    article_path: str

    def page(self, path: str) -> str:
        return self.url + path


def _publish(stack: Stack, title: str, body: str, photos: dict[str, str]) -> dict[str, Any]:
    status, article, _ = stack.call_api(
        "POST",
        "/articles",
        body={
            "title": title,
            "summary": "Hơn 200 gian hàng tham gia hội chợ tại trung tâm tỉnh.",
            "body": body,
            "category": "tin-tuc",
            "tags": ["hội chợ", "hàng Việt"],
            "author": "Nguyễn Thị Hoa",
            "source": "Phòng Quản lý Thương mại",
        },
    )
    assert status == 201, article
    for name, caption in photos.items():
        status, upload, _ = stack.call_api(
            "POST",
            "/articles/{id}/photos",
            params={"id": article["id"]},
            body={"name": name, "caption": caption},
        )
        assert status == 201, upload
        stack.upload_photo(upload, make_jpeg(1600, 1067))
    status, published, _ = stack.call_api(
        "POST", "/articles/{id}/publish", params={"id": article["id"]}
    )
    assert status == 202, published
    stack.drain("ImagesFunction")
    stack.drain("RenderFunction")
    return published


def _download(stack: Stack, folder: Path) -> None:
    for key, body in stack.site_objects().items():
        path = folder / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)


def _serve(site: SiteServer) -> http.server.ThreadingHTTPServer:
    class SiteHandler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            answer = site.answer(self.path, {k.lower(): v for k, v in self.headers.items()})
            self.send_response(answer.status)
            for name, value in {**answer.headers, **site.headers}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SiteHandler)
    server.daemon_threads = True
    return server


@pytest.fixture(scope="module")
def chromium() -> Iterator[Chromium]:
    """One headless Chromium per test module."""
    if not os.path.exists(CHROMIUM):
        pytest.fail("chromium is missing: run `make system-deps`")
    browser = Chromium()
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PublishedSite]:
    folder = tmp_path_factory.mktemp("site")
    with mock_aws():
        template = load_template()
        env = create_resources(template, site_url="http://127.0.0.1:8080")
        specs = function_specs(template, env, overrides={"SITE_BASE_URL": "http://127.0.0.1:8080"})
        handlers = {name: load_handler(spec)[1] for name, spec in specs.items()}
        stack = Stack(env=env, specs=specs, handlers=handlers)
        for n in range(1, 4):
            _publish(stack, f"Tin ngắn số {n} về thị trường hàng hóa", f"Nội dung tin {n}.", {})
        published = _publish(
            stack,
            "Khai mạc Hội chợ hàng Việt năm 2026",
            BODY,
            {
                "gian-hang.jpg": "Toàn cảnh khu gian hàng tại hội chợ",
                "nong-san.jpg": "Khách tham quan gian hàng nông sản Đắk Lắk",
            },
        )
        _download(stack, folder)
        site = SiteServer(
            stack.client("s3"),
            env.ref("SiteBucket"),
            errors=error_responses(template),
            headers=response_headers(template),
        )
        server = _serve(site)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            url = f"http://127.0.0.1:{server.server_address[1]}"
            path = "/" + published["url"].split("/", 3)[3]
            yield PublishedSite(folder=folder, url=url, article_path=path)
        finally:
            server.shutdown()
            server.server_close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def node_tool(*parts: str) -> Path:
    path = NODE_MODULES.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make browser-deps`")
    return path


def java() -> str:
    found = shutil.which("java")
    if not found:
        pytest.fail("java is missing (the Nu HTML Checker runs on it)")
    return found
