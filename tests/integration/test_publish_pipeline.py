"""A Vietnamese article with two photos goes through all three handlers into the site bucket."""

from __future__ import annotations

import io
import re

from PIL import Image

from tests.integration.conftest import Stack
from tests.photos import make_jpeg

BODY = """Sáng 27/11, Sở Công Thương tổ chức khai mạc Hội chợ hàng Việt năm 2026.

![Toàn cảnh khu gian hàng](gian-hang.jpg)

Hội chợ có **hơn 200 gian hàng** của doanh nghiệp trong và ngoài tỉnh.

![Khách tham quan gian hàng nông sản](nong-san.jpg)

<p>Kết thúc buổi <em>khai mạc</em>.</p>
"""


def _site_object(stack: Stack, key: str) -> tuple[str, dict[str, str]]:
    s3 = stack.client("s3")
    response = s3.get_object(Bucket=stack.env.ref("SiteBucket"), Key=key)
    return response["Body"].read().decode("utf-8"), {
        "content_type": response["ContentType"],
        "cache_control": response.get("CacheControl", ""),
    }


def _upload(stack: Stack, upload: dict[str, object], data: bytes) -> None:
    assert upload["upload_method"] == "POST"
    stack.upload_photo(upload, data)


def test_article_with_two_photos_is_published_as_a_page(stack: Stack) -> None:
    status, article, headers = stack.call_api(
        "POST",
        "/articles",
        body={
            "title": "Khai mạc Hội chợ hàng Việt năm 2026",
            "summary": "Hơn 200 gian hàng tham gia hội chợ tại trung tâm tỉnh.",
            "body": BODY,
            "category": "tin-tuc",
            "tags": ["hội chợ", "hàng Việt"],
            "author": "Nguyễn Thị Hoa",
            "source": "Phòng Quản lý Thương mại",
        },
    )
    assert status == 201, article
    assert article["status"] == "draft"
    assert headers["Location"] == f"/articles/{article['id']}"
    article_id = article["id"]

    photos = {
        "gian-hang.jpg": ("Toàn cảnh khu gian hàng tại hội chợ", make_jpeg(1600, 1200, gps=True)),
        "nong-san.jpg": (
            "Khách tham quan gian hàng nông sản Đắk Lắk",
            make_jpeg(1600, 1200, orientation=6),
        ),
    }
    for name, (caption, data) in photos.items():
        status, upload, _ = stack.call_api(
            "POST",
            "/articles/{id}/photos",
            params={"id": article_id},
            body={"name": name, "caption": caption},
        )
        assert status == 201, upload
        _upload(stack, upload, data)
    # Each photo is processed as it arrives.
    assert stack.drain("ImagesFunction") == [{"batchItemFailures": []}]

    status, published, _ = stack.call_api(
        "POST", "/articles/{id}/publish", params={"id": article_id}
    )
    assert status == 202, published
    assert published["status"] == "published"
    assert published["url"].startswith(
        "http://127.0.0.1:8080/tin-tuc/khai-mac-hoi-cho-hang-viet-nam-2026-"
    )

    assert stack.drain("ImagesFunction") == [{"batchItemFailures": []}]
    assert all(r == {"batchItemFailures": []} for r in stack.drain("RenderFunction"))

    path = published["url"].removeprefix("http://127.0.0.1:8080/")
    html, meta = _site_object(stack, path + "index.html")
    assert meta["content_type"] == "text/html; charset=utf-8"
    assert '<html lang="vi">' in html
    assert re.search(
        r"Trang chủ</a></li>\s*<li><a href=\"/tin-tuc/\">Tin tức</a></li>\s*"
        r"<li aria-current=\"page\">Khai mạc Hội chợ hàng Việt năm 2026</li>",
        html,
    )
    assert "<h1>Khai mạc Hội chợ hàng Việt năm 2026</h1>" in html
    assert re.search(r"<time datetime=\"[^\"]+\+07:00\">[^<]*\d{2}/\d{2}/\d{4}", html)
    assert "<figcaption>Toàn cảnh khu gian hàng tại hội chợ</figcaption>" in html
    assert "<figcaption>Khách tham quan gian hàng nông sản Đắk Lắk</figcaption>" in html
    assert 'Tác giả: <span class="author">Nguyễn Thị Hoa</span>' in html
    assert "Nguồn tin: <span>Phòng Quản lý Thương mại</span>" in html
    assert "<strong>hơn 200 gian hàng</strong>" in html
    # A body with script is refused at input (tests/reliability/test_hostile_input.py);
    # its embedded HTML is kept as cleaned on output (tests/unit/test_article_body.py).
    assert "Kết thúc buổi <em>khai mạc</em>." in html
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    for img in re.findall(r"<img [^>]+>", article):
        assert re.search(r' alt="[^"]+"', img) and ' width="' in img and ' height="' in img

    # The rotated photo comes out portrait; no rendition carries EXIF or GPS.
    portrait = re.search(r'<img [^>]*src="/([^"]+)"[^>]*alt="Khách tham quan', html)
    assert portrait
    rendition = stack.client("s3").get_object(
        Bucket=stack.env.ref("SiteBucket"), Key=portrait.group(1)
    )
    assert rendition["CacheControl"] == "public, max-age=31536000, immutable"
    image = Image.open(io.BytesIO(rendition["Body"].read()))
    assert image.height > image.width
    assert not image.getexif()

    listing, _ = _site_object(stack, "tin-tuc/index.html")
    assert "Khai mạc Hội chợ hàng Việt năm 2026" in listing
    home, _ = _site_object(stack, "index.html")
    assert f'href="/{path}"' in home

    status, fetched, _ = stack.call_api("GET", "/articles/{id}", params={"id": article_id})
    assert status == 200
    assert [p["status"] for p in fetched["photos"]] == ["ready", "ready"]
    sizes = [(p["name"], p["width"], p["height"]) for p in fetched["photos"]]
    assert sizes == [("gian-hang.jpg", 1600, 1200), ("nong-san.jpg", 1200, 1600)]
