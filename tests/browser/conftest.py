"""A small published site, made by the real pipeline on moto, served as CloudFront serves it.

It is the demo portal (`newsroom_local.demo`: articles in four categories, photos in
landscape and portrait, announcements; the policy category left empty), and articles
that test the pages' limits: the longest realistic title, author and source lines, a
wide table and a long address in the body, and a date of update; words that are also
names every JavaScript object has.

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
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from moto import mock_aws
from newsroom.editorial import articles as editorial_articles
from newsroom.models.fields import utc_now
from newsroom_local.demo import PORTAL, PortalArticle, fair_photo, produce_photo
from newsroom_local.functions import function_specs, load_handler
from newsroom_local.resources import create_resources
from newsroom_local.site import SiteServer, error_responses, response_headers, serve_site
from newsroom_local.template import load_template
from playwright.sync_api import Browser, Page

from tests.browser.driver import collect_errors, fresh_page, shared_chromium
from tests.integration.conftest import Stack

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
MAIN_TITLE = "Khai mạc Hội chợ hàng Việt năm 2026"
FESTIVAL_TITLE = "Lễ hội Trái cây Nam Bộ năm 2026 thu hút hơn 30.000 lượt khách"
# The longest a page must hold on a phone: a 200-character title (so a deep breadcrumb),
# long author and source lines, a wide table and a long address in the body.
LONG_TITLE = (
    "Hội nghị tổng kết công tác xúc tiến thương mại năm 2026, triển khai kế hoạch phát triển "
    "thương mại điện tử, hỗ trợ doanh nghiệp và hợp tác xã, đưa nông sản của tỉnh vào các hệ "
    "thống phân phối hiện đại"
)
LONG_AUTHOR = (
    "Nhóm phóng viên Phòng Thông tin – Truyền thông và Trung tâm Xúc tiến Thương mại, "
    "Du lịch và Đầu tư tỉnh (Nguyễn Thị Thanh Hương, Trần Quốc Khánh)"
)
LONG_SOURCE = (
    "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp, Sở Công Thương tỉnh, phối hợp "
    "với Hiệp hội Doanh nghiệp nhỏ và vừa tỉnh và Liên minh Hợp tác xã tỉnh"
)
_TABLE = [
    [
        "Chương trình",
        "Số doanh nghiệp tham gia",
        "Số hợp tác xã tham gia",
        "Giá trị hợp đồng ký kết (triệu đồng)",
        "Sản phẩm OCOP được giới thiệu",
        "Thị trường mới",
        "Ghi chú của đơn vị thực hiện",
    ],
    ["---", "---:", "---:", "---:", "---:", "---", "---"],
    [
        "Hội chợ hàng Việt cuối năm",
        "152",
        "38",
        "12.450",
        "64",
        "Thành phố Hồ Chí Minh, Hà Nội",
        "Tổ chức tại Quảng trường trung tâm tỉnh",
    ],
    [
        "Kết nối cung cầu nông sản",
        "87",
        "51",
        "28.900",
        "41",
        "Hàn Quốc, Nhật Bản",
        "Phối hợp với các hệ thống siêu thị",
    ],
]
LONG_BODY = (
    "Hội nghị đánh giá kết quả năm 2026 theo từng chương trình, như bảng dưới đây.\n\n"
    + "\n".join("| " + " | ".join(row) + " |" for row in _TABLE)
    + "\n\nDanh sách đầy đủ đăng tại https://dichvucong.congthuong.example.gov.vn/"
    "thu-tuc-hanh-chinh/xuc-tien-thuong-mai/ket-qua-nam-2026/"
    "danh-sach-doanh-nghiep-va-hop-tac-xa-tham-gia.\n"
)


@dataclass
class PublishedSite:
    folder: Path
    url: str
    article_path: str
    long_path: str
    portrait_path: str

    def page(self, path: str) -> str:
        return self.url + path


def _publish(
    stack: Stack,
    title: str,
    body: str,
    photos: dict[str, str],
    summary: str = "Hơn 200 gian hàng tham gia hội chợ tại trung tâm tỉnh.",
    **fields: Any,
) -> dict[str, Any]:
    draft = {
        "title": title,
        "summary": summary,
        "body": body,
        "category": "tin-tuc",
        "tags": ["hội chợ", "hàng Việt"],
        "author": "Nguyễn Thị Hoa",
        "source": "Phòng Quản lý Thương mại",
        **fields,
    }
    pictures = (fair_photo, produce_photo)
    made = [(name, caption, pictures[n % 2]) for n, (name, caption) in enumerate(photos.items())]
    return _publish_draft(stack, draft, made)


def _publish_draft(
    stack: Stack, draft: dict[str, Any], photos: list[tuple[str, str, Any]]
) -> dict[str, Any]:
    status, article, _ = stack.call_api("POST", "/articles", body=draft)
    assert status == 201, article
    for name, caption, picture in photos:
        status, upload, _ = stack.call_api(
            "POST",
            "/articles/{id}/photos",
            params={"id": article["id"]},
            body={"name": name, "caption": caption},
        )
        assert status == 201, upload
        stack.upload_photo(upload, picture())
    stack.drain("ImagesFunction")  # photos are processed as they are uploaded
    status, published, _ = stack.call_api(
        "POST", "/articles/{id}/publish", params={"id": article["id"]}
    )
    assert status == 202, published
    stack.drain("ImagesFunction")
    stack.drain("RenderFunction")
    return dict(published)


def _publish_portal(stack: Stack, article: PortalArticle) -> dict[str, Any]:
    return _publish_draft(stack, article.draft(), list(article.photos))


def _publish_long_then_update(stack: Stack) -> dict[str, Any]:
    """The long article, published three hours ago and updated now."""
    draft = {
        "title": LONG_TITLE,
        "summary": "Năm 2026, các chương trình xúc tiến thương mại kết nối hơn 200 doanh "
        "nghiệp và gần 90 hợp tác xã với các hệ thống phân phối.",
        "body": LONG_BODY,
        "category": "xuc-tien-thuong-mai",
        "tags": ["xúc tiến thương mại", "thương mại điện tử"],
        "author": LONG_AUTHOR,
        "source": LONG_SOURCE,
    }
    earlier = utc_now() - timedelta(hours=3)
    with pytest.MonkeyPatch.context() as clock:
        clock.setattr(editorial_articles, "utc_now", lambda: earlier)
        published = _publish_draft(stack, draft, [])
    status, current, headers = stack.call_api(
        "GET", "/articles/{id}", params={"id": published["id"]}
    )
    assert status == 200, current
    status, updated, _ = stack.call_api(
        "PUT",
        "/articles/{id}",
        params={"id": published["id"]},
        body={**draft, "body": LONG_BODY + "\nSố liệu được cập nhật sau hội nghị.\n"},
        headers={"If-Match": headers["ETag"]},
    )
    assert status == 200, updated
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
        overrides = {"SITE_BASE_URL": "http://127.0.0.1:8080", "SITE_RENDER_QUIET_MS": "0"}
        specs = function_specs(template, env, overrides=overrides)
        handlers = {name: load_handler(spec)[1] for name, spec in specs.items()}
        stack = Stack(env=env, specs=specs, handlers=handlers)
        long = _publish_long_then_update(stack)
        portal = [_publish_portal(stack, article) for article in PORTAL]
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
            MAIN_TITLE,
            BODY,
            {
                "gian-hang.jpg": "Toàn cảnh khu gian hàng tại hội chợ",
                "nong-san.jpg": "Khách tham quan gian hàng nông sản Đắk Lắk",
            },
        )
        _download(stack, folder)
        portrait = next(a for a, p in zip(portal, PORTAL, strict=True) if p.category == "hoat-dong")
        with serving(stack, template) as url:
            yield PublishedSite(
                folder=folder,
                url=url,
                article_path=_path(published),
                long_path=_path(long),
                portrait_path=_path(portrait),
            )


def _path(article: dict[str, Any]) -> str:
    return "/" + str(article["url"]).split("/", 3)[3]


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
