"""Article files as the CLI tests read and change them: a front matter value, an edit."""

from __future__ import annotations

import re
from pathlib import Path


def front_matter_value(path: Path, key: str) -> str:
    """The value of a one-word key of the file's front matter (`id`, `version`)."""
    text = path.read_text(encoding="utf-8")
    found = re.search(rf"^{key}: (\w+)$", text, re.MULTILINE)
    assert found, text
    return found.group(1)


def edit(path: Path, old: str, new: str) -> None:
    """Change the file as an editor would, replacing text that must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")
