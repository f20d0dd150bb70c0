"""An article body: Markdown with embedded HTML becomes safe HTML; photos become figures."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from newsroom.models.article import Photo, PhotoStatus, Rendition
from newsroom.site.body import render_body

from tests.articles import published_article

NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)


def _html(markdown: str, photos: list[Photo] | None = None) -> str:
    html, _ = render_body(markdown, photos or [], lambda photo, alt: f"<figure>{alt}</figure>")
    return html


@pytest.mark.parametrize(
    "attack",
    [
        '<script>alert("xss")</script>',
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        '<p onclick="steal()">Nhấn vào đây</p>',
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">Xem thêm</a>',
        '<a href="JaVaScRiPt:alert(1)">Xem thêm</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">Xem thêm</a>',
        '<iframe src="https://evil.example"></iframe>',
        "<style>body { display: none }</style>",
        '<p style="position:fixed;top:0">Quảng cáo</p>',
        "<svg onload=alert(1)><circle /></svg>",
        '<object data="x.swf"></object><embed src="x.swf">',
        '<form action="https://evil.example"><input name="password"></form>',
        '<meta http-equiv="refresh" content="0;url=https://evil.example">',
        '<base href="https://evil.example/">',
        '<div><p onmouseover="x()">lồng nhau</p></div>',
    ],
)
def test_embedded_html_loses_scripts_handlers_frames_and_styles(attack: str) -> None:
    html = _html(f"Đoạn mở đầu.\n\n{attack}\n\nĐoạn kết.").lower()
    for forbidden in (
        "<script",
        "onclick",
        "onerror",
        "onload",
        "onmouseover",
        "javascript:",
        "data:text",
        "<iframe",
        "<style",
        "style=",
        "<svg",
        "<object",
        "<embed",
        "<form",
        "<input",
        "<meta",
        "<base",
    ):
        assert forbidden not in html, f"{forbidden} survived in {html!r}"
    assert "đoạn mở đầu." in html
    assert "đoạn kết." in html


def test_markdown_links_to_scripts_are_not_links() -> None:
    html = _html("[Bấm vào](javascript:alert(1)) và [đây](vbscript:msgbox(1))")
    assert "<a" not in html
    assert "javascript:" not in html.split("Bấm vào")[0]


def test_safe_formatting_is_kept() -> None:
    html = _html(
        "## Diễn biến\n\n"
        "Đoạn **đậm**, *nghiêng*, ~~gạch~~ và `mã`.\n\n"
        "> Trích lời ông Nguyễn Văn A.\n\n"
        "- một\n- hai\n\n"
        "1. thứ nhất\n\n"
        "[Cổng thông tin](https://example.gov.vn/tin?id=1&trang=2)\n\n"
        "| Năm | Số gian hàng |\n|---|---|\n| 2026 | 200 |\n\n"
        "<p>HTML <b>đậm</b>, <i>nghiêng</i>, <sub>2</sub> <sup>3</sup></p>\n"
    )
    for kept in (
        "<h2>Diễn biến</h2>",
        "<strong>đậm</strong>",
        "<em>nghiêng</em>",
        "<s>gạch</s>",
        "<code>mã</code>",
        "<blockquote>",
        "<li>một</li>",
        "<ol>",
        "<table>",
        "<td>2026</td>",
        "<b>đậm</b>",
        "<i>nghiêng</i>",
        "<sub>2</sub>",
        "<sup>3</sup>",
        'href="https://example.gov.vn/tin?id=1&amp;trang=2"',
    ):
        assert kept in html, kept


def test_links_do_not_give_the_target_page_access_to_the_site() -> None:
    html = _html("[Nguồn](https://example.vn/)")
    assert 'rel="noopener noreferrer"' in html


def test_text_that_looks_like_html_but_is_text_stays_visible() -> None:
    html = _html("Chỉ số 3 < 5 và 7 > 2, công ty A & B.")
    assert "3 &lt; 5" in html
    assert "7 &gt; 2" in html
    assert "A &amp; B" in html


def _photo(name: str, status: PhotoStatus = PhotoStatus.READY) -> Photo:
    return Photo(
        name=name,
        caption="Chú thích",
        status=status,
        renditions=[Rendition(width=960, height=720, format="jpeg", key=f"media/{name}")],
        created_at=NOW,
        updated_at=NOW,
    )


def test_a_photo_placed_by_name_becomes_a_figure_and_others_are_left_out() -> None:
    photos = [_photo("gian-hang.jpg"), _photo("chua-xong.jpg", PhotoStatus.AWAITING_UPLOAD)]
    html, placed = render_body(
        "![Gian hàng](gian-hang.jpg)\n\n"
        "![Chưa xử lý](chua-xong.jpg)\n\n"
        "![Ảnh ngoài](https://evil.example/pixel.gif)\n",
        photos,
        lambda photo, alt: f'<figure><img src="/{photo.renditions[0].key}" alt="{alt}"></figure>',
    )
    assert placed == {"gian-hang.jpg"}
    assert '<img src="/media/gian-hang.jpg" alt="Gian hàng">' in html
    assert "<p><figure>" not in html
    assert "chua-xong" not in html
    assert "evil.example" not in html


def test_images_in_embedded_html_come_only_from_the_site_itself() -> None:
    html = _html(
        '<img src="https://tracker.example/pixel.gif" alt="theo dõi">\n\n'
        '<img src="//tracker.example/p.gif">\n\n'
        '<picture><source srcset="/media/a.webp 480w, https://tracker.example/b 960w">'
        '<img src="/media/a.jpg" alt="Ảnh của trang"></picture>\n'
    )
    assert "tracker.example" not in html
    assert '<img src="/media/a.jpg" alt="Ảnh của trang">' in html


def _figure(photo: Photo, alt: str) -> str:
    return f'<figure><img src="/{photo.renditions[0].key}" alt="{alt}"></figure>'


def test_a_body_converted_when_saved_fills_its_slots_with_the_photos_ready_at_render() -> None:
    from newsroom.site.body import fill_body
    from newsroom.site.markdown import prepare_body

    prepared = prepare_body("Mở đầu.\n\n![Gian hàng](gian-hang.jpg)\n\nKết thúc.")
    assert [(s.name, s.alt, s.alone) for s in prepared.slots] == [
        ("gian-hang.jpg", "Gian hàng", True)
    ]
    # Before the photo is ready there is no figure; once it is, the same stored body has it.
    waiting = _photo("gian-hang.jpg", PhotoStatus.AWAITING_UPLOAD)
    assert fill_body(prepared, [waiting], _figure) == (
        "<p>Mở đầu.</p>\n\n<p>Kết thúc.</p>\n",
        set(),
    )
    html, placed = fill_body(prepared, [_photo("gian-hang.jpg")], _figure)
    assert placed == {"gian-hang.jpg"}
    assert html == (
        '<p>Mở đầu.</p>\n<figure><img src="/media/gian-hang.jpg" alt="Gian hàng"></figure>\n'
        "<p>Kết thúc.</p>\n"
    )


def test_a_photo_inside_a_sentence_closes_the_paragraph_around_its_figure() -> None:
    html, placed = render_body(
        "Xem ảnh ![Gian hàng](gian-hang.jpg) tại hội chợ.", [_photo("gian-hang.jpg")], _figure
    )
    assert placed == {"gian-hang.jpg"}
    assert "<p>Xem ảnh </p><figure>" in html
    assert "<p><figure>" not in html


def test_a_body_cannot_write_slots_of_its_own() -> None:
    from newsroom.site.sanitize import SLOT_CLOSE, SLOT_OPEN

    forged = f"Chèn {SLOT_OPEN}0{SLOT_CLOSE} vào đây.\n\n![Ảnh](gian-hang.jpg)"
    html, _ = render_body(forged, [_photo("gian-hang.jpg")], _figure)
    assert html.count("<figure>") == 1
    assert "<p>Chèn 0 vào đây.</p>" in html
    assert SLOT_OPEN not in html and SLOT_CLOSE not in html


def test_a_body_stored_by_another_version_of_the_conversion_is_converted_again() -> None:
    from newsroom.models.article import PreparedBody
    from newsroom.site.body import prepared_body
    from newsroom.site.sanitize import BODY_FORMAT

    article = published_article(
        body="Nội dung **mới**.",
        body_prepared=PreparedBody(format=BODY_FORMAT - 1, html="<p>Nội dung cũ.</p>"),
    )
    assert prepared_body(article).html == "<p>Nội dung <strong>mới</strong>.</p>\n"
    article.body_prepared = PreparedBody(format=BODY_FORMAT, html="<p>Đã lưu.</p>")
    assert prepared_body(article).html == "<p>Đã lưu.</p>"


def test_a_body_whose_conversion_would_not_fit_in_the_item_is_stored_without_it() -> None:
    from newsroom.site.markdown import STORED_BYTES, body_to_store

    assert body_to_store("Một đoạn ngắn.") is not None
    # Every "<" becomes "&lt;": four times the bytes once converted.
    assert body_to_store("<" * (STORED_BYTES // 4)) is None
