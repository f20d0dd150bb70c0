"""Demo content for a new data directory: one article with two photos, through the API.

The article is ours (written for this project). It is created, given its photos
(uploaded to the presigned URLs the API hands out) and published over HTTP with an
editor's token, exactly as an editor's client would; then we wait for its page to be
served on the site. A marker file in the data directory records that it was done.
"""

from __future__ import annotations

import io
import json
import math
import random
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from newsroom_local.client import EditorClient, wait_for_page
from newsroom_local.state import write_atomically

MARKER = "demo.json"

TITLE = "Sở Công Thương khai mạc Phiên chợ nông sản và hàng Việt cuối năm 2026"
SUMMARY = (
    "Hơn 150 gian hàng của doanh nghiệp, hợp tác xã và hộ kinh doanh trong và ngoài tỉnh "
    "tham gia phiên chợ, kéo dài đến hết ngày 6/12."
)
BODY = "\n\n".join(
    (
        (
            "Sáng 27/11, tại Quảng trường trung tâm tỉnh, Sở Công Thương phối hợp với Hiệp hội "
            "Doanh nghiệp tỉnh khai mạc Phiên chợ nông sản và hàng Việt cuối năm 2026. Phiên chợ "
            "nằm trong Chương trình xúc tiến thương mại năm 2026 của tỉnh, nhằm giúp người tiêu "
            "dùng tiếp cận hàng Việt có chất lượng và hỗ trợ doanh nghiệp, hợp tác xã mở rộng thị"
            " trường trước dịp Tết Nguyên đán."
        ),
        ("![Toàn cảnh khu gian hàng tại Quảng trường trung tâm tỉnh](gian-hang.jpg)"),
        (
            "Phiên chợ có hơn 150 gian hàng, trong đó gần 60 gian trưng bày sản phẩm đạt chuẩn "
            "OCOP từ 3 sao trở lên như cà phê, hạt điều, mật ong, bơ sáp, sầu riêng sấy, gạo đặc "
            "sản và hàng thủ công mỹ nghệ. Nhiều doanh nghiệp đến từ Thành phố Hồ Chí Minh, Đồng "
            "Nai, Lâm Đồng và các tỉnh Tây Nguyên cũng mang đến sản phẩm tiêu dùng, may mặc và đồ"
            " gia dụng với mức giá ưu đãi."
        ),
        (
            "Phát biểu tại lễ khai mạc, Phó Giám đốc Sở Công Thương cho biết năm nay Sở đặc biệt "
            "chú trọng khâu kiểm soát nguồn gốc hàng hóa: mỗi gian hàng đều niêm yết giá, có mã "
            "truy xuất nguồn gốc và cam kết không kinh doanh hàng giả, hàng kém chất lượng. Lực "
            "lượng quản lý thị trường được bố trí trực thường xuyên trong suốt thời gian diễn ra "
            "phiên chợ."
        ),
        ("![Khách tham quan chọn mua nông sản đặc sản của tỉnh](nong-san.jpg)"),
        (
            "Bên cạnh hoạt động mua bán, ban tổ chức còn dành một khu vực để các sàn thương mại "
            "điện tử hướng dẫn hợp tác xã và hộ kinh doanh cách mở gian hàng trực tuyến, chụp ảnh"
            " sản phẩm và thanh toán không dùng tiền mặt. Dự kiến phiên chợ sẽ đón khoảng 40.000 "
            "lượt khách tham quan, mua sắm."
        ),
        ("Phiên chợ mở cửa từ 8 giờ đến 22 giờ hằng ngày, kéo dài đến hết ngày 6/12/2026."),
    )
)

PHOTOS = {
    "gian-hang.jpg": "Toàn cảnh khu gian hàng tại Quảng trường trung tâm tỉnh trong ngày khai mạc",
    "nong-san.jpg": "Khách tham quan chọn mua sầu riêng, bơ sáp và cà phê đặc sản của tỉnh",
}


def _sky(
    width: int, height: int, top: tuple[int, int, int], bottom: tuple[int, int, int]
) -> Image.Image:
    gradient = Image.linear_gradient("L").resize((width, height))
    return Image.composite(
        Image.new("RGB", (width, height), bottom), Image.new("RGB", (width, height), top), gradient
    )


def fair_photo(width: int = 1600, height: int = 1200) -> bytes:
    """Rows of market stalls with striped awnings under a morning sky."""
    image = _sky(width, height, (120, 180, 235), (250, 225, 190))
    draw = ImageDraw.Draw(image)
    horizon = int(height * 0.55)
    draw.rectangle((0, horizon, width, height), fill=(150, 140, 130))
    for row, (y, scale) in enumerate(((horizon - 40, 0.6), (horizon + 120, 1.0))):
        stall_w = int(220 * scale)
        for index in range(-1, width // stall_w + 1):
            x = index * stall_w + (row * stall_w // 2)
            colours = (
                [(200, 40, 40), (245, 245, 240)] if index % 2 else [(30, 90, 170), (245, 245, 240)]
            )
            body_h = int(180 * scale)
            draw.rectangle((x + 8, y, x + stall_w - 8, y + body_h), fill=(235, 225, 205))
            stripe = max(8, stall_w // 8)
            for s in range(0, stall_w, stripe):
                draw.polygon(
                    [
                        (x + s, y),
                        (x + s + stripe, y),
                        (x + s + stripe + 6, y - int(50 * scale)),
                        (x + s + 6, y - int(50 * scale)),
                    ],
                    fill=colours[(s // stripe) % 2],
                )
            for g in range(4):
                gx = x + 20 + g * (stall_w - 40) // 4
                draw.ellipse(
                    (gx, y + body_h - 50 * scale, gx + 30 * scale, y + body_h - 20 * scale),
                    fill=(240, 170, 40),
                )
    for person in range(28):
        px = (person * 263) % width
        py = height - 150 - (person * 37) % 120
        draw.ellipse((px, py, px + 34, py + 34), fill=(60, 45, 40))
        draw.rounded_rectangle(
            (px - 8, py + 34, px + 42, py + 130),
            radius=14,
            fill=[(200, 60, 60), (40, 110, 170), (230, 200, 60), (90, 150, 90)][person % 4],
        )
    draw.rectangle((width // 2 - 320, 60, width // 2 + 320, 150), fill=(190, 20, 30))
    draw.rectangle((width // 2 - 305, 75, width // 2 + 305, 135), outline=(250, 215, 60), width=4)
    return _jpeg(image.filter(ImageFilter.SMOOTH))


def produce_photo(width: int = 1600, height: int = 1200) -> bytes:
    """Baskets of durian, avocado and coffee beans on a wooden table."""
    image = _sky(width, height, (110, 75, 45), (170, 120, 75))
    draw = ImageDraw.Draw(image)
    for plank in range(0, height, 90):
        draw.line((0, plank, width, plank + 10), fill=(90, 60, 35), width=5)
    fruit = [((120, 150, 50), 70), ((60, 110, 40), 55), ((90, 50, 30), 14)]
    for basket, (colour, size) in enumerate(fruit):
        cx, cy = 300 + basket * 500, 700
        draw.ellipse(
            (cx - 230, cy - 40, cx + 230, cy + 260),
            fill=(185, 140, 80),
            outline=(120, 85, 40),
            width=8,
        )
        # A heap of fruit: random places inside the basket's mouth, back rows first.
        placing = random.Random(basket)  # noqa: S311 - a picture, not a secret
        spots = []
        for _ in range(45 if size > 20 else 700):
            angle, reach = placing.uniform(0, 2 * math.pi), math.sqrt(placing.random())
            spots.append(
                (cx + 200 * reach * math.cos(angle), cy + 60 + 110 * reach * math.sin(angle) - 60)
            )
        for x, y in sorted(spots, key=lambda spot: spot[1]):
            delta = placing.randint(-25, 25)
            shade = tuple(max(0, min(255, c + delta)) for c in colour)
            half = size // 2
            draw.ellipse((x - half, y - half, x + half, y + half), fill=shade, outline=(40, 40, 20))
            if size > 20:
                draw.ellipse(
                    (x - half // 2, y - half // 2, x - half // 6, y - half // 6),
                    fill=tuple(min(255, c + 60) for c in shade),
                )
    for tag in range(3):
        x = 200 + tag * 500
        draw.rectangle(
            (x, 1000, x + 200, 1080), fill=(250, 250, 240), outline=(30, 30, 30), width=3
        )
        draw.line((x + 20, 1030, x + 180, 1030), fill=(200, 30, 30), width=8)
        draw.line((x + 20, 1055, x + 140, 1055), fill=(60, 60, 60), width=5)
    return _jpeg(image.filter(ImageFilter.SMOOTH))


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


@dataclass(frozen=True)
class DemoArticle:
    """The published demo article."""

    id: str
    url: str


def marker(data_dir: Path) -> DemoArticle | None:
    """The demo article of this data directory, if it was made."""
    path = data_dir / MARKER
    if not path.exists():
        return None
    return DemoArticle(**json.loads(path.read_text(encoding="utf-8")))


def publish_demo(api_url: str, token: str, data_dir: Path, timeout: float = 60) -> DemoArticle:
    """Create, illustrate and publish the demo article; return once its page is served."""
    editor = EditorClient(api_url, token)
    try:
        article = editor.create_article(
            {
                "title": unicodedata.normalize("NFC", TITLE),
                "summary": unicodedata.normalize("NFC", SUMMARY),
                "body": unicodedata.normalize("NFC", BODY),
                "category": "tin-tuc",
                "tags": ["xúc tiến thương mại", "hàng Việt", "OCOP"],
                "author": "Trần Minh Khoa",
                "source": "Phòng Quản lý Thương mại, Sở Công Thương",
            }
        )
        for (name, caption), data in zip(
            PHOTOS.items(), (fair_photo(), produce_photo()), strict=True
        ):
            editor.add_photo(article["id"], name, data, unicodedata.normalize("NFC", caption))
        url = editor.publish(article["id"])["url"]
    finally:
        editor.close()
    wait_for_page(url, timeout)
    demo = DemoArticle(id=article["id"], url=url)
    write_atomically(data_dir / MARKER, json.dumps(demo.__dict__).encode())
    return demo
