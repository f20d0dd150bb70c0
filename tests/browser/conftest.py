"""A small published site, made by the real pipeline on moto, served as CloudFront serves it.

The local stack's own site server (`newsroom_local.site.serve_site`, as `newsroom dev`
runs it) answers from the site bucket as the distribution does (`/a/b/` from
`a/b/index.html`, unknown paths with the 404 page), with the headers of the template's
response headers policy (Content-Security-Policy too). A copy of the bucket in a folder
lets tests look at files directly. Pages open in Debian's Chromium, driven by Playwright:
one browser per test process, a fresh context per test.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from moto import mock_aws
from newsroom_local.functions import function_specs, load_handler
from newsroom_local.resources import create_resources
from newsroom_local.site import SiteServer, error_responses, response_headers, serve_site
from newsroom_local.template import load_template
from playwright.sync_api import Browser, Page

from tests.browser.driver import collect_errors, fresh_page, shared_chromium
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
# Words that are also names every JavaScript object inherits: the search must find them.
CLASS_TITLE = "Lớp tập huấn lập trình JavaScript cho cán bộ"
CLASS_BODY = """Học viên tìm hiểu hàm `constructor` và thuộc tính `__proto__` của đối tượng, \
cùng phương thức `toString`.
"""


@dataclass
class PublishedSite:
    folder: Path
    url: str
    article_path: str

    def page(self, path: str) -> str:
        return self.url + path


def _publish(
    stack: Stack,
    title: str,
    body: str,
    photos: dict[str, str],
    summary: str = "Hơn 200 gian hàng tham gia hội chợ tại trung tâm tỉnh.",
) -> dict[str, Any]:
    status, article, _ = stack.call_api(
        "POST",
        "/articles",
        body={
            "title": title,
            "summary": summary,
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


@contextmanager
def serving(stack: Stack, template: dict[str, Any]) -> Iterator[str]:
    """The stack's site bucket served by the local stack's own site server; its address."""
    site = SiteServer(
        stack.client("s3"),
        stack.env.ref("SiteBucket"),
        errors=error_responses(template),
        headers=response_headers(template),
    )
    server = serve_site(site, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's headless Chromium, one per test process."""
    with shared_chromium() as browser:
        yield browser


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    """A tab at desktop size, in a context of its own."""
    with fresh_page(chromium) as tab:
        yield tab


@pytest.fixture
def page_errors(page: Page) -> list[str]:
    """The tab's console errors and uncaught exceptions, as they happen."""
    return collect_errors(page)


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PublishedSite]:
    folder = tmp_path_factory.mktemp("site")
    with mock_aws():
        template = load_template()
        env = create_resources(template, site_url="http://127.0.0.1:8080")
        specs = function_specs(template, env, overrides={"SITE_BASE_URL": "http://127.0.0.1:8080"})
        handlers = {name: load_handler(spec)[1] for name, spec in specs.items()}
        stack = Stack(env=env, specs=specs, handlers=handlers)
        for n in range(1, 3):
            _publish(stack, f"Tin ngắn số {n} về thị trường hàng hóa", f"Nội dung tin {n}.", {})
        _publish(
            stack,
            CLASS_TITLE,
            CLASS_BODY,
            {},
            summary="Ba mươi cán bộ học lập trình cho trang tin điện tử của tỉnh.",
        )
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
        with serving(stack, template) as url:
            path = "/" + published["url"].split("/", 3)[3]
            yield PublishedSite(folder=folder, url=url, article_path=path)


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
