"""The 422 problem the README and docs/api.md show is the one the API answers, in
Vietnamese by default and in English when asked."""

from __future__ import annotations

import json
import re
from typing import Any

from newsroom_local.template import PROJECT_ROOT

from tests.integration.conftest import Stack
from tests.integration.editorial_helpers import EDITOR, api, create

DOCUMENTED_ID = "01m8fqsj12cyzdgt56pfrapd1g"


def _readme_answers() -> list[dict[str, Any]]:
    """The answers of the README's curl session, in order (each spread over lines)."""
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    session = next(
        block
        for block in re.findall(r"```console\n(.*?)```", readme, re.DOTALL)
        if "curl -s -X PUT" in block
    )
    answers, current = [], ""
    for line in session.splitlines():
        if line.startswith(("$ ", "    -H")):
            if current:
                answers.append(json.loads(current))
            current = ""
        else:
            current += line
    answers.append(json.loads(current))
    return answers


def _api_md_answers() -> list[dict[str, Any]]:
    """The first two JSON examples of docs/api.md's section on errors."""
    text = (PROJECT_ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    errors = text.split("\n## Errors\n", 1)[1]
    return [json.loads(block) for block in re.findall(r"```json\n(.*?)```", errors, re.DOTALL)[:2]]


def test_the_documented_validation_problem_is_what_the_api_answers(stack: Stack) -> None:
    article_id = create(stack, EDITOR).body["id"]
    answered = []
    for language in (None, "en"):
        answer = api(
            stack,
            "PUT",
            "/articles/{id}",
            params={"id": article_id},
            body={"title": "x"},
            claims=EDITOR,
            language=language,
        )
        assert answer.status == 422
        assert answer.content_type == "application/problem+json"
        answered.append({**answer.body, "instance": f"/articles/{DOCUMENTED_ID}"})
    assert answered[0]["title"] == "Dữ liệu không hợp lệ"
    assert answered[1]["title"] == "Unprocessable Content"
    assert _readme_answers() == answered
    assert _api_md_answers() == answered
