"""The `newsroom` command run in-process against the API on moto, as editors use it.

The CLI's HTTP goes through a transport that hands API requests to the ingest handler
(as API Gateway would, with the token's claims, and its bare 401 for a token it does
not know) and anything else (photo uploads and downloads) to moto's S3. Uploads are
processed as the local stack's workers would: when the command reads the photos, the
images function is fed what its queue holds.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import requests
from newsroom_cli import api as cli_api
from newsroom_cli.main import main

from tests.e2e.cli_files import edit, front_matter_value
from tests.integration.conftest import EDITOR, REPORTER, Stack, stack  # noqa: F401
from tests.integration.editorial_helpers import api, create, ingest_module
from tests.photo_samples import iptc_block, jpeg_with_iptc, png_with_size_in_header
from tests.photos import make_jpeg

API = "http://api.newsroom.test"
TOKENS = {"editor-token": EDITOR, "reporter-token": REPORTER}


class StackTransport(httpx.BaseTransport):
    """API requests to the ingest handler; anything else (S3) to moto. Keeps what it sent."""

    def __init__(self, in_process: Stack) -> None:
        self.stack = in_process
        self.sent: list[httpx.Request] = []

    def api_requests(self, method: str | None = None) -> list[httpx.Request]:
        return [
            r
            for r in self.sent
            if str(r.url).startswith(API) and (method is None or r.method == method)
        ]

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        self.sent.append(request)
        if not str(request.url).startswith(API):
            sent = requests.request(
                request.method,
                str(request.url),
                data=body,
                headers=dict(request.headers),
                timeout=10,
            )
            return httpx.Response(
                sent.status_code, headers=dict(sent.headers), content=sent.content
            )
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        if token not in TOKENS:  # API Gateway's JWT authorizer, before any handler
            return httpx.Response(401, json={"message": "Unauthorized"})
        path = request.url.path
        if request.method == "GET" and path.endswith("/photos"):
            self.stack.drain("ImagesFunction")  # the images queue's worker, as it runs locally
        router = ingest_module().router
        for route in router.routes.values():
            params = route.matches(request.method, path)
            if params is not None:
                break
        else:
            return httpx.Response(404, json={"detail": "no route"})
        headers = {k: v for k, v in request.headers.items() if k != "authorization"}
        answer = api(
            self.stack,
            request.method,
            route.path,
            params=params,
            query=dict(request.url.params) or None,
            body=body or None,
            claims=TOKENS[token],
            headers=headers,
        )
        if answer.body is None:
            return httpx.Response(answer.status, headers=answer.headers)
        if isinstance(answer.body, str):
            return httpx.Response(answer.status, headers=answer.headers, text=answer.body)
        return httpx.Response(answer.status, headers=answer.headers, json=answer.body)


@pytest.fixture
def transport(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> StackTransport:  # noqa: F811
    sending = StackTransport(stack)
    monkeypatch.setattr(cli_api, "default_transport", sending)
    monkeypatch.setenv("NEWSROOM_API", API)
    monkeypatch.setenv("NEWSROOM_TOKEN", "editor-token")
    for variable in ("LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("NEWSROOM_LANG", "en")
    return sending


@pytest.fixture
def cli(stack: Stack, transport: StackTransport) -> Stack:  # noqa: F811
    return stack


ARTICLE = """---
title: Khánh thành cầu Bến Lức mới
summary: Cây cầu rút ngắn thời gian đi lại giữa hai huyện.
category: tin-tuc
tags: [giao thông, hạ tầng]
author: Trần Văn Nam
source: Sở Giao thông Vận tải
photos:
  - file: anh/cau.jpg
    caption: Cầu Bến Lức mới nhìn từ trên cao
    alt: Cây cầu bắc qua sông
    credit: Báo tỉnh
  - file: anh/le-cat-bang.jpg
    caption: Lễ cắt băng khánh thành
---
Sáng nay, cầu Bến Lức mới chính thức thông xe.

![Cầu Bến Lức](anh/cau.jpg)

Cầu dài 420 m, rộng 16 m.
"""


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    (tmp_path / "anh").mkdir()
    (tmp_path / "anh" / "cau.jpg").write_bytes(make_jpeg(800, 600))
    (tmp_path / "anh" / "le-cat-bang.jpg").write_bytes(make_jpeg(640, 480))
    path = tmp_path / "cau-ben-luc.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _published(capsys: pytest.CaptureFixture[str], path: Path, *flags: str) -> str:
    """`newsroom publish` of the file, which must succeed; the article's id."""
    code, _, err = _run(capsys, "publish", str(path), *flags)
    assert code == 0, err
    return front_matter_value(path, "id")


def _stored(in_process: Stack, article_id: str) -> dict[str, Any]:
    found: dict[str, Any] = api(in_process, "GET", "/articles/{id}", params={"id": article_id}).body
    return found


def _revisions(in_process: Stack, article_id: str) -> list[dict[str, Any]]:
    answer = api(in_process, "GET", "/articles/{id}/revisions", params={"id": article_id})
    found: list[dict[str, Any]] = answer.body["revisions"]
    return found


def test_publish_creates_the_article_uploads_photos_and_keeps_the_id_and_version(
    cli: Stack, article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "publish", str(article_file))
    assert code == 0, err
    article_id = front_matter_value(article_file, "id")
    assert out.startswith("draft  (not on the site; its address: http://127.0.0.1:8080/tin-tuc/")
    assert "cau.jpg" in err and "uploaded" in err
    written = article_file.read_text(encoding="utf-8")
    assert written == ARTICLE.replace("---\n", f"---\nid: {article_id}\nversion: 1\n", 1)

    stored = _stored(cli, article_id)
    assert stored["title"] == "Khánh thành cầu Bến Lức mới"
    assert "![Cầu Bến Lức](cau.jpg)" in stored["body"]
    assert [(p["name"], p["caption"], p["credit"]) for p in stored["photos"]] == [
        ("cau.jpg", "Cầu Bến Lức mới nhìn từ trên cao", "Báo tỉnh"),
        ("le-cat-bang.jpg", "Lễ cắt băng khánh thành", ""),
    ]
    originals = cli.client("s3").list_objects_v2(
        Bucket=cli.env.ref("ContentBucket"), Prefix=f"originals/{article_id}/"
    )
    assert sorted(o["Key"].rsplit("/", 1)[-1] for o in originals["Contents"]) == [
        "cau.jpg",
        "le-cat-bang.jpg",
    ]


def test_publishing_again_updates_the_same_article_and_makes_it_live(
    cli: Stack, article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article_id = _published(capsys, article_file)
    edit(article_file, "Cầu dài 420 m", "Cầu dài 450 m")

    code, out, err = _run(capsys, "publish", str(article_file), "--now")
    assert code == 0, err
    assert re.fullmatch(
        r"published  http://127\.0\.0\.1:8080/tin-tuc/khanh-thanh-cau-ben-luc-moi-\w+/\n", out
    )
    stored = _stored(cli, article_id)
    assert "450 m" in stored["body"]
    assert stored["status"] == "published"
    assert front_matter_value(article_file, "version") == str(stored["version"])
    listed = api(cli, "GET", "/articles").body["articles"]
    assert [a["id"] for a in listed] == [article_id]


def test_publish_at_a_later_time_schedules_it(
    cli: Stack, article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    year = datetime.now(UTC).year + 1
    code, out, _ = _run(capsys, "publish", str(article_file), "--at", f"{year}-01-02T07:30")
    assert code == 0
    assert out.startswith(f"scheduled for 02/01/{year} 07:30  http://127.0.0.1:8080/tin-tuc/")


def test_articles_commands_walk_an_article_through_its_life(
    cli: Stack, article_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    monkeypatch.setenv("NEWSROOM_TOKEN", "reporter-token")
    article_id = _published(capsys, article_file)

    code, out, _ = _run(capsys, "articles", "list")
    assert code == 0
    assert re.match(rf"{article_id}  draft\s+\d\d/\d\d/\d{{4}} \d\d:\d\d  Khánh thành", out)

    code, out, _ = _run(capsys, "articles", "show", article_id)
    assert "  status    draft" in out
    assert re.search(r"photo     cau\.jpg +ready  Cầu Bến Lức mới nhìn từ trên cao", out), out

    assert _run(capsys, "articles", "submit", article_id)[1].startswith("in_review")
    code, _, err = _run(capsys, "articles", "publish", article_id)
    assert code == 1
    assert err.startswith("newsroom: 403 Forbidden: Only editor or admin may publish")

    token = ["--token", "editor-token"]
    assert _run(capsys, "articles", "publish", article_id, *token)[1].startswith("published")
    code, out, _ = _run(capsys, "articles", "list", "--status", "published", *token)
    assert article_id in out
    assert _run(capsys, "articles", "unpublish", article_id, *token)[1].startswith("unpublished")
    code, out, _ = _run(capsys, "articles", "delete", article_id, "--yes", *token)
    assert (code, out) == (0, f"deleted {article_id}\n")
    code, _, err = _run(capsys, "articles", "show", article_id, *token)
    assert code == 1
    assert err == f"newsroom: 404 Not Found: No article has the id '{article_id}'.\n"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace("---\ntitle", "title", 1), "has no front matter"),
        (lambda t: t.replace("\n---\nSáng", "\nSáng"), "the front matter opens with `---`"),
        (lambda t: t.replace("tags: [giao", "tags: [[giao"), "line 5: the front matter cannot"),
        (lambda t: t.replace("summary:", "sumary:"), "line 3: `sumary`: did you mean `summary`?"),
        (lambda t: t.replace("    caption: Lễ", "    captoin: Lễ"), "photo 2: `captoin`: did"),
        (lambda t: t.replace("anh/cau.jpg\n", "anh/mat.jpg\n"), "photo 1: no file at"),
        # What the API refuses is said at its line, as the file's own mistakes are.
        (
            lambda t: t.replace("category: tin-tuc", "category: khong-co"),
            "cau-ben-luc.md, line 4: category: unknown category 'khong-co'; the site's categ",
        ),
        (
            lambda t: t.replace("tags: [giao thông, hạ tầng]", 'tags:\n  - a\n  - "b\\u200bc"'),
            "cau-ben-luc.md, line 7: tags[1]: contains U+200B ZERO WIDTH SPACE",
        ),
    ],
)
def test_mistakes_are_a_short_block_and_a_non_zero_exit(
    cli: Stack,
    article_file: Path,
    capsys: pytest.CaptureFixture[str],
    change: Any,
    message: str,
) -> None:
    article_file.write_text(change(article_file.read_text(encoding="utf-8")), encoding="utf-8")
    code, out, err = _run(capsys, "publish", str(article_file))
    assert code == 1
    assert err.startswith("newsroom: ") and err.count("\n") <= 3
    assert message in err
    assert "Traceback" not in err + out


def test_an_unreachable_api_is_one_line(
    capsys: pytest.CaptureFixture[str], article_file: Path
) -> None:
    code, _, err = _run(
        capsys, "articles", "list", "--api", "http://127.0.0.1:9", "--token", "t", "--lang", "en"
    )
    assert code == 1
    assert err.startswith("newsroom: cannot reach the API at http://127.0.0.1:9")
    assert err.count("\n") == 1


def test_a_processed_photo_is_not_uploaded_again_and_its_new_caption_is_sent(
    cli: Stack, article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "publish", str(article_file), "--now")[0] == 0
    for function in ("ImagesFunction", "RenderFunction"):
        cli.drain(function)
    article_id = front_matter_value(article_file, "id")
    edit(article_file, "caption: Lễ cắt băng khánh thành", "caption: Lễ cắt băng sáng 28/11")
    code, out, err = _run(capsys, "publish", str(article_file))
    assert code == 0, err
    assert re.search(r"cau\.jpg +ready  Cầu Bến Lức mới nhìn từ trên cao", err)
    assert "le-cat-bang.jpg          caption, alt text or credit changed" in err
    assert "uploaded" not in err
    assert out.startswith("published  ")
    photos = api(cli, "GET", "/articles/{id}/photos", params={"id": article_id}).body["photos"]
    assert [(p["caption"], p["status"]) for p in photos] == [
        ("Cầu Bến Lức mới nhìn từ trên cao", "ready"),
        ("Lễ cắt băng sáng 28/11", "ready"),
    ]
    assert front_matter_value(article_file, "version") == str(_stored(cli, article_id)["version"])


class LosesTheFirstAnswerToACreate(httpx.BaseTransport):
    """Delivers every request, but the answer to the first `POST /articles` is lost."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.creates: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.method == "POST" and request.url.path == "/articles":
            self.creates.append(request.headers["idempotency-key"])
            if len(self.creates) == 1:
                raise httpx.ReadTimeout("the answer was lost", request=request)
        return response


def test_a_create_whose_answer_is_lost_is_retried_and_done_once(
    cli: Stack, article_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    flaky = LosesTheFirstAnswerToACreate(StackTransport(cli))
    monkeypatch.setattr(cli_api, "default_transport", flaky)
    code, _, err = _run(capsys, "publish", str(article_file))
    assert code == 0, err
    assert len(flaky.creates) == 2 and flaky.creates[0] == flaky.creates[1]
    listed = api(cli, "GET", "/articles").body["articles"]
    assert [a["id"] for a in listed] == [front_matter_value(article_file, "id")]


# -- no lost edit -------------------------------------------------------------------------


def test_every_save_sends_the_version_the_file_was_in_step_with(
    cli: Stack, transport: StackTransport, article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "publish", str(article_file))[0] == 0
    assert front_matter_value(article_file, "version") == "1"
    edit(article_file, "Cầu dài 420 m", "Cầu dài 450 m")
    assert _run(capsys, "publish", str(article_file))[0] == 0
    [save] = transport.api_requests("PUT")
    assert save.headers["If-Match"] == '"1"'
    assert front_matter_value(article_file, "version") == "2"


def test_an_out_of_date_file_is_refused_with_what_changed_and_how_to_merge(
    cli: Stack, article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article_id = _published(capsys, article_file, "--now")
    older_copy = article_file.with_name("ban-cua-b.md")
    older_copy.write_text(article_file.read_text(encoding="utf-8"), encoding="utf-8")

    edit(article_file, "giữa hai huyện.", "giữa hai huyện và thành phố.")
    code, _, err = _run(capsys, "publish", str(article_file))  # editor A
    assert code == 0, err
    edit(older_copy, "Cầu dài 420 m", "Cầu dài 430 m")
    code, out, err = _run(capsys, "publish", str(older_copy))  # editor B, from the old copy
    assert code == 1
    assert out == ""
    assert f"newsroom: {older_copy} is out of date: it was last in step with version 2" in err
    assert "article is at version 3 (last saved by bien.tap). Nothing was saved." in err
    assert "  summary: Cây cầu rút ngắn thời gian đi lại giữa hai huyện{+ và thành phố+}." in err
    assert f"`newsroom pull {older_copy} --yes`" in err
    assert "Traceback" not in err
    assert "thành phố" in _stored(cli, article_id)["summary"]
    assert "420 m" in _stored(cli, article_id)["body"]

    code, _, err = _run(capsys, "pull", str(older_copy))
    assert code == 1
    assert f"{older_copy} has changes the server does not have (body)" in err
    assert "Add --yes" in err
    code, out, err = _run(capsys, "pull", str(older_copy), "--yes")
    assert code == 0, err
    assert out == f"wrote {older_copy}: version 3, 2 photo(s), 0 downloaded\n"
    assert "thành phố" in older_copy.read_text(encoding="utf-8")
    assert "version: 3" in older_copy.read_text(encoding="utf-8")
    assert "![Cầu Bến Lức](anh/cau.jpg)" in older_copy.read_text(encoding="utf-8")

    edit(older_copy, "Cầu dài 420 m", "Cầu dài 430 m")
    code, out, err = _run(capsys, "publish", str(older_copy))
    assert code == 0, err
    stored = _stored(cli, article_id)
    assert "430 m" in stored["body"] and "thành phố" in stored["summary"]


def test_a_file_behind_only_in_status_is_still_in_step(
    cli: Stack, article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article_id = _published(capsys, article_file)
    assert _run(capsys, "articles", "submit", article_id)[0] == 0
    edit(article_file, "Cầu dài 420 m", "Cầu dài 450 m")
    code, out, err = _run(capsys, "publish", str(article_file))
    assert code == 0, err
    assert out.startswith("in_review")
    assert "450 m" in _stored(cli, article_id)["body"]


def test_publishing_an_unchanged_file_sends_nothing_and_says_so(
    cli: Stack, transport: StackTransport, article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article_id = _published(capsys, article_file)
    revisions = _revisions(cli, article_id)
    transport.sent.clear()
    code, out, err = _run(capsys, "publish", str(article_file))
    assert code == 0, err
    assert "nothing changed since version 1: nothing sent" in err
    assert out.startswith("draft  ")
    assert [r.method for r in transport.api_requests()] == ["GET", "GET"]
    assert _revisions(cli, article_id) == revisions


def test_pull_writes_the_article_into_a_new_file_with_its_photos(
    cli: Stack, article_file: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article_id = _published(capsys, article_file)
    elsewhere = tmp_path / "may-khac"
    elsewhere.mkdir()
    code, out, err = _run(capsys, "pull", article_id, "--out", str(elsewhere / "bai.md"))
    assert code == 0, err
    assert out == f"wrote {elsewhere / 'bai.md'}: version 1, 2 photo(s), 2 downloaded\n"
    assert (elsewhere / "cau.jpg").read_bytes() == (
        article_file.parent / "anh/cau.jpg"
    ).read_bytes()
    written = (elsewhere / "bai.md").read_text(encoding="utf-8")
    assert written.startswith(f"---\nid: {article_id}\nversion: 1\ntitle: Khánh thành")
    assert "  - file: cau.jpg\n    caption: Cầu Bến Lức mới nhìn từ trên cao\n" in written
    code, _, err = _run(capsys, "publish", str(elsewhere / "bai.md"))
    assert code == 0, err
    assert "nothing changed since version 1" in err


# -- photos follow the file ------------------------------------------------------------------


def test_a_photo_removed_from_the_file_is_removed_from_the_article(
    cli: Stack, article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article_id = _published(capsys, article_file, "--now")
    edit(article_file, "  - file: anh/le-cat-bang.jpg\n    caption: Lễ cắt băng khánh thành\n", "")

    code, _, err = _run(capsys, "publish", str(article_file))
    assert code == 1
    assert "the file no longer lists le-cat-bang.jpg" in err and "Add --yes" in err
    assert len(_stored(cli, article_id)["photos"]) == 2

    code, _, err = _run(capsys, "publish", str(article_file), "--yes")
    assert code == 0, err
    assert "le-cat-bang.jpg          removed from the article" in err
    assert [p["name"] for p in _stored(cli, article_id)["photos"]] == ["cau.jpg"]


def test_the_photos_follow_the_files_order_and_the_first_leads(
    cli: Stack, transport: StackTransport, article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article_id = _published(capsys, article_file, "--now")
    assert [p["name"] for p in _stored(cli, article_id)["photos"]] == ["cau.jpg", "le-cat-bang.jpg"]
    first = "  - file: anh/cau.jpg\n    caption: Cầu Bến Lức mới nhìn từ trên cao\n"
    first += "    alt: Cây cầu bắc qua sông\n    credit: Báo tỉnh\n"
    second = "  - file: anh/le-cat-bang.jpg\n    caption: Lễ cắt băng khánh thành\n"
    edit(article_file, first + second, second + first)

    transport.sent.clear()
    code, _, err = _run(capsys, "publish", str(article_file))
    assert code == 0, err
    assert "photos put in the file's order: le-cat-bang.jpg, cau.jpg" in err
    assert "uploaded" not in err
    [sent] = transport.api_requests("PUT")
    assert sent.url.path == f"/articles/{article_id}/photo-order"
    stored = _stored(cli, article_id)
    assert [p["name"] for p in stored["photos"]] == ["le-cat-bang.jpg", "cau.jpg"]
    assert _revisions(cli, article_id)[-1]["action"] == "photos"
    assert front_matter_value(article_file, "version") == str(stored["version"])

    code, _, err = _run(capsys, "publish", str(article_file))
    assert code == 0, err
    assert f"nothing changed since version {stored['version']}: nothing sent" in err


class Terminal(io.StringIO):
    """What the editor types, on a terminal."""

    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_editor_is_asked_and_no_means_nothing_is_done(
    cli: Stack, article_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    article_id = _published(capsys, article_file, "--now")
    edit(article_file, "  - file: anh/le-cat-bang.jpg\n    caption: Lễ cắt băng khánh thành\n", "")

    monkeypatch.setattr("sys.stdin", Terminal("k\n"))
    code, _, err = _run(capsys, "publish", str(article_file), "--lang", "vi")
    assert code == 1
    assert err == (
        "Bài đang ở trạng thái đã xuất bản: gỡ le-cat-bang.jpg khỏi bài và khỏi trang? [c/K] "
        "newsroom: chưa làm gì\n"
    )
    assert len(_stored(cli, article_id)["photos"]) == 2

    monkeypatch.setattr("sys.stdin", Terminal("c\n"))
    code, _, err = _run(capsys, "publish", str(article_file), "--lang", "vi")
    assert code == 0, err
    assert [p["name"] for p in _stored(cli, article_id)["photos"]] == ["cau.jpg"]


def test_an_image_the_photos_do_not_list_is_an_error_and_nothing_is_sent(
    cli: Stack, transport: StackTransport, article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(article_file, "![Cầu Bến Lức](anh/cau.jpg)", "![Cầu Bến Lức](anh/cau-moi.jpg)")
    code, _, err = _run(capsys, "publish", str(article_file))
    assert code == 1
    assert err == (
        f"newsroom: {article_file}, line 18: the body shows the image `anh/cau-moi.jpg`, which "
        "`photos:` does not list; the site would leave it out: add it under `photos:` "
        "(`- file: anh/cau-moi.jpg` with its `caption:`)\n"
    )
    assert transport.sent == []


# -- photos checked before upload, and their processing shown -------------------------------


# Pillow warns of the 108-megapixel header before the check refuses it (the command, in a
# process of its own, silences that warning once; pytest brings warnings back for each test).
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_photos_the_newsroom_cannot_use_are_refused_before_anything_is_sent(
    cli: Stack, transport: StackTransport, article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = article_file.parent / "anh"
    (folder / "cau.jpg").write_bytes(make_jpeg(800, 600) + b"\0" * (44 * 1024 * 1024))
    (folder / "le-cat-bang.jpg").write_text("Đây không phải là ảnh.", encoding="utf-8")
    (folder / "toan-canh.png").write_bytes(png_with_size_in_header(12_000, 9_000))
    edit(
        article_file, "---\nSáng", "  - file: anh/toan-canh.png\n    caption: Toàn cảnh\n---\nSáng"
    )

    code, _, err = _run(capsys, "publish", str(article_file))
    assert code == 1
    assert err.splitlines() == [
        "newsroom: photo anh/cau.jpg: the file is 44.0 MB; at most 25 MB are accepted",
        "photo anh/le-cat-bang.jpg: by its content, the file is not a JPEG, PNG, WebP or HEIC "
        "photo (whatever its name says)",
        err.splitlines()[2],
    ]
    assert err.splitlines()[2].startswith("photo anh/toan-canh.png: ")
    assert "12000×9000" in err and "108 megapixels" in err and "100 megapixels" in err
    assert transport.sent == []


def test_uploaded_photos_are_watched_until_ready_with_their_caption(
    cli: Stack, article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from_camera = jpeg_with_iptc(iptc_block("Cầu nhìn từ bờ sông Vàm Cỏ"), width=640, height=480)
    (article_file.parent / "anh" / "le-cat-bang.jpg").write_bytes(from_camera)
    edit(article_file, "    caption: Lễ cắt băng khánh thành\n", "")
    code, _, err = _run(capsys, "publish", str(article_file))
    assert code == 0, err
    assert re.search(r"\n  cau\.jpg +ready  Cầu Bến Lức mới nhìn từ trên cao\n", err), err
    assert re.search(
        r"\n  le-cat-bang\.jpg +ready  Cầu nhìn từ bờ sông Vàm Cỏ \(caption from the photo file\)",
        err,
    ), err


def test_a_publish_with_photos_not_ready_names_them_and_force_publishes_without(
    cli: Stack, transport: StackTransport, capsys: pytest.CaptureFixture[str]
) -> None:
    created = api(
        cli,
        "POST",
        "/articles",
        body={
            "title": "Lịch nghỉ Tết",
            "body": "Nghỉ 9 ngày.",
            "category": "thong-bao",
            "author": "Phạm Minh Anh",
        },
    ).body
    api(
        cli,
        "POST",
        "/articles/{id}/photos",
        params={"id": created["id"]},
        body={"name": "lich.jpg", "caption": "Lịch"},
    )

    code, _, err = _run(capsys, "articles", "publish", created["id"])
    assert code == 1
    assert err.startswith("newsroom: not published: these photos are not ready:\n  lich.jpg ")
    assert "add --force to publish without them" in err

    code, out, err = _run(capsys, "articles", "publish", created["id"], "--force")
    assert code == 0, err
    assert out.startswith("published  ")
    assert transport.api_requests("POST")[-1].read() == b'{"force":true}'


def test_a_rejected_photo_is_shown_with_its_reason_in_the_editors_language(
    cli: Stack, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    created = create(cli, EDITOR, title="Sơ đồ hội chợ").body
    form = api(
        cli,
        "POST",
        "/articles/{id}/photos",
        params={"id": created["id"]},
        body={"name": "so-do.jpg"},
    ).body
    cli.upload_photo(form, "Biên bản cuộc họp".encode())
    cli.drain("ImagesFunction")

    code, out, err = _run(capsys, "articles", "show", created["id"])
    assert code == 0, err
    assert re.search(
        r"so-do\.jpg +rejected: the file is not a photo in a supported format "
        r"\(JPEG, PNG, WebP or HEIC\)\n",
        out,
    ), out

    monkeypatch.delenv("NEWSROOM_LANG")
    vietnamese = (
        "bị từ chối: Tệp này không phải là ảnh ở định dạng được hỗ trợ (JPEG, PNG, WebP hoặc HEIC)"
    )
    code, out, err = _run(capsys, "articles", "show", created["id"])
    assert code == 0, err
    assert re.search(rf"so-do\.jpg +{re.escape(vietnamese)}\n", out), out
    code, _, err = _run(capsys, "articles", "publish", created["id"])
    assert code == 1
    assert re.search(rf"\n  so-do\.jpg +{re.escape(vietnamese)}\n", err), err


# -- strict, helpful front matter ------------------------------------------------------------


def test_a_time_in_the_past_is_refused_unless_now_is_meant(
    cli: Stack, transport: StackTransport, article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "publish", str(article_file), "--at", "2020-02-01T07:00")
    assert code == 1
    assert err == (
        "newsroom: --at 2020-02-01T07:00 (01/02/2020 07:00) is in the past: to publish now, "
        "use --now; to schedule, give a time to come\n"
    )
    assert transport.sent == []
    code, out, err = _run(capsys, "publish", str(article_file), "--at", "2020-02-01T07:00", "--now")
    assert code == 0, err
    assert out.startswith("published  ")


def test_a_copy_without_its_id_asks_before_making_a_second_article(
    cli: Stack, article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article_id = _published(capsys, article_file)
    copy = article_file.with_name("ban-sao.md")
    copy.write_text(ARTICLE, encoding="utf-8")

    code, _, err = _run(capsys, "publish", str(copy))
    assert code == 1
    assert (
        f"an article with the same title and body is already in the newsroom: {article_id}" in err
    )
    assert f"`newsroom pull {article_id} --out {copy} --yes`" in err
    assert "Add --yes to go ahead" in err
    assert copy.read_text(encoding="utf-8") == ARTICLE
    assert len(api(cli, "GET", "/articles").body["articles"]) == 1

    code, _, err = _run(capsys, "publish", str(copy), "--yes")
    assert code == 0, err
    assert len(api(cli, "GET", "/articles").body["articles"]) == 2


# -- Vietnamese first ----------------------------------------------------------------------------


def test_the_command_speaks_vietnamese_unless_asked_otherwise(
    cli: Stack,
    transport: StackTransport,
    article_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: Any,
) -> None:
    monkeypatch.delenv("NEWSROOM_LANG")
    code, out, err = _run(capsys, "publish", str(article_file))
    assert code == 0, err
    assert out.startswith("nháp  (chưa có trên trang; địa chỉ của bài: http://127.0.0.1:8080/")
    assert "đã tạo bài " in err
    assert {r.headers["Accept-Language"] for r in transport.api_requests()} == {"vi"}

    transport.sent.clear()
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    code, _, err = _run(capsys, "publish", str(article_file))
    assert "nothing changed since version 1" in err
    assert {r.headers["Accept-Language"] for r in transport.api_requests()} == {"en"}
    code, _, err = _run(capsys, "publish", str(article_file), "--lang", "vi")
    assert "không có gì thay đổi so với phiên bản 1: không gửi gì" in err


def test_an_expired_token_says_how_to_sign_in_again(
    cli: Stack, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    monkeypatch.setenv("NEWSROOM_TOKEN", "expired-token")
    code, _, err = _run(capsys, "articles", "list", "--lang", "vi")
    assert code == 1
    assert err.startswith("newsroom: 401: API không nhận mã đăng nhập (token) của bạn")
    assert "aws cognito-idp initiate-auth" in err and "NEWSROOM_TOKEN" in err
    assert '{"message"' not in err and err.count("\n") == 1


# -- revisions and diff -------------------------------------------------------------------------


def test_revisions_and_diff_show_who_changed_what(
    cli: Stack, article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article_id = _published(capsys, article_file)
    edit(article_file, "title: Khánh thành cầu", "title: Thông xe cầu")
    edit(article_file, "Cầu dài 420 m", "Cầu dài 450 m")
    assert _run(capsys, "publish", str(article_file), "--now")[0] == 0

    code, out, err = _run(capsys, "revisions", article_id)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["#", "saved", "by", "when", "status", "changed"]
    assert re.fullmatch(r"   1  bien\.tap +\d\d/\d\d/\d{4} \d\d:\d\d  draft +created", lines[1])
    assert re.fullmatch(r"   2  bien\.tap .* draft +title, body", lines[2])
    assert lines[3].endswith("published      status: draft → published")

    code, out, err = _run(capsys, "diff", str(article_file), "1")
    assert code == 0, err
    assert out.splitlines() == [
        f"From version 1 (bien.tap, {out.split('(bien.tap, ')[1][:16]}) to version 3, the "
        f"current one (bien.tap, {out.split('(bien.tap, ')[2][:16]}):",
        "  status: draft → published",
        "  title: [-Khánh thành-]{+Thông xe+} cầu Bến Lức mới",
        "  body:",
        "       5  Cầu dài [-420-]{+450+} m, rộng 16 m.",
        "  ([-removed-] {+added+})",
    ]
    code, out, _ = _run(capsys, "diff", article_id, "2", "3")
    assert out.splitlines()[1:] == [
        "  status: draft → published",
        "  no change in the title, summary, body or other fields",
    ]
