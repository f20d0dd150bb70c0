"""The Nu HTML Checker (`vnu.jar`, from npm, on the machine's Java), read strictly.

The checker is quiet in ways that look like success: a file it cannot find is only a
warning (dropped altogether with `--errors-only`), and a crash prints a Java stack trace
instead of its report. So a run passes only when the checker printed its JSON report,
listed every file as read (`--verbose` prints each file it reads), reported no error, and
exited 0; anything else is a problem, named.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence
from pathlib import Path

ERROR_TYPES = {"error", "non-document-error"}


def html_problems(command: Sequence[str], files: Sequence[Path]) -> list[str]:
    """What is wrong with `files`, as the checker run by `command` reports it ([] if nothing).

    `command` starts the checker (`java -jar vnu.jar`); the files are given as absolute paths.
    """
    paths = [str(Path(f).resolve()) for f in files]
    result = subprocess.run(
        [*command, "--verbose", "--format", "json", *paths],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        messages = json.loads(result.stderr)["messages"]
    except (ValueError, KeyError, TypeError):
        tail = (result.stderr or result.stdout).strip()[-500:]
        return [f"the HTML checker gave no report (exit status {result.returncode}): {tail!r}"]
    problems = [
        f"{Path(str(m.get('url', '?'))).name}: {m.get('message', m)}"
        for m in messages
        if m.get("type") in ERROR_TYPES or m.get("subType") == "fatal"
    ]
    read = {line.strip() for line in result.stdout.splitlines() if line.strip()}
    problems += [f"{Path(p).name}: not read by the HTML checker" for p in paths if p not in read]
    if result.returncode != 0 and not problems:
        problems.append(f"the HTML checker exited with status {result.returncode} and no error")
    return problems
