"""The local stack under injected AWS faults, with several workers per queue.

- 200 create, update, publish and unpublish operations while a fixed share of S3,
  DynamoDB, SQS and CloudFront calls fail (throttling, 5xx, timeouts). After the
  queues drain and the dead-letter queues are redriven once, the site bucket equals
  a fresh `newsroom build` of the database byte for byte, and no accepted article
  is missing.
- 50 articles published at once into one category: every listing, feed and sitemap
  agrees with the database.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from newsroom_local.launch import StackProcess

from tests.reliability.local_stack import (
    NO_DIFFERENCE,
    Editor,
    differences,
    draft,
    fresh_build,
    newsroom,
    set_visibility,
    site_bucket,
    wait_until_drained,
)

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.xdist_group("reliability_faults")]

SEED = 7
FAULTS = f"seed={SEED},rate=0.05,services=s3+dynamodb+sqs+cloudfront"
WORKERS = 3
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "reliability"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StackProcess]:
    data_dir: Path = tmp_path_factory.mktemp("newsroom-faults")
    with StackProcess.start(
        data_dir, demo=False, extra_args=("--faults", FAULTS, "--workers", str(WORKERS))
    ) as running:
        # A failed message is seen again in seconds, not after Lambda's six timeouts.
        set_visibility(running, 60)
        yield running


@pytest.fixture
def editor(stack: StackProcess) -> Iterator[Editor]:
    client = Editor(stack, stack.token("editor"))
    yield client
    client.close()


def _settle(stack: StackProcess) -> str:
    """Drain, redrive the dead letters once, drain again; the redrive report."""
    wait_until_drained(stack)
    report = newsroom(stack, "redrive")
    wait_until_drained(stack)
    return report


def _published_ids(editor: Editor) -> dict[str, str]:
    """Every article's status, as the API lists them."""
    found: dict[str, str] = {}
    cursor = ""
    while True:
        params = {"limit": "100", **({"cursor": cursor} if cursor else {})}
        answer = editor.call("GET", "/articles", params=params).json()
        found.update({a["id"]: a["status"] for a in answer["articles"]})
        cursor = answer.get("next_cursor") or ""
        if not cursor:
            return found


def test_two_hundred_operations_under_faults_leave_the_site_as_a_fresh_build(
    stack: StackProcess, editor: Editor, tmp_path: Path
) -> None:
    chance = random.Random(SEED)  # noqa: S311 - a repeatable plan, not a secret
    accepted: dict[str, dict[str, Any]] = {}

    def create(n: int) -> None:
        answer = editor.call("POST", "/articles", json=draft(f"Tin thử lỗi số {n}"))
        if answer.status_code == 201:
            accepted[answer.json()["id"]] = {"etag": answer.headers["ETag"], "n": n}

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(create, range(50)))
    ids = sorted(accepted)

    plan: list[tuple[str, str]] = [("update", i) for i in ids]
    plan += [("publish", chance.choice(ids)) for _ in range(70)]
    plan += [("unpublish", chance.choice(ids)) for _ in range(30)]
    chance.shuffle(plan)

    def operate(step: tuple[str, str]) -> int:
        action, article_id = step
        if action == "update":
            current = editor.call("GET", f"/articles/{article_id}")
            body = draft(f"Tin thử lỗi số {accepted[article_id]['n']} (đã sửa)")
            answer = editor.call(
                "PUT",
                f"/articles/{article_id}",
                json=body,
                headers={"If-Match": current.headers["ETag"]},
            )
        else:
            answer = editor.call("POST", f"/articles/{article_id}/{action}")
        return answer.status_code

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(operate, plan))
    assert len(plan) + 50 >= 200
    # Faults are retried by the clients and the editors: no operation ends in a 5xx.
    assert [s for s in statuses if s >= 500] == []

    report = _settle(stack)
    stored = _published_ids(editor)
    assert set(ids) <= set(stored), "an accepted article is missing"
    assert any(status == "published" for status in stored.values())

    site = site_bucket(stack)
    built = fresh_build(stack, tmp_path / "built")
    assert differences(site, built) == NO_DIFFERENCE, report

    # The faults did happen: each is a line of the stack's log ("fault: <kind> <call>").
    faults = Counter(re.findall(r"fault: (\S+) (\S+)", stack.output()))
    assert sum(faults.values()) > 0
    summary = {
        "plan": FAULTS,
        "operations": len(statuses) + 50,
        "statuses": dict(Counter(str(s) for s in statuses)),
        "articles": len(ids),
        "faults": {f"{kind} {call}": n for (kind, call), n in sorted(faults.items())},
        "redrive": report,
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "faults.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False))


def test_fifty_articles_published_at_once_into_one_category_agree_with_the_database(
    stack: StackProcess, editor: Editor, tmp_path: Path
) -> None:
    def create(n: int) -> str:
        answer = editor.call("POST", "/articles", json=draft(f"Tin cùng lúc số {n}", "chinh-sach"))
        assert answer.status_code == 201, answer.text
        return str(answer.json()["id"])

    with ThreadPoolExecutor(10) as pool:
        ids = list(pool.map(create, range(50)))
    with ThreadPoolExecutor(50) as pool:
        answers = list(pool.map(lambda i: editor.call("POST", f"/articles/{i}/publish"), ids))
    assert [a.status_code for a in answers] == [202] * 50

    _settle(stack)
    site = site_bucket(stack)
    built = fresh_build(stack, tmp_path / "built")
    assert differences(site, built) == NO_DIFFERENCE
    listing = b"".join(
        v
        for k, v in site.items()
        if k == "chinh-sach/index.html" or k.startswith("chinh-sach/trang/")
    ).decode()
    for n in range(50):
        assert f"Tin cùng lúc số {n}<" in listing
