"""`make deploy`'s last step, infra/scripts/desk_deploy.py: the desk's build and a
config.json made from the stack's outputs go to the desk bucket, each file with its type
and caching, the hashed files first and index.html and config.json last; a dry run asks
AWS nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import boto3
import pytest
from moto import mock_aws
from newsroom_local.template import PROJECT_ROOT

from tests.scripts import load_script, run_without_aws

SCRIPT = PROJECT_ROOT / "infra" / "scripts" / "desk_deploy.py"
SAM_PYTHON = PROJECT_ROOT / ".venv-sam" / "bin" / "python"
OUTPUTS = {
    "ApiUrl": "https://api.tintuc.example.gov.vn",
    "SiteUrl": "https://tintuc.example.gov.vn",
    "UserPoolId": "ap-southeast-1_AbCdEf123",
    "UserPoolClientId": "1a2b3c4d5e6f7g8h9i0j1k2l3m",
    "DeskBucketName": "newsroom-staging-deskbucket-1x2y3z",
    "DistributionId": "E2ABCDEF123456",
}


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return load_script(SCRIPT, "desk_deploy", register=True)


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    """A placeholder build, laid out as `make desk` lays it out."""
    built = tmp_path / "dist"
    (built / "assets").mkdir(parents=True)
    (built / "index.html").write_text("<!doctype html><title>Bàn biên tập</title>")
    (built / "icon.svg").write_text("<svg/>")
    (built / "site.json").write_text("{}")
    (built / "assets" / "desk-AJ7UCX7L.js").write_text("export {};")
    (built / "assets" / "style-57U4PZSU.css").write_text("body{}")
    return built


def test_config_json_is_made_from_the_stacks_outputs(script: ModuleType) -> None:
    assert script.config_for(OUTPUTS, "ap-southeast-1") == {
        "apiUrl": "https://api.tintuc.example.gov.vn",
        "siteUrl": "https://tintuc.example.gov.vn",
        "region": "ap-southeast-1",
        "userPoolId": "ap-southeast-1_AbCdEf123",
        "clientId": "1a2b3c4d5e6f7g8h9i0j1k2l3m",
        "cognitoEndpoint": "https://cognito-idp.ap-southeast-1.amazonaws.com/",
        "uploadOrigin": "https://s3.ap-southeast-1.amazonaws.com",
    }
    # Presigned URLs of us-east-1 name the global endpoint.
    assert script.config_for(OUTPUTS, "us-east-1")["uploadOrigin"] == "https://s3.amazonaws.com"


def test_a_stack_without_the_desks_outputs_is_refused(script: ModuleType) -> None:
    with pytest.raises(script.NotReady, match="DeskBucketName"):
        script.config_for({k: v for k, v in OUTPUTS.items() if k != "DeskBucketName"}, "x")


def test_every_file_goes_under_desk_with_its_type_and_caching_in_order(
    script: ModuleType, dist: Path
) -> None:
    uploads = script.plan(dist, script.config_for(OUTPUTS, "ap-southeast-1"))
    assert [(u.key, u.content_type, u.cache_control) for u in uploads] == [
        ("desk/assets/desk-AJ7UCX7L.js", "text/javascript; charset=utf-8", _YEAR),
        ("desk/assets/style-57U4PZSU.css", "text/css; charset=utf-8", _YEAR),
        ("desk/icon.svg", "image/svg+xml", "no-cache"),
        ("desk/site.json", "application/json; charset=utf-8", "no-cache"),
        ("desk/index.html", "text/html; charset=utf-8", "no-cache"),
        ("desk/config.json", "application/json; charset=utf-8", "no-cache"),
    ]
    assert json.loads(uploads[-1].body)["apiUrl"] == "https://api.tintuc.example.gov.vn"


_YEAR = "public, max-age=31536000, immutable"


def test_without_a_build_it_says_to_run_make_desk(script: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(script.NotReady, match="make desk"):
        script.plan(tmp_path / "none", {})


def test_the_files_are_written_with_their_headers(script: ModuleType, dist: Path) -> None:
    with mock_aws():
        s3 = boto3.client("s3", region_name="ap-southeast-1")
        bucket = OUTPUTS["DeskBucketName"]
        s3.create_bucket(
            Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-1"}
        )
        uploads = script.plan(dist, script.config_for(OUTPUTS, "ap-southeast-1"))
        script.upload(uploads, bucket, "ap-southeast-1")
        index = s3.get_object(Bucket=bucket, Key="desk/index.html")
        assert (index["ContentType"], index["CacheControl"]) == (
            "text/html; charset=utf-8",
            "no-cache",
        )
        script_file = s3.get_object(Bucket=bucket, Key="desk/assets/desk-AJ7UCX7L.js")
        assert script_file["CacheControl"] == _YEAR
        config = json.loads(s3.get_object(Bucket=bucket, Key="desk/config.json")["Body"].read())
        assert config["siteUrl"] == "https://tintuc.example.gov.vn"


def _run(python: Path | str, *arguments: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return run_without_aws(python, SCRIPT, *arguments, tmp_path=tmp_path, cwd=PROJECT_ROOT)


@pytest.mark.parametrize("python", ["this", "sam"])
def test_a_dry_run_says_what_it_would_upload_and_asks_aws_nothing(
    dist: Path, tmp_path: Path, python: str
) -> None:
    interpreter: Any = sys.executable if python == "this" else SAM_PYTHON
    if python == "sam" and not SAM_PYTHON.exists():
        pytest.fail(f"{SAM_PYTHON} is missing: `make sam-cli` installs the AWS SAM CLI there")
    outputs = tmp_path / "outputs.json"
    outputs.write_text(json.dumps(OUTPUTS))
    arguments = ["--env", "staging", "--dist", str(dist), "--outputs", str(outputs), "--dry-run"]
    result = _run(interpreter, *arguments, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    bucket = OUTPUTS["DeskBucketName"]
    assert f"s3://{bucket}/desk/index.html  text/html; charset=utf-8  no-cache" in result.stdout
    assert f"s3://{bucket}/desk/config.json" in result.stdout
    # staging is in ap-southeast-1 (samconfig.toml).
    assert '"cognitoEndpoint": "https://cognito-idp.ap-southeast-1.amazonaws.com/"' in (
        result.stdout
    )


def test_a_missing_build_stops_the_deploy_in_one_line(tmp_path: Path) -> None:
    outputs = tmp_path / "outputs.json"
    outputs.write_text(json.dumps(OUTPUTS))
    arguments = ["--env", "staging", "--dist", str(tmp_path / "none"), "--outputs", str(outputs)]
    result = _run(sys.executable, *arguments, tmp_path=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "make desk" in lines[0], result.stderr
