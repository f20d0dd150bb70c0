"""`make deploy`'s step after the desk, infra/scripts/site_refresh.py: one message to the
render queue, and the render function writes the site's home page and own files, so a
site just deployed answers before any article is published (and the desk's preview
finds its stylesheet); a dry run asks AWS nothing; a stack without the queue's output
stops the deploy in one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from newsroom_local.template import PROJECT_ROOT

from tests.integration.conftest import Stack
from tests.scripts import load_script, run_without_aws

SCRIPT = PROJECT_ROOT / "infra" / "scripts" / "site_refresh.py"
SAM_PYTHON = PROJECT_ROOT / ".venv-sam" / "bin" / "python"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return load_script(SCRIPT, "site_refresh")


def test_a_new_site_has_its_home_page_and_assets_once_the_deploy_asks(
    stack: Stack, script: ModuleType
) -> None:
    assert stack.site_objects() == {}  # nothing published, nothing rendered yet
    queue = stack.env.ref("RenderQueue").rsplit("/", 1)[-1]
    script.send(script.site_message(), queue, "us-east-1")
    assert all(not r["batchItemFailures"] for r in stack.drain("RenderFunction"))
    site = stack.site_objects()
    home = site["index.html"].decode()
    assert "<title>Cổng thông tin điện tử Sở Công Thương" in home
    assert 'href="/tin-tuc/"' in home and 'href="/chinh-sach/"' in home  # its categories
    stylesheets = [key for key in site if key.startswith("assets/site.") and key.endswith(".css")]
    assert len(stylesheets) == 1 and f"/{stylesheets[0]}" in home
    assert "404.html" in site and "robots.txt" in site


def _run(python: Path | str, *arguments: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return run_without_aws(python, SCRIPT, *arguments, tmp_path=tmp_path, cwd=PROJECT_ROOT)


@pytest.mark.parametrize("python", ["this", "sam"])
def test_a_dry_run_prints_the_message_and_asks_aws_nothing(tmp_path: Path, python: str) -> None:
    interpreter = sys.executable if python == "this" else str(SAM_PYTHON)
    if python == "sam" and not SAM_PYTHON.exists():
        pytest.fail(f"{SAM_PYTHON} is missing: `make sam-cli` installs the AWS SAM CLI there")
    outputs = tmp_path / "outputs.json"
    outputs.write_text(json.dumps({"RenderQueueName": "newsroom-staging-RenderQueue-AbC"}))
    arguments = ["--env", "staging", "--outputs", str(outputs), "--dry-run"]
    result = _run(interpreter, *arguments, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    queue, _, body = result.stdout.strip().partition(": ")
    assert queue == "newsroom-staging-RenderQueue-AbC"
    message = json.loads(body)
    assert message["kind"] == "rebuild_requested" and message["part"] == "site"
    assert message["rebuild_id"].startswith("deploy-")


def test_a_stack_without_the_render_queue_stops_the_deploy_in_one_line(tmp_path: Path) -> None:
    outputs = tmp_path / "outputs.json"
    outputs.write_text(json.dumps({"SiteUrl": "https://tintuc.example.gov.vn"}))
    result = _run(sys.executable, "--env", "staging", "--outputs", str(outputs), tmp_path=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines == ["make deploy: the stack has no output RenderQueueName: deploy it first"]
