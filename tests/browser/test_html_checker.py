"""The HTML check can fail: a page it cannot read, an invalid page, a checker that prints
no report or exits with an error it does not report are all problems, never a pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import java, node_tool
from tests.browser.html_checker import html_problems

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

VALID = (
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Tin</title></head>'
    "<body><p>Nội dung.</p></body></html>"
)
# A block inside a paragraph, and an element HTML does not have.
INVALID = (
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Tin</title></head>'
    "<body><p><div>Nội dung.</p><tin-bai></body></html>"
)


def _vnu() -> list[str]:
    return [java(), "-jar", str(node_tool("vnu-jar", "build", "dist", "vnu.jar"))]


def test_a_valid_page_has_no_problems(tmp_path: Path) -> None:
    page = tmp_path / "hop-le.html"
    page.write_text(VALID, encoding="utf-8")
    assert html_problems(_vnu(), [page]) == []


def test_a_missing_file_and_an_invalid_page_are_problems(tmp_path: Path) -> None:
    valid, invalid = tmp_path / "hop-le.html", tmp_path / "sai.html"
    valid.write_text(VALID, encoding="utf-8")
    invalid.write_text(INVALID, encoding="utf-8")
    problems = html_problems(_vnu(), [valid, tmp_path / "khong-co.html", invalid])
    assert "khong-co.html: not read by the HTML checker" in problems
    assert any(p.startswith("sai.html: ") and "“p”" in p for p in problems), problems
    assert not any(p.startswith("hop-le.html") for p in problems), problems


def test_a_checker_that_prints_no_report_is_a_problem(tmp_path: Path) -> None:
    page = tmp_path / "hop-le.html"
    page.write_text(VALID, encoding="utf-8")
    for silent in (["true"], ["false"]):
        problems = html_problems(silent, [page])
        assert len(problems) == 1 and problems[0].startswith("the HTML checker gave no report")


def test_a_checker_that_exits_with_an_error_it_does_not_report_is_a_problem(
    tmp_path: Path,
) -> None:
    page = tmp_path / "hop-le.html"
    page.write_text(VALID, encoding="utf-8")
    # Lists the file as read, reports no message, and exits 1.
    checker = ["sh", "-c", 'echo "$4"; echo \'{"messages":[]}\' >&2; exit 1', "vnu"]
    assert html_problems(checker, [page]) == ["the HTML checker exited with status 1 and no error"]
