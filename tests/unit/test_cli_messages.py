"""The command line's languages: which one is spoken, and catalogues that say the same things."""

from __future__ import annotations

import ast
import errno
import socket
import string
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from newsroom_cli.messages import (
    catalogue,
    cause,
    choose_language,
    decimal,
    language_in_arguments,
    languages,
    say,
    use_language,
)
from newsroom_cli.parser import translated_mistake

CLI = Path(__file__).resolve().parents[2] / "cli" / "newsroom_cli"


@pytest.fixture(autouse=True)
def _vietnamese() -> Iterator[None]:
    use_language("vi")
    yield
    use_language("vi")


@pytest.mark.parametrize(
    ("flag", "environment", "spoken"),
    [
        (None, {}, "vi"),
        (None, {"LANG": "C.UTF-8"}, "vi"),
        (None, {"LANG": "en_US.UTF-8"}, "en"),
        (None, {"LC_ALL": "en_GB.UTF-8", "LANG": "vi_VN.UTF-8"}, "en"),
        (None, {"LC_ALL": "vi_VN.UTF-8", "LANG": "en_US.UTF-8"}, "vi"),
        (None, {"LC_MESSAGES": "en_US", "LANG": "vi_VN"}, "en"),
        (None, {"NEWSROOM_LANG": "vi", "LANG": "en_US.UTF-8"}, "vi"),
        (None, {"NEWSROOM_LANG": "en"}, "en"),
        (None, {"NEWSROOM_LANG": "fr", "LANG": "en_US.UTF-8"}, "vi"),
        ("en", {"NEWSROOM_LANG": "vi"}, "en"),
        ("vi", {"LANG": "en_US.UTF-8"}, "vi"),
    ],
)
def test_the_language_is_the_flag_then_newsroom_lang_then_the_locale(
    flag: str | None, environment: dict[str, str], spoken: str
) -> None:
    assert choose_language(flag, environment) == spoken


def test_the_flag_is_found_before_the_arguments_are_parsed() -> None:
    assert language_in_arguments(["publish", "bai.md", "--lang", "en"]) == "en"
    assert language_in_arguments(["--lang=en", "articles", "list"]) == "en"
    assert language_in_arguments(["publish", "bai.md"]) is None


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_catalogue_has_every_message_with_the_same_parameters() -> None:
    assert languages() == ("vi", "en")
    vietnamese = catalogue("vi")
    for code in languages():
        other = catalogue(code)
        assert other.keys() == vietnamese.keys(), code
        for key, text in other.items():
            assert _fields(text) == _fields(vietnamese[key]), (code, key)


def _used_message_ids() -> set[str]:
    used = set()
    for module in CLI.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "say"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                used.add(str(node.args[0].value))
    return used


def test_every_message_the_command_says_is_in_the_catalogues() -> None:
    used = _used_message_ids()
    assert len(used) > 100
    assert used <= catalogue("vi").keys()


def test_numbers_are_written_as_the_language_writes_them() -> None:
    assert decimal(44.04) == "44,0" and decimal(1234.5, 2) == "1.234,50"
    use_language("en")
    assert decimal(44.04) == "44.0" and decimal(1234.5, 2) == "1,234.50"


def test_argparse_complaints_are_said_in_the_language() -> None:
    assert translated_mistake("the following arguments are required: ARTICLE.md") == (
        "còn thiếu: ARTICLE.md"
    )
    assert translated_mistake("argument --at: expected one argument") == "--at cần một giá trị"
    use_language("en")
    assert translated_mistake("unrecognized arguments: --sumary") == (
        "not an argument of this command: --sumary"
    )
    assert say("status.in_review") == "in_review"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_why_a_connection_failed_is_said_in_the_language() -> None:
    with pytest.raises(httpx.ConnectError) as refused:
        httpx.get(f"http://127.0.0.1:{_closed_port()}/articles")
    assert cause(refused.value) == "kết nối bị từ chối: không có gì đang chờ ở địa chỉ đó"
    unknown_host = httpx.ConnectError("lookup failed")
    unknown_host.__cause__ = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    assert cause(unknown_host) == "không tìm thấy máy chủ có tên này"
    use_language("en")
    assert cause(refused.value) == "connection refused: nothing is listening at that address"
    assert cause(OSError(errno.ENOSPC, "No space left on device")) == "the disk is full"
    # What has no words of ours keeps its own.
    assert cause(httpx.RemoteProtocolError("Server disconnected")) == "Server disconnected"
