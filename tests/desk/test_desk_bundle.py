"""The desk as built (desk/dist, by `make desk`): within its weight budget, and nothing
inline for the Content-Security-Policy to refuse."""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

DIST = Path(__file__).resolve().parents[2] / "desk" / "dist"
BUDGET_BYTES = 200 * 1024
FIRST_LOAD_BYTES = 60 * 1024


def _built() -> Path:
    if not (DIST / "index.html").exists():
        pytest.fail("desk/dist is missing: run `make desk`")
    return DIST


def _gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.styles: list[str] = []
        self.inline: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "script":
            self.scripts.append(named)
        if tag == "style":
            self.inline.append("<style>")
        if tag == "link" and named.get("rel") == "stylesheet":
            self.styles.append(str(named["href"]))
        if "style" in named or any(name.startswith("on") for name in named):
            self.inline.append(f"<{tag}> with an inline style or handler")


def test_all_scripts_and_styles_weigh_at_most_200_kb_compressed() -> None:
    files = [p for p in _built().rglob("*") if p.suffix in {".js", ".css"}]
    total = sum(_gzipped(p) for p in files)
    assert files
    assert total <= BUDGET_BYTES, f"{total} bytes gzipped: " + ", ".join(
        f"{p.name} {_gzipped(p)}" for p in files
    )


def test_the_first_screen_loads_one_script_and_one_stylesheet_without_the_editor() -> None:
    page = _Page()
    page.feed((_built() / "index.html").read_text(encoding="utf-8"))
    assert page.inline == []
    assert len(page.scripts) == 1 and len(page.styles) == 1
    script = page.scripts[0]
    assert script.get("type") == "module" and script.get("src")
    # Hashed names: a new build is a new address, so the files can be cached for a year.
    entry, style = DIST / str(script["src"]), DIST / page.styles[0]
    assert re.search(r"-[A-Z0-9]{8}\.js$", entry.name) and re.search(
        r"-[A-Z0-9]{8}\.css$", style.name
    )
    # What the entry imports statically (the sign-in, the shell and the list) is small;
    # the editor (CodeMirror) comes when an article is opened.
    first = {entry}
    for name in re.findall(r'from"\./([\w-]+\.js)"', entry.read_text(encoding="utf-8")):
        first.add(entry.with_name(name))
    weight = sum(_gzipped(p) for p in first) + _gzipped(style)
    assert weight <= FIRST_LOAD_BYTES, weight
    assert not any("cm-editor" in p.read_text(encoding="utf-8") for p in first)
    assert any("cm-editor" in p.read_text(encoding="utf-8") for p in DIST.rglob("*.js"))
