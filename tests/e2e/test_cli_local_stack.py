"""The `newsroom` command, as an editor runs it, against the running local stack.

Each test is something an editor does in a terminal: the command runs in a process of
its own, with only the settings an editor would have (`StackProcess.cli`), and the
tests look at what it printed, at the article through the API and at the page readers
get from the site.
"""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from newsroom_local.client import EditorClient, wait_for_page
from newsroom_local.launch import StackProcess

from tests.e2e.cli_files import edit, front_matter_value
from tests.photo_samples import png_with_size_in_header
from tests.photos import make_jpeg

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("local_stack")]

ARTICLE = """---
title: Tỉnh tổ chức Ngày hội việc làm năm 2026
summary: Hơn 1.500 vị trí việc làm được giới thiệu tới người lao động.
category: thong-bao
tags: [việc làm]
author: Phạm Minh Anh
source: Sở Lao động
photos:
  - file: ngay-hoi.jpg
    caption: Người lao động tìm hiểu thông tin tại ngày hội
---
Sáng 28/11, Ngày hội việc làm thu hút đông đảo người lao động.

![Ngày hội việc làm](ngay-hoi.jpg)
"""

SECOND_PHOTO = """  - file: anh/gian-hang.jpg
    caption: Gian hàng của các doanh nghiệp trong khu công nghiệp
"""


# A machine whose locale names no language we have (the default language is spoken),
# whatever the locale of the machine running the tests.
NO_LOCALE = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}


def _newsroom(
    stack: StackProcess, role: str, *argv: str, language: str = "en"
) -> subprocess.CompletedProcess[str]:
    """The command as an editor with `role` runs it, speaking `language` ("" for the default)."""
    environment = {
        **NO_LOCALE,
        "NEWSROOM_API": stack.api_url,
        "NEWSROOM_TOKEN": stack.token(role),
    }
    if language:
        environment["NEWSROOM_LANG"] = language
    return stack.cli(*argv, environment=environment, timeout=180)


def _succeeds(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def _refused(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr.startswith("newsroom: "), done.stderr
    assert "Traceback" not in done.stderr
    return done.stderr


def _article_file(folder: Path, title: str, extra_photo: bool = False) -> Path:
    """A new article file (its own title, so that tests never meet each other's articles)."""
    (folder / "ngay-hoi.jpg").write_bytes(make_jpeg(1200, 800))
    text = ARTICLE.replace("Tỉnh tổ chức Ngày hội việc làm năm 2026", title)
    if extra_photo:
        (folder / "anh").mkdir(exist_ok=True)
        (folder / "anh" / "gian-hang.jpg").write_bytes(make_jpeg(900, 600, colour=(200, 160, 40)))
        text = text.replace("---\nSáng", SECOND_PHOTO + "---\nSáng").replace(
            "![Ngày hội việc làm](ngay-hoi.jpg)\n",
            "![Ngày hội việc làm](ngay-hoi.jpg)\n\n![Gian hàng](anh/gian-hang.jpg)\n",
        )
    path = folder / "bai.md"
    path.write_text(text, encoding="utf-8")
    return path


def _until(check: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.2)


def _wait_until_gone(url: str, timeout: float = 60) -> None:
    _until(lambda: httpx.get(url, timeout=5).status_code == 404, f"{url} is still served", timeout)


def _api(stack: StackProcess, path: str) -> Any:
    response = httpx.get(
        stack.api_url + path,
        headers={"Authorization": f"Bearer {stack.token('editor')}"},
        timeout=10,
    )
    response.raise_for_status()
    return response.json()


def test_an_editor_publishes_a_markdown_file_and_withdraws_it(
    local_stack: StackProcess, tmp_path: Path
) -> None:
    article_file = _article_file(tmp_path, "Tỉnh tổ chức Ngày hội việc làm năm 2026")

    out = _succeeds(_newsroom(local_stack, "editor", "publish", str(article_file), "--now"))
    found = re.fullmatch(r"published  (\S+)\n", out)
    assert found, out
    url = found.group(1)
    assert url.startswith(local_stack.site_url + "/thong-bao/tinh-to-chuc-ngay-hoi-viec-lam-")
    article_id = front_matter_value(article_file, "id")

    wait_for_page(url, timeout=60)
    page = httpx.get(url, timeout=5).text
    assert "Tỉnh tổ chức Ngày hội việc làm năm 2026" in page
    assert "Người lao động tìm hiểu thông tin tại ngày hội" in page

    listed = _newsroom(local_stack, "reporter", "articles", "list", "--status", "published")
    assert article_id in listed.stdout

    refused = _refused(_newsroom(local_stack, "reporter", "articles", "unpublish", article_id))
    assert refused.startswith("newsroom: 403 Forbidden: Only editor or admin")

    withdrawn = _succeeds(_newsroom(local_stack, "editor", "articles", "unpublish", article_id))
    assert withdrawn.startswith("unpublished")
    _wait_until_gone(url)


def test_an_article_scheduled_with_the_cli_goes_live_when_due(
    local_stack: StackProcess, tmp_path: Path
) -> None:
    article_file = _article_file(tmp_path, "Ngày hội việc làm lần hai")
    # Far enough ahead that a slow, busy machine still schedules it rather than publishing.
    when = (datetime.now(UTC) + timedelta(seconds=20)).replace(microsecond=0)
    out = _succeeds(
        _newsroom(local_stack, "editor", "publish", str(article_file), "--at", when.isoformat())
    )
    found = re.fullmatch(r"scheduled for \d\d/\d\d/\d{4} \d\d:\d\d  (\S+)\n", out)
    assert found, out
    assert httpx.get(found.group(1), timeout=5).status_code == 404
    wait_for_page(found.group(1), timeout=60)


def test_without_api_or_token_the_cli_uses_the_local_stack(
    local_stack: StackProcess, tmp_path: Path
) -> None:
    demo = local_stack.wait_for_demo()
    done = local_stack.cli("articles", "list", environment=NO_LOCALE, timeout=120)
    assert done.returncode == 0, done.stderr
    assert re.search(rf"^{demo.id}  đã xuất bản ", done.stdout, re.M), done.stdout


def test_two_editors_with_the_same_file_lose_nothing(
    local_stack: StackProcess, tmp_path: Path
) -> None:
    """A changes the summary and publishes; B publishes an older copy and is refused with
    what A changed; B pulls, applies the change again, and both changes are kept."""
    article_file = _article_file(tmp_path, "Hội chợ nông sản tỉnh năm 2026")
    _succeeds(_newsroom(local_stack, "editor", "publish", str(article_file), "--now"))
    article_id = front_matter_value(article_file, "id")
    version = int(front_matter_value(article_file, "version"))
    copy_of_b = tmp_path / "ban-cua-b.md"
    copy_of_b.write_text(article_file.read_text(encoding="utf-8"), encoding="utf-8")

    edit(article_file, "Hơn 1.500 vị trí", "Hơn 2.000 vị trí")
    _succeeds(_newsroom(local_stack, "editor", "publish", str(article_file)))
    assert front_matter_value(article_file, "version") == str(version + 1)

    edit(copy_of_b, "thu hút đông đảo", "thu hút hàng nghìn")
    refused = _refused(_newsroom(local_stack, "editor", "publish", str(copy_of_b)))
    assert f"{copy_of_b} is out of date: it was last in step with version {version}" in refused
    assert f"What changed on the server from version {version} to {version + 1}:" in refused
    assert "  summary: Hơn [-1.500-]{+2.000+} vị trí" in refused
    assert f"`newsroom pull {copy_of_b} --yes`" in refused
    stored = _api(local_stack, f"/articles/{article_id}")
    assert "2.000" in stored["summary"] and "đông đảo" in stored["body"]

    asked = _refused(_newsroom(local_stack, "editor", "pull", str(copy_of_b)))
    assert "has changes the server does not have (body)" in asked
    pulled = _succeeds(_newsroom(local_stack, "editor", "pull", str(copy_of_b), "--yes"))
    assert pulled == f"wrote {copy_of_b}: version {version + 1}, 1 photo(s), 0 downloaded\n"
    assert "Hơn 2.000 vị trí" in copy_of_b.read_text(encoding="utf-8")

    edit(copy_of_b, "thu hút đông đảo", "thu hút hàng nghìn")
    _succeeds(_newsroom(local_stack, "editor", "publish", str(copy_of_b)))
    stored = _api(local_stack, f"/articles/{article_id}")
    assert "2.000" in stored["summary"] and "hàng nghìn" in stored["body"]
    wait_for_page(stored["url"])
    _until(lambda: "hàng nghìn" in httpx.get(stored["url"], timeout=5).text, "the page is old")

    revisions = len(_api(local_stack, f"/articles/{article_id}/revisions")["revisions"])
    done = _newsroom(local_stack, "editor", "publish", str(copy_of_b))
    assert f"nothing changed since version {stored['version']}: nothing sent" in done.stderr
    assert _succeeds(done).startswith("published  ")
    assert len(_api(local_stack, f"/articles/{article_id}/revisions")["revisions"]) == revisions

    elsewhere = tmp_path / "may-khac"
    elsewhere.mkdir()
    pulled = _succeeds(
        _newsroom(local_stack, "editor", "pull", article_id, "--out", str(elsewhere / "bai.md"))
    )
    assert pulled.endswith("1 photo(s), 1 downloaded\n")
    assert (elsewhere / "ngay-hoi.jpg").read_bytes() == (tmp_path / "ngay-hoi.jpg").read_bytes()


def test_photos_follow_the_file(local_stack: StackProcess, tmp_path: Path) -> None:
    """A photo taken out of the file leaves the article and its page (asking first, since
    the article is live); an image the body shows but `photos:` forgets is a mistake."""
    article_file = _article_file(tmp_path, "Khai mạc Tuần lễ văn hóa du lịch", extra_photo=True)
    url = _succeeds(_newsroom(local_stack, "editor", "publish", str(article_file), "--now"))
    url = url.split()[-1]
    wait_for_page(url)
    _until(lambda: "Gian hàng của các doanh nghiệp" in httpx.get(url, timeout=5).text, "no photo")

    edit(article_file, SECOND_PHOTO, "")
    refused = _refused(_newsroom(local_stack, "editor", "publish", str(article_file)))
    assert f"{article_file}, line 18: the body shows the image `anh/gian-hang.jpg`" in refused

    edit(article_file, "\n![Gian hàng](anh/gian-hang.jpg)\n", "")
    refused = _refused(_newsroom(local_stack, "editor", "publish", str(article_file)))
    assert "the file no longer lists gian-hang.jpg" in refused and "Add --yes" in refused
    article_id = front_matter_value(article_file, "id")
    assert len(_api(local_stack, f"/articles/{article_id}")["photos"]) == 2

    done = _newsroom(local_stack, "editor", "publish", str(article_file), "--yes")
    _succeeds(done)
    assert re.search(r"gian-hang\.jpg +removed from the article", done.stderr)
    assert [p["name"] for p in _api(local_stack, f"/articles/{article_id}")["photos"]] == [
        "ngay-hoi.jpg"
    ]
    _until(
        lambda: "Gian hàng của các doanh nghiệp" not in httpx.get(url, timeout=5).text,
        "the removed photo is still on the page",
    )


def test_photos_are_checked_before_upload_and_their_processing_shown(
    local_stack: StackProcess, tmp_path: Path
) -> None:
    article_file = _article_file(tmp_path, "Lễ hội hoa xuân 2026", extra_photo=True)
    good = (tmp_path / "ngay-hoi.jpg").read_bytes()
    (tmp_path / "ngay-hoi.jpg").write_bytes(good + b"\0" * (44 * 1024 * 1024))
    (tmp_path / "anh" / "gian-hang.jpg").write_text("không phải ảnh", encoding="utf-8")
    (tmp_path / "toan-canh.png").write_bytes(png_with_size_in_header(12_000, 9_000))
    edit(article_file, "---\nSáng", "  - file: toan-canh.png\n    caption: Toàn cảnh\n---\nSáng")

    refused = _refused(_newsroom(local_stack, "editor", "publish", str(article_file)))
    lines = refused.splitlines()
    assert (
        lines[0] == "newsroom: photo ngay-hoi.jpg: the file is 44.0 MB; at most 25 MB are accepted"
    )
    assert lines[1].startswith("photo anh/gian-hang.jpg: by its content, the file is not a JPEG")
    assert lines[2].startswith("photo toan-canh.png: ") and "108 megapixels" in lines[2]
    assert "id:" not in article_file.read_text(encoding="utf-8")

    (tmp_path / "ngay-hoi.jpg").write_bytes(good)
    (tmp_path / "anh" / "gian-hang.jpg").write_bytes(make_jpeg(900, 600))
    (tmp_path / "toan-canh.png").write_bytes(make_jpeg(1000, 500))  # a JPEG by its bytes
    done = _newsroom(local_stack, "editor", "publish", str(article_file), language="")
    _succeeds(done)
    assert re.search(r"ngay-hoi\.jpg +sẵn sàng  Người lao động tìm hiểu thông tin", done.stderr)
    assert re.search(r"toan-canh\.png +sẵn sàng  Toàn cảnh", done.stderr), done.stderr


def test_a_publish_with_a_photo_not_ready_names_it_and_force_publishes_without(
    local_stack: StackProcess, tmp_path: Path
) -> None:
    editor = EditorClient(local_stack.api_url, local_stack.token("editor"))
    try:
        article = editor.create_article(
            {
                "title": "Thông báo lịch tiếp công dân tháng 12",
                "body": "Lịch tiếp công dân của lãnh đạo Sở.\n\n![Lịch](lich.jpg)\n",
                "category": "thong-bao",
                "author": "Văn phòng Sở",
            }
        )
        waiting = editor.http.post(
            f"/articles/{article['id']}/photos", json={"name": "lich.jpg", "caption": "Lịch"}
        )
        waiting.raise_for_status()
    finally:
        editor.close()

    refused = _refused(
        _newsroom(local_stack, "editor", "articles", "publish", article["id"], language="")
    )
    assert refused.startswith("newsroom: chưa xuất bản: các ảnh sau chưa sẵn sàng:\n  lich.jpg ")
    assert "thêm --force để xuất bản không có chúng" in refused

    out = _succeeds(
        _newsroom(local_stack, "editor", "articles", "publish", article["id"], "--force")
    )
    assert out.startswith("published  ")
    wait_for_page(out.split()[-1])


def test_front_matter_mistakes_are_explained_and_nothing_is_guessed(
    local_stack: StackProcess, tmp_path: Path
) -> None:
    article_file = _article_file(tmp_path, "Thông báo lịch nghỉ Tết Nguyên đán")
    text = article_file.read_text(encoding="utf-8")
    for change, said in (
        (("summary:", "sumary:"), "line 3: `sumary`: did you mean `summary`?"),
        (("    caption:", "    captoin:"), "line 10: photo 1: `captoin`: did you mean `caption`?"),
        (
            ("Thông báo lịch nghỉ", "Thông báo: lịch nghỉ"),
            "line 2: the front matter cannot be read: a value holds `: `, which YAML reads as "
            'another key. Put the value in double quotes:\n    title: "Thông báo: lịch nghỉ Tết',
        ),
        (("---\nSáng", "Sáng"), "the front matter opens with `---` on line 1 but is never closed"),
    ):
        article_file.write_text(text.replace(*change), encoding="utf-8")
        assert said in _refused(_newsroom(local_stack, "editor", "publish", str(article_file)))
    article_file.write_text(text, encoding="utf-8")

    refused = _refused(
        _newsroom(local_stack, "editor", "publish", str(article_file), "--at", "2020-02-01T07:00")
    )
    assert (
        "--at 2020-02-01T07:00 (01/02/2020 07:00) is in the past: to publish now, use --now"
        in refused
    )
    assert "id:" not in article_file.read_text(encoding="utf-8")
    out = _succeeds(
        _newsroom(
            local_stack, "editor", "publish", str(article_file), "--at", "2020-02-01T07:00", "--now"
        )
    )
    assert out.startswith("published  ")
    article_id = front_matter_value(article_file, "id")

    copy = tmp_path / "ban-sao.md"
    copy.write_text(text, encoding="utf-8")
    refused = _refused(_newsroom(local_stack, "editor", "publish", str(copy)))
    assert (
        f"an article with the same title and body is already in the newsroom: {article_id}"
        in refused
    )
    assert "Add --yes to go ahead without being asked." in refused
    assert "id:" not in copy.read_text(encoding="utf-8")
    _succeeds(_newsroom(local_stack, "editor", "publish", str(copy), "--yes"))
    assert front_matter_value(copy, "id") != article_id


def test_the_command_speaks_vietnamese_unless_asked_otherwise(
    local_stack: StackProcess, tmp_path: Path
) -> None:
    article_file = _article_file(tmp_path, "Hội nghị tổng kết công tác năm 2026")
    done = _newsroom(local_stack, "reporter", "publish", str(article_file), language="")
    assert _succeeds(done).startswith("nháp  (chưa có trên trang; địa chỉ của bài: ")
    article_id = front_matter_value(article_file, "id")

    refused = _refused(
        _newsroom(local_stack, "reporter", "articles", "publish", article_id, language="")
    )
    assert refused.startswith("newsroom: 403 ")
    assert "Only editor" not in refused  # the API's problem, in Vietnamese too

    english = local_stack.cli(
        "articles",
        "publish",
        article_id,
        environment={
            **NO_LOCALE,
            "NEWSROOM_API": local_stack.api_url,
            "NEWSROOM_TOKEN": local_stack.token("reporter"),
            "LANG": "en_US.UTF-8",
        },
    )
    assert _refused(english).startswith("newsroom: 403 Forbidden: Only editor or admin may publish")
    flagged = _newsroom(
        local_stack, "reporter", "articles", "publish", article_id, "--lang", "en", language=""
    )
    assert _refused(flagged) == english.stderr

    expired = local_stack.cli(
        "articles",
        "list",
        environment={
            **NO_LOCALE,
            "NEWSROOM_API": local_stack.api_url,
            "NEWSROOM_TOKEN": "het-han",
        },
    )
    said = _refused(expired)
    assert said.startswith("newsroom: 401: API không nhận mã đăng nhập (token) của bạn")
    assert "export NEWSROOM_TOKEN=$(newsroom token --role editor)" in said
    assert "Unauthorized" not in said and said.count("\n") == 1


def test_revisions_and_diff_show_who_changed_what(
    local_stack: StackProcess, tmp_path: Path
) -> None:
    article_file = _article_file(tmp_path, "Khánh thành trường học mới ở xã Tân Lập")
    _succeeds(_newsroom(local_stack, "reporter", "publish", str(article_file)))
    article_id = front_matter_value(article_file, "id")
    edit(article_file, "thu hút đông đảo", "thu hút hàng nghìn")
    _succeeds(_newsroom(local_stack, "editor", "publish", str(article_file), "--now"))

    listed = _succeeds(_newsroom(local_stack, "editor", "revisions", article_id)).splitlines()
    assert re.fullmatch(r"   1  local-reporter +\S+ \S+  draft +created", listed[1]), listed
    assert re.fullmatch(r"   2  local-editor .* draft +body", listed[2]), listed
    assert listed[3].endswith("status: draft → published")

    shown = _succeeds(_newsroom(local_stack, "editor", "diff", str(article_file), "1", language=""))
    assert shown.splitlines()[0].startswith("Từ phiên bản 1 (local-reporter, ")
    assert "  trạng thái: nháp → đã xuất bản" in shown
    assert (
        "Sáng 28/11, Ngày hội việc làm thu hút [-đông đảo-]{+hàng nghìn+} người lao động." in shown
    )
    assert "\x1b[" not in shown  # no colour when the output is not a terminal
