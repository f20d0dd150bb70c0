"""Demo content for a new data directory: a department's portal, through the API.

Nine articles in four categories (news, the department's activities, trade promotion
and announcements; the policy category is left empty, as a new site's often is), most
with photos (drawn here: market stalls, produce, a conference hall, a speaker in
portrait format…), then the lead article with two photos. The texts and pictures are
ours (written for this project). Each article is created, given its photos (uploaded
to the presigned URLs the API hands out) and published over HTTP with an editor's
token, exactly as an editor's client would; then we wait for the lead article's page
to be served on the site. A marker file in the data directory records that it was done.
"""

from __future__ import annotations

import io
import json
import math
import random
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


PRODUCE = (((120, 150, 50), 70), ((60, 110, 40), 55), ((90, 50, 30), 14))
FRUIT = (((240, 190, 40), 75), ((220, 60, 120), 80), ((200, 40, 40), 45))


def produce_photo(
    width: int = 1600,
    height: int = 1200,
    fruit: tuple[tuple[tuple[int, int, int], int], ...] = PRODUCE,
) -> bytes:
    """Baskets of durian, avocado and coffee beans (or other fruit) on a wooden table."""
    image = _sky(width, height, (110, 75, 45), (170, 120, 75))
    draw = ImageDraw.Draw(image)
    for plank in range(0, height, 90):
        draw.line((0, plank, width, plank + 10), fill=(90, 60, 35), width=5)
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


def hall_photo(width: int = 1600, height: int = 1067) -> bytes:
    """A conference: the screen and the presiding table on a stage, the audience's rows."""
    image = _sky(width, height, (40, 55, 90), (70, 80, 110))
    draw = ImageDraw.Draw(image)
    draw.rectangle((width * 0.18, 70, width * 0.82, 420), fill=(235, 240, 250))
    draw.rectangle((width * 0.18, 70, width * 0.82, 150), fill=(175, 25, 35))
    for line in range(4):
        y = 200 + line * 48
        draw.rectangle((width * 0.26, y, width * (0.74 - 0.06 * line), y + 20), fill=(60, 80, 140))
    draw.rectangle((0, 470, width, 560), fill=(150, 30, 40))
    draw.rectangle((0, 455, width, 475), fill=(240, 200, 80))
    for seat in range(9):
        x = 90 + seat * (width - 180) // 8
        draw.ellipse((x - 28, 395, x + 28, 451), fill=(55, 40, 35))
        draw.rectangle((x - 45, 450, x + 45, 470), fill=(30, 40, 70))
    for row in range(5):
        y = 640 + row * 90
        size = 40 + row * 10
        for seat in range(-1, width // (size * 2) + 2):
            x = seat * size * 2 + (row % 2) * size
            draw.ellipse((x, y, x + size, y + size), fill=(45 + row * 6, 35, 30))
            draw.rectangle((x - 10, y + size, x + size + 10, y + size * 2), fill=(40, 60, 110))
    return _jpeg(image.filter(ImageFilter.SMOOTH))


def fuel_photo(width: int = 1600, height: int = 1067) -> bytes:
    """A filling station under its canopy, pumps lit, motorbikes waiting."""
    image = _sky(width, height, (130, 185, 235), (235, 235, 230))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 640, width, height), fill=(120, 120, 125))
    draw.rectangle((80, 200, width - 80, 300), fill=(245, 245, 245))
    draw.rectangle((80, 270, width - 80, 300), fill=(190, 30, 35))
    for pillar in (260, width - 260):
        draw.rectangle((pillar - 18, 300, pillar + 18, 660), fill=(220, 220, 220))
    for pump in range(4):
        x = 380 + pump * 260
        draw.rounded_rectangle((x, 430, x + 120, 660), radius=10, fill=(235, 235, 235))
        draw.rectangle((x + 15, 450, x + 105, 520), fill=(20, 30, 30))
        draw.rectangle((x + 25, 465, x + 95, 480), fill=(90, 230, 120))
        draw.rectangle((x, 620, x + 120, 660), fill=(190, 30, 35))
    for bike in range(5):
        x = 150 + bike * 290
        draw.ellipse((x, 820, x + 90, 910), outline=(20, 20, 20), width=14)
        draw.ellipse((x + 170, 820, x + 260, 910), outline=(20, 20, 20), width=14)
        draw.polygon(
            [(x + 40, 860), (x + 215, 860), (x + 190, 790), (x + 80, 800)], fill=(60, 60, 70)
        )
        draw.ellipse((x + 95, 650, x + 150, 705), fill=(230, 200, 60))
        draw.rounded_rectangle((x + 85, 700, x + 165, 810), radius=18, fill=(50, 110, 170))
    return _jpeg(image.filter(ImageFilter.SMOOTH))


def speaker_photo(width: int = 1200, height: int = 1800) -> bytes:
    """A speaker at a lectern before the meeting's backdrop: a portrait photo."""
    image = _sky(width, height, (60, 90, 140), (150, 170, 200))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 120, width, 330), fill=(200, 205, 215))
    for line in range(3):
        draw.rectangle(
            (140, 170 + line * 50, width - 140 - line * 120, 185 + line * 50), fill=(120, 130, 160)
        )
    middle = width // 2
    draw.ellipse((middle - 120, 560, middle + 120, 820), fill=(225, 185, 150))
    draw.ellipse((middle - 130, 530, middle + 130, 690), fill=(35, 30, 30))
    for eye in (-50, 50):
        draw.ellipse((middle + eye - 14, 690, middle + eye + 14, 712), fill=(40, 30, 30))
    draw.arc((middle - 45, 720, middle + 45, 780), start=20, end=160, fill=(150, 60, 60), width=8)
    draw.rounded_rectangle((middle - 330, 860, middle + 330, 1500), radius=120, fill=(40, 45, 60))
    draw.polygon([(middle - 90, 860), (middle + 90, 860), (middle, 1060)], fill=(245, 245, 245))
    draw.polygon(
        [
            (middle - 22, 880),
            (middle + 22, 880),
            (middle + 30, 1040),
            (middle, 1080),
            (middle - 30, 1040),
        ],
        fill=(170, 25, 35),
    )
    draw.polygon(
        [
            (middle - 380, 1240),
            (middle + 380, 1240),
            (middle + 300, height),
            (middle - 300, height),
        ],
        fill=(120, 75, 40),
    )
    draw.rectangle((middle - 380, 1240, middle + 380, 1290), fill=(150, 95, 50))
    draw.line((middle + 40, 1240, middle + 60, 1000), fill=(30, 30, 30), width=10)
    draw.ellipse((middle + 40, 975, middle + 80, 1015), fill=(20, 20, 20))
    draw.ellipse((middle - 60, 1380, middle + 60, 1500), fill=(240, 200, 80))
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


@dataclass(frozen=True)
class PortalArticle:
    """One more article of the demo portal, and its photos (name, caption, picture)."""

    title: str
    summary: str
    body: str
    category: str
    tags: tuple[str, ...] = ()
    author: str = "Phòng Thông tin, Sở Công Thương"
    source: str = ""
    photos: tuple[tuple[str, str, Callable[[], bytes]], ...] = ()

    def draft(self) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "title": self.title,
            "summary": self.summary,
            "body": self.body,
            "category": self.category,
            "tags": list(self.tags),
            "author": self.author,
            "source": self.source,
        }
        return {
            k: unicodedata.normalize("NFC", v) if isinstance(v, str) else v
            for k, v in fields.items()
        }


PORTAL = (
    PortalArticle(
        title="Thông báo lịch tiếp công dân của Giám đốc Sở tháng 12/2026",
        summary="Giám đốc Sở Công Thương tiếp công dân định kỳ vào sáng thứ năm tuần thứ hai "
        "và tuần thứ tư của tháng, tại Phòng tiếp công dân của Sở.",
        body="Thực hiện Luật Tiếp công dân, Sở Công Thương thông báo lịch tiếp công dân định kỳ "
        "của Giám đốc Sở trong tháng 12/2026:\n\n- Sáng thứ năm, ngày 10/12/2026, từ 7 giờ 30 "
        "đến 11 giờ 30;\n- Sáng thứ năm, ngày 24/12/2026, từ 7 giờ 30 đến 11 giờ 30.\n\n"
        "Công dân đến liên hệ xin mang theo giấy tờ tùy thân và tài liệu liên quan.",
        category="thong-bao",
        tags=("tiếp công dân",),
        source="Văn phòng Sở Công Thương",
    ),
    PortalArticle(
        title="Lễ hội Trái cây Nam Bộ năm 2026 thu hút hơn 30.000 lượt khách",
        summary="Sau bốn ngày, lễ hội giới thiệu hơn 200 loại trái cây đặc sản, kết nối tiêu "
        "thụ gần 500 tấn nông sản cho các hợp tác xã trong tỉnh.",
        body="Lễ hội Trái cây Nam Bộ năm 2026 do Sở Công Thương phối hợp với Sở Nông nghiệp và "
        "Môi trường tổ chức tại Công viên trung tâm tỉnh.\n\n![Gian trưng bày trái cây đặc "
        "sản của các hợp tác xã](trai-cay.jpg)\n\nCác gian hàng xoài, thanh long, chôm chôm "
        "và sầu riêng luôn đông khách; nhiều doanh nghiệp phân phối đã ký hợp đồng bao tiêu "
        "với hợp tác xã ngay tại lễ hội.",
        category="xuc-tien-thuong-mai",
        tags=("lễ hội", "nông sản", "xúc tiến thương mại"),
        source="Trung tâm Xúc tiến Thương mại tỉnh",
        photos=(
            (
                "trai-cay.jpg",
                "Gian trưng bày trái cây đặc sản của các hợp tác xã",
                lambda: produce_photo(1600, 1067, FRUIT),
            ),
        ),
    ),
    PortalArticle(
        title="Giám đốc Sở Công Thương làm việc với đoàn doanh nghiệp chế biến nông sản",
        summary="Sở cam kết đồng hành, tháo gỡ khó khăn về mặt bằng, điện và thủ tục để các "
        "nhà máy chế biến mở rộng sản xuất trong năm 2027.",
        body="Chiều 20/11, Giám đốc Sở Công Thương đã tiếp và làm việc với đoàn doanh nghiệp "
        "chế biến nông sản của tỉnh.\n\n![Giám đốc Sở Công Thương phát biểu tại buổi làm "
        "việc](phat-bieu.jpg)\n\nCác doanh nghiệp kiến nghị về mặt bằng sản xuất, nguồn "
        "điện ổn định và thủ tục xuất khẩu sang các thị trường mới.",
        category="hoat-dong",
        tags=("doanh nghiệp", "chế biến nông sản"),
        source="Văn phòng Sở Công Thương",
        photos=(
            ("phat-bieu.jpg", "Giám đốc Sở Công Thương phát biểu tại buổi làm việc", speaker_photo),
        ),
    ),
    PortalArticle(
        title="Giá xăng dầu giảm nhẹ từ 15 giờ chiều nay",
        summary="Liên Bộ Công Thương và Tài chính điều chỉnh giá bán lẻ xăng dầu; các cửa hàng "
        "trên địa bàn tỉnh niêm yết giá mới đúng thời điểm.",
        body="Theo thông báo của liên Bộ Công Thương và Tài chính, từ 15 giờ hôm nay giá xăng "
        "E5 RON 92 giảm 210 đồng mỗi lít, xăng RON 95 giảm 250 đồng mỗi lít.\n\n![Người dân "
        "mua xăng tại một cửa hàng trên đường Trần Hưng Đạo](xang-dau.jpg)\n\nSở Công Thương "
        "đề nghị các thương nhân phân phối bảo đảm nguồn hàng, không để gián đoạn cung ứng.",
        category="tin-tuc",
        tags=("xăng dầu", "giá cả"),
        source="Phòng Quản lý Thương mại",
        photos=(
            (
                "xang-dau.jpg",
                "Người dân mua xăng tại một cửa hàng trên đường Trần Hưng Đạo",
                fuel_photo,
            ),
        ),
    ),
    PortalArticle(
        title="Hội nghị triển khai chuyển đổi số ngành Công Thương năm 2027",
        summary="Ngành Công Thương đặt mục tiêu 100% thủ tục hành chính được giải quyết trực "
        "tuyến toàn trình và đưa 500 sản phẩm OCOP lên sàn thương mại điện tử.",
        body="Hội nghị đánh giá kết quả chuyển đổi số năm 2026 của ngành, trong đó có việc đưa "
        "sản phẩm của các hợp tác xã tham gia lễ hội, hội chợ lên sàn thương mại điện tử.\n\n"
        "![Toàn cảnh hội nghị](hoi-nghi.jpg)\n\nNăm 2027, Sở tập trung vào dịch vụ công "
        "trực tuyến và cơ sở dữ liệu doanh nghiệp của ngành.",
        category="hoat-dong",
        tags=("chuyển đổi số", "thương mại điện tử"),
        source="Văn phòng Sở Công Thương",
        photos=(("hoi-nghi.jpg", "Toàn cảnh hội nghị", hall_photo),),
    ),
    PortalArticle(
        title="Thông báo tuyển dụng viên chức Trung tâm Khuyến công năm 2026",
        summary="Trung tâm Khuyến công và Tư vấn phát triển công nghiệp tuyển 6 viên chức; "
        "hồ sơ nhận đến hết ngày 31/12/2026.",
        body="Trung tâm Khuyến công và Tư vấn phát triển công nghiệp thông báo tuyển dụng 6 "
        "viên chức làm việc tại các phòng chuyên môn. Thông tin chi tiết xem tại trụ sở Trung "
        "tâm.",
        category="thong-bao",
        tags=("tuyển dụng",),
        source="Trung tâm Khuyến công tỉnh",
    ),
    PortalArticle(
        title="Tăng cường kiểm tra thị trường, chống hàng giả dịp cuối năm",
        summary="Các đoàn kiểm tra liên ngành tập trung vào thực phẩm, hàng tiêu dùng phục vụ "
        "các lễ hội, Tết Nguyên đán.",
        body="Lực lượng quản lý thị trường tăng cường kiểm tra các chợ, siêu thị và điểm bán "
        "hàng dịp lễ hội cuối năm.\n\n![Kiểm tra hàng hóa tại một gian hàng](kiem-tra.jpg)",
        category="tin-tuc",
        tags=("quản lý thị trường",),
        source="Chi cục Quản lý thị trường",
        photos=(("kiem-tra.jpg", "Kiểm tra hàng hóa tại một gian hàng", produce_photo),),
    ),
)


def _when_photos_are_ready(editor: EditorClient, article_id: str, timeout: float = 60) -> None:
    """Wait until the article's photos are processed (they are, as they are uploaded):
    an article with a photo still awaiting processing is not published."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        response = editor.http.get(f"/articles/{article_id}")
        response.raise_for_status()
        if all(photo["status"] == "ready" for photo in response.json()["photos"]):
            return
        time.sleep(0.2)


def publish_demo(api_url: str, token: str, data_dir: Path, timeout: float = 90) -> DemoArticle:
    """Create, illustrate and publish the demo portal's articles, the lead one last;
    return once the lead article's page is served."""
    editor = EditorClient(api_url, token)
    try:
        for extra in PORTAL:
            made = editor.create_article(extra.draft())
            for name, caption, picture in extra.photos:
                editor.add_photo(made["id"], name, picture(), unicodedata.normalize("NFC", caption))
            _when_photos_are_ready(editor, made["id"])
            editor.publish(made["id"])
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
        _when_photos_are_ready(editor, article["id"])
        url = editor.publish(article["id"])["url"]
    finally:
        editor.close()
    wait_for_page(url, timeout)
    demo = DemoArticle(id=article["id"], url=url)
    write_atomically(data_dir / MARKER, json.dumps(demo.__dict__).encode())
    return demo
