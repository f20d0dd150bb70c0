"""The site as readers see it in Chromium: a portal's home page, a readable article with
its neighbours beside it on wide screens and after it on phones, photos in proportion,
nothing wider than a phone's screen on any page, the typeface, and the home page's
weight on first load.

Screenshots of every page type at 1366 and 390 px go to `artifacts/site/screens/`
(`SITE_SCREENSHOTS=docs/images` writes the documentation's copies instead).
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, Request, expect

from tests.browser.conftest import (
    LONG_AUTHOR,
    LONG_SOURCE,
    LONG_TITLE,
    MAIN_TITLE,
    ROOT,
    PublishedSite,
)
from tests.browser.driver import PHONE, collect_errors, fresh_page, open_fully
from tests.browser.test_site_quality import site_paths

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

WIDE = {"viewport": {"width": 1366, "height": 768}}
HOME_BUDGET = 500_000  # bytes on the home page's first load
FONT_BUDGET = 100_000  # bytes of every font file the site uses
SHOTS = {
    "home": "home",
    "article": "article",
    "long article": "article-long",
    "portrait article": "article-portrait",
    "category": "category",
    "empty category": "category-empty",
    "category page": "category-page",
    "tag": "tag",
    "month": "month",
    "archive": "archive",
    "search": "search",
    "not found": "not-found",
}


def _phone(width: int) -> dict[str, Any]:
    return {**PHONE, "viewport": {"width": width, "height": 740}}


def _overflowing(page: Page) -> list[str]:
    """Elements that reach past the window's right edge (their own scrolling boxes aside)."""
    return list(
        page.evaluate(
            """() => {
                const width = document.documentElement.clientWidth;
                const inScroller = e => {
                    for (let p = e.parentElement; p; p = p.parentElement) {
                        if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true;
                    }
                    return false;
                };
                return [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > width + 0.5 && !inScroller(e))
                    .filter(e => getComputedStyle(e).position !== 'absolute')
                    .map(e => e.tagName + '.' + e.className + ': ' + e.textContent.slice(0, 40));
            }"""
        )
    )


@pytest.mark.parametrize("width", [320, 360, 390])
def test_no_page_is_wider_than_a_phone_even_with_the_longest_content(
    published_site: PublishedSite, chromium: Browser, width: int
) -> None:
    paths = site_paths(published_site)
    with fresh_page(chromium, **_phone(width)) as phone:
        errors = collect_errors(phone)
        open_fully(phone, published_site.page(paths["long article"]))
        # The longest content: all of it there, the update's date too.
        expect(phone.locator("h1")).to_have_text(LONG_TITLE)
        expect(phone.locator(".breadcrumb li").last).to_have_text(LONG_TITLE)
        expect(phone.locator(".author")).to_have_text(LONG_AUTHOR)
        expect(phone.locator(".source span")).to_have_text(LONG_SOURCE)
        expect(phone.locator(".dateline .updated")).to_contain_text("cập nhật")
        # The wide table scrolls in its own box.
        table = phone.evaluate(
            "(() => { const t = document.querySelector('.body .table-box');"
            " return [t.scrollWidth, t.clientWidth, getComputedStyle(t).overflowX]; })()"
        )
        assert table[0] > table[1] and table[2] == "auto", table
        for name, path in paths.items():
            open_fully(phone, published_site.page(path))
            assert phone.evaluate("document.documentElement.scrollWidth") <= width, name
            assert _overflowing(phone) == [], name
        assert [e for e in errors if "404" not in e] == []


def test_the_home_page_is_a_portal(published_site: PublishedSite, chromium: Browser) -> None:
    with fresh_page(chromium, **WIDE) as page:
        errors = collect_errors(page)
        open_fully(page, published_site.page("/"))
        # The header: emblem, the department's name, the menu and a search box.
        header = page.locator(".site-header")
        expect(header.locator(".site-name")).to_contain_text("Sở Công Thương")
        emblem = header.locator(".site-name img").get_attribute("src") or ""
        assert emblem.startswith("/assets/logo.") and emblem.endswith(".svg")
        form = header.get_by_role("search")
        assert form.get_attribute("action") == "/tim-kiem/"
        assert (form.get_attribute("method") or "get").lower() == "get"
        expect(header.get_by_role("navigation").get_by_role("link")).to_have_text(
            [
                "Trang chủ",
                "Tin tức",
                "Hoạt động của Sở",
                "Chính sách",
                "Xúc tiến thương mại",
                "Thông báo",
            ]
        )
        # The lead story with its photo large, the newest after it beside it.
        lead = page.locator(".lead-story")
        expect(lead.get_by_role("heading")).to_have_text(MAIN_TITLE)
        box = lead.locator("img").bounding_box()
        assert box and box["width"] >= 600 and abs(box["width"] / box["height"] - 1.5) < 0.02
        latest = page.locator(".latest li")
        assert 4 <= latest.count() <= 6
        side = page.locator(".top-side").bounding_box()
        assert side and side["x"] > box["x"] + box["width"]
        # Announcements from the category the configuration names.
        expect(page.locator(".announcements li a")).to_have_text(
            [
                "Thông báo tuyển dụng viên chức Trung tâm Khuyến công năm 2026",
                "Thông báo lịch tiếp công dân của Giám đốc Sở tháng 12/2026",
            ]
        )
        # A block per category that has articles: its newest with a photo, then titles.
        blocks = page.locator(".section-block")
        expect(blocks.locator("h2")).to_have_text(
            ["Tin tức", "Hoạt động của Sở", "Xúc tiến thương mại"]
        )
        for n in range(blocks.count()):
            photo = blocks.nth(n).locator(".first img").bounding_box()
            assert photo and abs(photo["width"] / photo["height"] - 1.5) < 0.02
        assert errors == []


def test_the_home_page_reads_without_javascript(
    published_site: PublishedSite, chromium: Browser
) -> None:
    with fresh_page(chromium, java_script_enabled=False, **WIDE) as page:
        page.goto(published_site.page("/"))
        expect(page.locator(".lead-story h2")).to_have_text(MAIN_TITLE)
        expect(page.locator(".section-block").first).to_be_visible()
        page.locator(".site-header").get_by_role("searchbox").fill("hội chợ")
        page.locator(".site-header").get_by_role("search").get_by_role("button").click()
        page.wait_for_url("**/tim-kiem/?q=*")
        expect(page.locator("[data-search-status]")).to_contain_text("lưu trữ từng tháng")


def test_the_home_page_weighs_less_than_500_kb_on_first_load(
    published_site: PublishedSite, chromium: Browser, artifacts: Path
) -> None:
    weights = {}
    for name, options in (("1366", WIDE), ("390", _phone(390))):
        with fresh_page(chromium, **options) as page:
            sizes: dict[str, int] = {}

            def count(request: Request, sizes: dict[str, int] = sizes) -> None:
                sizes[request.url] = _bytes(request)

            page.on("requestfinished", count)
            page.goto(published_site.page("/"), wait_until="load")
            page.wait_for_load_state("networkidle")
            weights[name] = sum(sizes.values())
            assert weights[name] <= HOME_BUDGET, (name, sorted(sizes.items()))
    (artifacts / "home-weight.txt").write_text(
        "".join(f"{name} px: {value} bytes\n" for name, value in weights.items())
    )


def _bytes(request: Request) -> int:
    sizes = request.sizes()
    return int(sizes["responseBodySize"] + sizes["responseHeadersSize"])


def test_the_article_keeps_a_readable_measure_with_its_neighbours_beside_it(
    published_site: PublishedSite, chromium: Browser
) -> None:
    with fresh_page(chromium, **WIDE) as page:
        open_fully(page, published_site.page(published_site.article_path))
        # Characters on each full line of the body's paragraphs (last lines left out).
        per_line = page.evaluate(
            """() => {
                const counts = [];
                for (const p of document.querySelectorAll('.body p')) {
                    const lines = new Map();
                    const text = [...p.childNodes].filter(n => n.nodeType === 3);
                    for (const node of text) {
                        for (let i = 0; i < node.length; i++) {
                            const range = document.createRange();
                            range.setStart(node, i);
                            range.setEnd(node, i + 1);
                            const top = Math.round(range.getBoundingClientRect().top);
                            lines.set(top, (lines.get(top) || 0) + 1);
                        }
                    }
                    counts.push(...[...lines.values()].slice(0, -1));
                }
                return counts.reduce((a, b) => a + b, 0) / counts.length;
            }"""
        )
        assert 60 <= per_line <= 80, per_line
        article = page.locator("article.article").bounding_box()
        aside = page.locator(".article-aside").bounding_box()
        assert article and aside and aside["x"] >= article["x"] + article["width"]
        expect(page.locator(".article-aside h2")).to_have_text(["Tin liên quan"])
    with fresh_page(chromium, **_phone(390)) as phone:
        open_fully(phone, published_site.page(published_site.article_path))
        article = phone.locator("article.article").bounding_box()
        aside = phone.locator(".article-aside").bounding_box()
        assert article and aside and aside["y"] >= article["y"] + article["height"]


def test_a_portrait_photo_is_limited_in_height_and_centred_with_its_caption_under_it(
    published_site: PublishedSite, chromium: Browser
) -> None:
    for options in (WIDE, _phone(390)):
        with fresh_page(chromium, **options) as page:
            open_fully(page, published_site.page(published_site.portrait_path))
            window = page.viewport_size
            assert window
            figure = page.locator("figure.portrait")
            photo = figure.locator("img").bounding_box()
            caption = figure.locator("figcaption").bounding_box()
            column = page.locator(".article .body").bounding_box()
            assert photo and caption and column
            assert photo["height"] <= 0.8 * window["height"] + 1
            assert abs(photo["height"] / photo["width"] - 1.5) < 0.02
            left = photo["x"] - column["x"]
            right = column["x"] + column["width"] - (photo["x"] + photo["width"])
            assert abs(left - right) <= 2, (left, right)
            assert 0 <= caption["y"] - (photo["y"] + photo["height"]) < 24


def test_listing_thumbnails_are_cropped_to_one_shape(
    published_site: PublishedSite, chromium: Browser
) -> None:
    with fresh_page(chromium, **WIDE) as page:
        open_fully(page, published_site.page("/tin-tuc/"))
        shapes = page.evaluate(
            "[...document.querySelectorAll('.entry img')]"
            ".map(i => [i.width / i.height, i.currentSrc])"
        )
        assert len(shapes) >= 3
        for shown, source in shapes:
            made = re.search(r"/crop-(\d+)x(\d+)\.(webp|jpg)$", source)
            assert made, source
            assert abs(int(made.group(1)) / int(made.group(2)) - 1.5) < 0.01, source
            assert abs(shown - 1.5) < 0.02, source


def test_the_typeface_is_served_with_the_site_and_is_small(
    published_site: PublishedSite, page: Page
) -> None:
    open_fully(page, published_site.page(published_site.article_path))
    page.evaluate("document.fonts.ready")
    faces = page.evaluate(
        """[...document.fonts].filter(f => f.status === 'loaded')
            .map(f => f.family + ' ' + f.weight)"""
    )
    assert {f.strip('"') for f in faces} == {"Be Vietnam Pro 400", "Be Vietnam Pro 700"}, faces
    assert "Be Vietnam Pro" in page.evaluate("getComputedStyle(document.body).fontFamily")
    fonts = list((published_site.folder / "assets").glob("*.woff2"))
    assert len(fonts) == 4
    assert sum(f.stat().st_size for f in fonts) <= FONT_BUDGET
    css = next((published_site.folder / "assets").glob("site.*.css")).read_text()
    assert css.count("font-display:swap") == 4


def test_screenshots_of_every_page_type(published_site: PublishedSite, chromium: Browser) -> None:
    """Full pages at 1366 and 390 px, as PNGs of 256 colours."""
    folder = Path(os.environ.get("SITE_SCREENSHOTS") or ROOT / "artifacts" / "site" / "screens")
    folder = folder if folder.is_absolute() else ROOT / folder
    folder.mkdir(parents=True, exist_ok=True)
    paths = site_paths(published_site)
    for width, options in ((1366, WIDE), (390, _phone(390))):
        with fresh_page(chromium, **options) as page:
            for name, file in SHOTS.items():
                open_fully(page, published_site.page(paths[name]))
                shot = Image.open(io.BytesIO(page.screenshot(full_page=True)))
                small = shot.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT)
                small.save(folder / f"site-{file}-{width}.png", optimize=True)
    assert len(list(folder.glob("site-*-1366.png"))) >= len(SHOTS)
