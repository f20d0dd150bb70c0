"""`newsroom publish` and `newsroom articles`, run in-process against the API on moto.

The CLI's HTTP goes through a transport that hands API requests to the ingest
handler (as API Gateway would, with the token's claims) and photo uploads to moto's
S3, so these tests need no running stack.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import requests
from newsroom_cli import api as cli_api
from newsroom_cli.main import main

from tests.integration.conftest import EDITOR, REPORTER, Stack, stack  # noqa: F401
from tests.integration.editorial_helpers import api, ingest_module
from tests.photos import make_jpeg

API = "http://api.newsroom.test"
TOKENS = {"editor-token": EDITOR, "reporter-token": REPORTER}


class StackTransport(httpx.BaseTransport):
    """API requests to the ingest handler; anything else (S3 uploads) to moto."""

    def __init__(self, in_process: Stack) -> None:
        self.stack = in_process

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        if str(request.url).startswith(API):
            token = request.headers.get("authorization", "").removeprefix("Bearer ")
            path = request.url.path
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
                claims=TOKENS.get(token, {}),
                headers=headers,
            )
            if answer.body is None:
                return httpx.Response(answer.status, headers=answer.headers)
            if isinstance(answer.body, str):
                return httpx.Response(answer.status, headers=answer.headers, text=answer.body)
            return httpx.Response(answer.status, headers=answer.headers, json=answer.body)
        sent = requests.request(
            request.method, str(request.url), data=body, headers=dict(request.headers), timeout=10
        )
        return httpx.Response(sent.status_code, headers=dict(sent.headers), content=sent.content)


@pytest.fixture
def cli(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> Stack:  # noqa: F811
    monkeypatch.setattr(cli_api, "default_transport", StackTransport(stack))
    monkeypatch.setenv("NEWSROOM_API", API)
    monkeypatch.setenv("NEWSROOM_TOKEN", "editor-token")
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


def _front_matter_id(path: Path) -> str:
    found = re.search(r"^id: (\w+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    assert found, path.read_text(encoding="utf-8")
    return found.group(1)


def test_publish_creates_the_article_uploads_photos_and_keeps_the_id(
    cli: Stack, article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "publish", str(article_file))
    assert code == 0, err
    article_id = _front_matter_id(article_file)
    assert out.startswith("draft  (not on the site; its address: http://127.0.0.1:8080/tin-tuc/")
    assert "cau.jpg" in err and "uploaded" in err
    assert article_file.read_text(encoding="utf-8").replace(f"id: {article_id}\n", "") == ARTICLE

    stored = api(cli, "GET", "/articles/{id}", params={"id": article_id}).body
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
    assert _run(capsys, "publish", str(article_file))[0] == 0
    article_id = _front_matter_id(article_file)
    text = article_file.read_text(encoding="utf-8")
    article_file.write_text(text.replace("Cầu dài 420 m", "Cầu dài 450 m"), encoding="utf-8")

    code, out, err = _run(capsys, "publish", str(article_file), "--publish")
    assert code == 0, err
    assert re.fullmatch(
        r"published  http://127\.0\.0\.1:8080/tin-tuc/khanh-thanh-cau-ben-luc-moi-\w+/\n", out
    )
    stored = api(cli, "GET", "/articles/{id}", params={"id": article_id}).body
    assert "450 m" in stored["body"]
    assert stored["status"] == "published"
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
    assert _run(capsys, "publish", str(article_file))[0] == 0
    article_id = _front_matter_id(article_file)

    code, out, _ = _run(capsys, "articles", "list")
    assert code == 0
    assert re.match(rf"{article_id}  draft\s+\d\d/\d\d/\d{{4}} \d\d:\d\d  Khánh thành", out)

    code, out, _ = _run(capsys, "articles", "show", article_id)
    assert "  status    draft" in out
    assert "photo     cau.jpg: awaiting_upload  Cầu Bến Lức mới nhìn từ trên cao" in out

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
        (lambda t: t.replace("tags: [giao", "tags: [[giao"), "front matter is not valid YAML"),
        (lambda t: t.replace("anh/cau.jpg\n", "anh/mat.jpg\n"), "photos[0]: no file at"),
        (lambda t: t.replace("category: tin-tuc", "category: khong-co"), "422 Unprocessable"),
    ],
)
def test_mistakes_are_one_line_and_a_non_zero_exit(
    cli: Stack,
    article_file: Path,
    capsys: pytest.CaptureFixture[str],
    change: Any,
    message: str,
) -> None:
    article_file.write_text(change(article_file.read_text(encoding="utf-8")), encoding="utf-8")
    code, out, err = _run(capsys, "publish", str(article_file))
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("newsroom: ")
    assert message in err
    assert "Traceback" not in err + out


def test_an_unreachable_api_is_one_line(
    capsys: pytest.CaptureFixture[str], article_file: Path
) -> None:
    code, _, err = _run(capsys, "articles", "list", "--api", "http://127.0.0.1:9", "--token", "t")
    assert code == 1
    assert err.startswith("newsroom: cannot reach the API at http://127.0.0.1:9")
    assert err.count("\n") == 1


def test_a_processed_photo_is_not_uploaded_again_and_its_new_caption_is_sent(
    cli: Stack, article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "publish", str(article_file), "--publish")[0] == 0
    for function in ("ImagesFunction", "RenderFunction"):
        cli.drain(function)
    article_id = _front_matter_id(article_file)
    text = article_file.read_text(encoding="utf-8")
    article_file.write_text(
        text.replace("caption: Lễ cắt băng khánh thành", "caption: Lễ cắt băng sáng 28/11"),
        encoding="utf-8",
    )
    code, out, err = _run(capsys, "publish", str(article_file))
    assert code == 0, err
    assert "cau.jpg                  unchanged" in err
    assert "le-cat-bang.jpg          unchanged" in err
    assert "uploaded" not in err
    assert out.startswith("published  ")
    photos = api(cli, "GET", "/articles/{id}/photos", params={"id": article_id}).body["photos"]
    assert [(p["caption"], p["status"]) for p in photos] == [
        ("Cầu Bến Lức mới nhìn từ trên cao", "ready"),
        ("Lễ cắt băng sáng 28/11", "ready"),
    ]


class LosesTheFirstAnswer(httpx.BaseTransport):
    """Delivers every request, but the first answer is lost on the way back."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.sent: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        self.sent.append(request.headers.get("idempotency-key", ""))
        if len(self.sent) == 1:
            raise httpx.ReadTimeout("the answer was lost", request=request)
        return response


def test_a_create_whose_answer_is_lost_is_retried_and_done_once(
    cli: Stack, article_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    flaky = LosesTheFirstAnswer(StackTransport(cli))
    monkeypatch.setattr(cli_api, "default_transport", flaky)
    code, _, err = _run(capsys, "publish", str(article_file))
    assert code == 0, err
    assert flaky.sent[0] == flaky.sent[1] != ""
    listed = api(cli, "GET", "/articles").body["articles"]
    assert [a["id"] for a in listed] == [_front_matter_id(article_file)]
