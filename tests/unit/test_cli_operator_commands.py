"""The operator's commands (`dev`, `token`, `build`, `rebuild`, `redrive`) speak the
command's language as the editor's commands do: Vietnamese unless asked otherwise."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from newsroom_cli.commands import dev, redrive
from newsroom_cli.main import build_parser, main
from newsroom_cli.messages import say, use_language


@pytest.fixture(autouse=True)
def _vietnamese() -> Iterator[None]:
    use_language("vi")
    yield
    use_language("vi")


def _refusal(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 1
    return capsys.readouterr().err.strip()


def test_their_mistakes_are_said_in_the_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    chunk = ("rebuild", "--table", "bang", "--queue-url", "http://hang-doi", "--chunk", "0")
    assert _refusal(capsys, *chunk, "--lang", "vi") == "newsroom: --chunk phải từ 1 đến 100"
    assert _refusal(capsys, *chunk, "--lang", "en") == (
        "newsroom: --chunk must be between 1 and 100"
    )
    a_file = tmp_path / "site"
    a_file.write_text("not a folder")
    build = ("build", "--out", str(a_file), "--table", "bang")
    assert _refusal(capsys, *build, "--lang", "vi") == (
        f"newsroom: {a_file} đã có và không phải là thư mục"
    )
    assert _refusal(capsys, *build, "--lang", "en") == (
        f"newsroom: {a_file} exists and is not a folder"
    )


def test_what_redrive_reports_about_each_message() -> None:
    article = json.dumps({"article_id": "01m8fqsj12cyzdgt56pfrapd1g", "version": 3})
    rebuild = json.dumps({"rebuild_id": "r1", "part": 2})
    assert [redrive._subject(b) for b in (article, rebuild, "{", "{}")] == [
        "bài 01m8fqsj12cyzdgt56pfrapd1g v3",
        "dựng lại r1, phần 2",
        "thông điệp không đọc được",
        "thông điệp",
    ]
    assert say("redrive.moved", queue="render", count=1) == (
        "render: đã chuyển 1 thông điệp từ hàng đợi thư chết về lại hàng đợi"
    )
    use_language("en")
    assert redrive._subject(article) == "article 01m8fqsj12cyzdgt56pfrapd1g v3"
    assert say("redrive.moved", queue="render", count=1) == (
        "render: moved 1 message(s) back from the dead-letter queue"
    )


def test_dev_says_where_everything_is() -> None:
    ready = say(
        "dev.ready",
        seconds="3,4",
        api="http://127.0.0.1:3000",
        site="http://127.0.0.1:8080",
        cloud="http://127.0.0.1:5055",
        data_dir="/du-an/.newsroom",
        data_dir_flag="",
    )
    assert ready.splitlines()[1:3] == [
        "Hệ thống cục bộ của newsroom đã sẵn sàng sau 3,4 giây",
        "  API           http://127.0.0.1:3000",
    ]
    assert "  Mã đăng nhập  newsroom token --role editor  (hoặc reporter, admin)" in ready
    desk = dev._desk_lines("http://127.0.0.1:3000").splitlines()
    assert desk[0] == "Bàn biên tập:  http://127.0.0.1:3000/desk/"
    assert all(" mật khẩu " in line for line in desk[1:]) and len(desk) == 4
    use_language("en")
    assert dev._desk_lines("http://127.0.0.1:3000").startswith(
        "Desk:       http://127.0.0.1:3000/desk/\n  "
    )


@pytest.mark.parametrize("command", ["dev", "token", "build", "rebuild", "redrive"])
def test_their_help_is_in_the_language(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    for language, words in (("vi", "tùy chọn:"), ("en", "options:")):
        use_language(language)
        with pytest.raises(SystemExit):
            build_parser().parse_args([command, "--help"])
        shown = capsys.readouterr().out
        assert words in shown
        options = shown.split(words, 1)[1]
        # Every option is explained, in that language.
        assert "--lang" in options and ("mặc định" in options) == (language == "vi")
