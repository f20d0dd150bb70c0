"""Photos through the real handlers on moto: captions from the file, bad files listed with
their reason, the same bytes processed once, and a message delivered again writing nothing."""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

from newsroom.aws import clients
from newsroom.models.messages import PhotosRequested
from PIL import Image

from tests.integration.conftest import Stack
from tests.photo_samples import (
    BY_LINE_VI,
    CAPTION_VI,
    CREDIT_VI,
    SVG,
    iptc_block,
    jpeg_with_iptc,
    jpeg_with_xmp,
    xmp_packet,
)
from tests.photos import make_jpeg

XMP_CAPTION = "Lễ hội đường phố ở Huế"


def _upload(stack: Stack, article_id: str, name: str, data: bytes, **fields: str) -> None:
    status, upload, _ = stack.call_api(
        "POST", "/articles/{id}/photos", params={"id": article_id}, body={"name": name, **fields}
    )
    assert status == 201, upload
    stack.upload_photo(upload, data, name)


def _count_writes(calls: Counter[str]) -> None:
    """Count every S3 put and DynamoDB write the handlers make from now on."""

    def count(event_name: str, **_: Any) -> None:
        calls[event_name.rsplit(".", 1)[-1]] += 1

    for client, operations in (
        (clients.s3(), ("PutObject", "CopyObject", "DeleteObject")),
        (clients.dynamodb(), ("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem")),
    ):
        for operation in operations:
            client.meta.events.register(
                f"before-call.{client.meta.service_model.service_name}.{operation}", count
            )


def _site_keys(stack: Stack, prefix: str) -> list[str]:
    listed = stack.client("s3").list_objects_v2(Bucket=stack.env.ref("SiteBucket"), Prefix=prefix)
    return sorted(o["Key"] for o in listed.get("Contents", []))


def test_an_article_publishes_with_its_good_photos_captioned_from_the_files(stack: Stack) -> None:
    status, article, _ = stack.call_api(
        "POST",
        "/articles",
        body={
            "title": "Mùa cà phê ở Tây Nguyên",
            "body": "Nông dân Đắk Lắk vào vụ thu hoạch cà phê.",
            "category": "tin-tuc",
            "author": "Nguyễn Thị Hoa",
        },
    )
    assert status == 201, article
    article_id = article["id"]
    harvest = jpeg_with_iptc(iptc_block(CAPTION_VI, BY_LINE_VI, CREDIT_VI), width=2000, height=1500)
    _upload(stack, article_id, "thu-hoach.jpg", harvest)
    _upload(stack, article_id, "le-hoi.jpg", jpeg_with_xmp(xmp_packet(XMP_CAPTION, ("Lê Minh",))))
    _upload(stack, article_id, "ban-sao.jpg", harvest, caption="Cùng ảnh, chú thích của tòa soạn")
    _upload(stack, article_id, "khong-chu-thich.jpg", make_jpeg(800, 600, colour=(90, 90, 90)))
    _upload(stack, article_id, "ban-do.jpg", SVG)
    _upload(stack, article_id, "bi-cat.jpg", make_jpeg(1200, 900)[:-3000])

    # Each photo is processed as it arrives; the publish that follows, with the two bad
    # files left out on purpose, finds every photo processed.
    calls: Counter[str] = Counter()
    _count_writes(calls)
    assert all(r == {"batchItemFailures": []} for r in stack.drain("ImagesFunction"))
    status, published, _ = stack.call_api(
        "POST", "/articles/{id}/publish", params={"id": article_id}, body={"force": True}
    )
    assert status == 202, published
    assert stack.drain("ImagesFunction") == [{"batchItemFailures": []}]

    # The same bytes, twice in the article, were made into renditions once: widths × 2
    # formats + three 3:2 crops × 2 formats + the social card + the manifest, for each of
    # the three distinct good files (2000 and 1600 wide: five widths; 800 wide: 320, 640
    # and 800).
    media = _site_keys(stack, "media/")
    assert len(media) == 18 + 18 + 14
    assert calls["PutObject"] == len(media)

    status, shown, _ = stack.call_api("GET", "/articles/{id}", params={"id": article_id})
    assert status == 200
    photos = {p["name"]: p for p in shown["photos"]}
    harvest_photo = photos["thu-hoach.jpg"]
    assert harvest_photo["status"] == "ready"
    assert (harvest_photo["caption"], harvest_photo["caption_source"]) == (CAPTION_VI, "iptc")
    assert (harvest_photo["alt"], harvest_photo["alt_source"]) == (CAPTION_VI, "iptc")
    assert harvest_photo["credit"] == f"{BY_LINE_VI} / {CREDIT_VI}"
    assert harvest_photo["credit_source"] == "iptc"
    assert harvest_photo["warnings"] == []
    assert harvest_photo["social"]["width"] == 1200 and harvest_photo["social"]["height"] == 630
    assert harvest_photo["placeholder"].startswith("data:image/webp;base64,")
    assert (photos["le-hoi.jpg"]["caption"], photos["le-hoi.jpg"]["caption_source"]) == (
        XMP_CAPTION,
        "xmp",
    )
    assert photos["le-hoi.jpg"]["credit"] == "Lê Minh"
    copy = photos["ban-sao.jpg"]
    assert (copy["caption"], copy["caption_source"]) == (
        "Cùng ảnh, chú thích của tòa soạn",
        "editor",
    )
    assert copy["credit_source"] == "iptc"
    assert copy["renditions"] == harvest_photo["renditions"]
    bare = photos["khong-chu-thich.jpg"]
    assert bare["caption_source"] == bare["alt_source"] == "none"
    assert "neither a caption nor alt text" in bare["warnings"][0]

    rejected = {p["name"]: p for p in shown["rejected_photos"]}
    assert set(rejected) == {"ban-do.jpg", "bi-cat.jpg"}
    assert "SVG drawings are not accepted" in rejected["ban-do.jpg"]["reason"]
    assert "the JPEG file is truncated" in rejected["bi-cat.jpg"]["reason"]

    # Every stored rendition is immutable, and carries no EXIF.
    s3 = stack.client("s3")
    for key in media:
        stored = s3.get_object(Bucket=stack.env.ref("SiteBucket"), Key=key)
        assert stored["CacheControl"] == "public, max-age=31536000, immutable"
        if not key.endswith(".json"):
            assert not Image.open(io.BytesIO(stored["Body"].read())).getexif()

    # The page uses the renditions: picture, srcset, sizes; lead eager, others lazy.
    assert all(r == {"batchItemFailures": []} for r in stack.drain("RenderFunction"))
    page_key = shown["url"].split("://", 1)[1].split("/", 1)[1] + "index.html"
    page = s3.get_object(Bucket=stack.env.ref("SiteBucket"), Key=page_key)["Body"].read().decode()
    images = re.findall(r"<img [^>]+>", page)
    figures = [i for i in images if "/media/" in i]
    assert len(figures) == 4
    for img in figures:
        for attribute in ("width", "height", "srcset", "sizes"):
            assert re.search(rf' {attribute}="[^"]+"', img), (attribute, img)
        assert ' alt="' in img  # empty only for the photo the API warns about
    assert sum(' alt=""' in img for img in figures) == 1
    assert f'alt="{CAPTION_VI}"' in page
    assert sum('loading="eager"' in i and 'fetchpriority="high"' in i for i in figures) == 1
    assert sum('loading="lazy"' in i for i in figures) == 3
    assert page.count('<source type="image/webp" srcset="/media/') == 4
    assert "ban-do" not in page and "bi-cat" not in page
    share = re.search(r'<meta property="og:image" content="([^"]+)">', page)
    assert share and share.group(1).endswith("/social-1200x630.jpg")
    assert '<meta property="og:image:width" content="1200">' in page

    # The same message delivered again: no S3 put, no write to the table.
    calls.clear()
    stack.client("sqs").send_message(
        QueueUrl=stack.specs["ImagesFunction"].queues[0].queue_url,
        MessageBody=PhotosRequested(
            article_id=article_id, version=published["version"]
        ).model_dump_json(),
    )
    assert stack.drain("ImagesFunction") == [{"batchItemFailures": []}]
    assert calls["PutObject"] == 0
    assert calls["PutItem"] + calls["UpdateItem"] + calls["BatchWriteItem"] == 0
    assert _site_keys(stack, "media/") == media


def test_the_same_photo_in_a_second_article_is_not_processed_again(stack: Stack) -> None:
    photo = jpeg_with_iptc(iptc_block(CAPTION_VI), width=1600, height=1200)
    calls: Counter[str] = Counter()
    for title in ("Bài thứ nhất", "Bài thứ hai"):
        status, article, _ = stack.call_api(
            "POST",
            "/articles",
            body={"title": title, "body": "Nội dung.", "category": "tin-tuc", "author": "An"},
        )
        assert status == 201, article
        if not calls:
            _count_writes(calls)
        calls.clear()
        _upload(stack, article["id"], "anh.jpg", photo)
        assert stack.drain("ImagesFunction") == [{"batchItemFailures": []}]
        status, _, _ = stack.call_api(
            "POST", "/articles/{id}/publish", params={"id": article["id"]}
        )
        assert status == 202
        assert stack.drain("ImagesFunction") == [{"batchItemFailures": []}]
        status, shown, _ = stack.call_api("GET", "/articles/{id}", params={"id": article["id"]})
        assert shown["photos"][0]["status"] == "ready"
        assert shown["photos"][0]["caption"] == CAPTION_VI
    assert calls["PutObject"] == 0  # the second article found the first one's renditions
    assert len(_site_keys(stack, "media/")) == 18
