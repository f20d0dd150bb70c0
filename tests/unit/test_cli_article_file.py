"""An article's Markdown file as the `newsroom` command reads and writes it: strict front
matter whose mistakes say where they are and how to fix them, images the body shows but
`photos:` forgets, and the `id` and `version` the command keeps in the file."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from newsroom_cli.article_file import (
    article_text,
    body_images,
    read_article_file,
    refused_at_lines,
    with_sync_state,
)
from newsroom_cli.errors import CommandError
from newsroom_cli.messages import use_language

from tests.photos import make_jpeg

ARTICLE = """---
title: Lịch nghỉ Tết Nguyên đán của cán bộ, công chức
summary: Cán bộ, công chức được nghỉ 9 ngày liên tục.
category: thong-bao
tags: [Tết, lịch nghỉ]
author: Văn phòng Sở
source: Sở Nội vụ
photos:
  - file: anh/cau.jpg
    caption: Bảng lịch nghỉ Tết dán tại trụ sở
    alt: Tờ lịch in trên giấy đỏ
---
Cán bộ, công chức nghỉ từ ngày 14/2 đến hết ngày 22/2.

![Lịch nghỉ](anh/cau.jpg)
"""


@pytest.fixture(autouse=True)
def _vietnamese() -> Iterator[None]:
    use_language("vi")
    yield
    use_language("vi")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "anh").mkdir()
    (tmp_path / "anh" / "cau.jpg").write_bytes(make_jpeg(64, 48))
    return tmp_path


def _write(folder: Path, text: str) -> Path:
    path = folder / "bai.md"
    path.write_text(text, encoding="utf-8")
    return path


def _mistake(folder: Path, text: str) -> str:
    with pytest.raises(CommandError) as refused:
        read_article_file(_write(folder, text))
    return str(refused.value)


def test_a_well_formed_file_gives_the_fields_the_api_stores(folder: Path) -> None:
    article = read_article_file(_write(folder, ARTICLE))
    assert article.article_id is None and article.version is None
    assert article.fields() == {
        "title": "Lịch nghỉ Tết Nguyên đán của cán bộ, công chức",
        "summary": "Cán bộ, công chức được nghỉ 9 ngày liên tục.",
        "category": "thong-bao",
        "tags": ["Tết", "lịch nghỉ"],
        "author": "Văn phòng Sở",
        "source": "Sở Nội vụ",
        "body": "Cán bộ, công chức nghỉ từ ngày 14/2 đến hết ngày 22/2.\n\n![Lịch nghỉ](cau.jpg)\n",
    }
    [photo] = article.photos
    assert (photo.name, photo.written_as, photo.caption) == (
        "cau.jpg",
        "anh/cau.jpg",
        "Bảng lịch nghỉ Tết dán tại trụ sở",
    )


def test_every_value_is_read_as_the_text_written(folder: Path) -> None:
    text = ARTICLE.replace(
        "title: Lịch nghỉ Tết Nguyên đán của cán bộ, công chức", "title: 2026"
    ).replace("summary: Cán bộ, công chức được nghỉ 9 ngày liên tục.", "summary: no")
    assert read_article_file(_write(folder, text)).fields()["title"] == "2026"
    assert read_article_file(_write(folder, text)).fields()["summary"] == "no"


def test_an_unknown_key_names_the_nearest_known_one_and_its_line(folder: Path) -> None:
    said = _mistake(folder, ARTICLE.replace("summary:", "sumary:"))
    assert said == f"{folder / 'bai.md'}, dòng 3: `sumary`: có phải ý bạn là `summary`?"


def test_an_unknown_key_of_a_photo_names_the_photo_and_the_nearest_key(folder: Path) -> None:
    said = _mistake(folder, ARTICLE.replace("    caption:", "    captoin:"))
    assert said == f"{folder / 'bai.md'}, dòng 10: ảnh 1: `captoin`: có phải ý bạn là `caption`?"


def test_a_key_like_no_other_lists_the_keys(folder: Path) -> None:
    said = _mistake(folder, ARTICLE.replace("author:", "xyz: 1\nauthor:"))
    assert "`xyz` không phải là trường của bài viết" in said
    assert "id, version, title, summary, category, tags, author, source, photos" in said


def test_every_mistake_is_told_at_once(folder: Path) -> None:
    said = _mistake(folder, ARTICLE.replace("summary:", "sumary:").replace("    alt:", "    atl:"))
    assert said.splitlines() == [
        f"{folder / 'bai.md'}, dòng 3: `sumary`: có phải ý bạn là `summary`?",
        f"{folder / 'bai.md'}, dòng 11: ảnh 1: `atl`: có phải ý bạn là `alt`?",
    ]


def test_a_title_with_a_colon_is_shown_quoted(folder: Path) -> None:
    text = ARTICLE.replace(
        "Lịch nghỉ Tết Nguyên đán của cán bộ, công chức", "Thông báo: lịch nghỉ Tết"
    )
    said = _mistake(folder, text)
    assert said.splitlines() == [
        f"{folder / 'bai.md'}, dòng 2: không đọc được phần đầu: giá trị có chứa `: ` nên YAML "
        "hiểu thành một khóa khác. Hãy đặt giá trị trong ngoặc kép:",
        '    title: "Thông báo: lịch nghỉ Tết"',
    ]
    fixed = text.replace("title: Thông báo: lịch nghỉ Tết", said.splitlines()[1].strip())
    assert read_article_file(_write(folder, fixed)).fields()["title"] == "Thông báo: lịch nghỉ Tết"


def test_the_fix_is_in_english_when_english_is_asked(folder: Path) -> None:
    use_language("en")
    text = ARTICLE.replace("Bảng lịch nghỉ Tết dán", "Ảnh: lịch dán")
    said = _mistake(folder, text)
    assert said.startswith(f"{folder / 'bai.md'}, line 10: the front matter cannot be read")
    assert said.endswith('\n        caption: "Ảnh: lịch dán tại trụ sở"')


def test_a_missing_closing_line_is_told_as_such(folder: Path) -> None:
    said = _mistake(folder, ARTICLE.replace("---\nCán bộ", "Cán bộ"))
    assert said == (
        f"{folder / 'bai.md'}: phần đầu mở bằng `---` ở dòng 1 nhưng không có dòng `---` "
        "đóng lại: thêm một dòng `---` trước dòng 12 (chỗ nội dung bài có vẻ bắt đầu)"
    )
    said = _mistake(folder, "---\ntitle: Chỉ có phần đầu\n")
    assert said.endswith(
        "thêm một dòng `---` sau dòng `khóa: giá trị` cuối cùng, trước nội dung bài"
    )


def test_a_file_without_front_matter_says_how_it_starts(folder: Path) -> None:
    said = _mistake(folder, ARTICLE.removeprefix("---\n"))
    assert said.startswith(f"{folder / 'bai.md'} không có phần đầu (front matter)")


def test_a_key_written_twice_names_both_lines(folder: Path) -> None:
    said = _mistake(folder, ARTICLE.replace("author:", "title: Hai\nauthor:"))
    assert said.endswith("`title` được viết hai lần (dòng 2 và 6): chỉ giữ một")


def test_indenting_with_a_tab_says_to_use_spaces(folder: Path) -> None:
    said = _mistake(folder, ARTICLE.replace("  - file: anh/cau.jpg", "\t- file: anh/cau.jpg"))
    assert "dòng 9" in said and "thụt bằng dấu cách" in said


def test_an_image_the_photos_do_not_list_is_named_with_its_line(folder: Path) -> None:
    said = _mistake(folder, ARTICLE + "\nLễ cắt băng.\n\n![Lễ cắt băng](anh/le.jpg)\n")
    assert said == (
        f"{folder / 'bai.md'}, dòng 19: nội dung bài có ảnh `anh/le.jpg` nhưng `photos:` không "
        "liệt kê ảnh này, nên trang sẽ bỏ nó đi: thêm vào `photos:` "
        "(`- file: anh/le.jpg` kèm `caption:`)"
    )


def test_images_are_found_as_markdown_finds_them() -> None:
    body = (
        "Một ![a](x.jpg) và\n\n    ![mã](khong-phai-anh.jpg)\n\n`![b](y.jpg)`\n\ncó ![c](ảnh.jpg)\n"
    )
    assert body_images(body) == [(0, "x.jpg"), (6, "ảnh.jpg")]


def test_the_id_and_version_go_into_the_front_matter_and_nothing_else_changes() -> None:
    first = with_sync_state(ARTICLE, "01abc", 1)
    assert first == ARTICLE.replace("---\n", "---\nid: 01abc\nversion: 1\n", 1)
    assert with_sync_state(first, "01abc", 7) == first.replace("version: 1", "version: 7")
    windows = ARTICLE.replace("\n", "\r\n")
    assert with_sync_state(windows, "01abc", 2).startswith("---\r\nid: 01abc\r\nversion: 2\r\n")


def test_a_file_written_from_the_server_reads_back_as_the_same_article(folder: Path) -> None:
    stored = {
        "id": "01abc",
        "version": 7,
        "title": "Thông báo: lịch nghỉ Tết",
        "summary": "Hai dòng\nthứ hai",
        "category": "thong-bao",
        "tags": ["Tết", "yes"],
        "author": "Phạm Minh Anh",
        "source": "",
        "body": "Nghỉ Tết 9 ngày.\n\n![Lịch](lich.jpg)\n",
        "photos": [{"name": "lich.jpg", "caption": "Lịch: nghỉ", "alt": "", "credit": "#1"}],
    }
    (folder / "anh" / "lich.jpg").write_bytes(make_jpeg(64, 48))
    path = _write(folder, article_text(stored, {"lich.jpg": "anh/lich.jpg"}))
    article = read_article_file(path)
    assert (article.article_id, article.version) == ("01abc", 7)
    assert article.fields() == {
        key: stored[key] for key in ("title", "summary", "category", "tags", "author", "body")
    }
    assert "![Lịch](anh/lich.jpg)" in article.body
    [photo] = article.photos
    assert (photo.written_as, photo.caption, photo.credit) == ("anh/lich.jpg", "Lịch: nghỉ", "#1")


def test_a_file_that_cannot_be_read_is_said_in_the_editors_language(folder: Path) -> None:
    (folder / "thu-muc.md").mkdir()
    # Written by an old Windows editor: Vietnamese in code page 1258, its marks apart.
    legacy = unicodedata.normalize("NFD", "---\ntitle: Lịch\n---\n").encode("cp1258")
    (folder / "latin1.md").write_bytes(legacy)
    said = {}
    for name in ("khong-co.md", "thu-muc.md", "latin1.md"):
        with pytest.raises(CommandError) as refused:
            read_article_file(folder / name)
        said[name] = str(refused.value)
    assert said == {
        "khong-co.md": f"không đọc được {folder / 'khong-co.md'}: không có tệp hay thư mục này",
        "thu-muc.md": (
            f"không đọc được {folder / 'thu-muc.md'}: đây là một thư mục, không phải một tệp"
        ),
        "latin1.md": (
            f"không đọc được {folder / 'latin1.md'}: "
            "không phải văn bản UTF-8 (byte 0xf2 ở vị trí 13)"
        ),
    }
    use_language("en")
    with pytest.raises(CommandError, match=r"cannot read .*khong-co\.md: no such file or folder$"):
        read_article_file(folder / "khong-co.md")


def test_what_the_api_refuses_is_said_at_the_fields_line(folder: Path) -> None:
    article = read_article_file(_write(folder, ARTICLE.replace("source: Sở Nội vụ\n", "")))
    said = refused_at_lines(
        article,
        [
            {"field": "category", "reason": "Chuyên mục 'thong-bao' không có trên trang"},
            {"field": "tags[1]", "reason": "Thẻ thứ 2 quá dài"},
            {"field": "body", "reason": "Nội dung quá dài"},
            {"field": "source", "reason": "Nguồn tin quá dài"},
        ],
    )
    path = folder / "bai.md"
    assert said.splitlines() == [
        f"{path}, dòng 4: category: Chuyên mục 'thong-bao' không có trên trang",
        # Tags written on one line, `[Tết, lịch nghỉ]`: the line of the key.
        f"{path}, dòng 5: tags[1]: Thẻ thứ 2 quá dài",
        f"{path}, dòng 12: body: Nội dung quá dài",
        # A field the file does not write: the file alone.
        f"{path}: source: Nguồn tin quá dài",
    ]
