"""`make deploy ENV=staging|prod`: what it would run, with which settings, and how it
refuses when it cannot deploy (no account is ever reached from here).

samconfig.toml's environments are read as the AWS SAM CLI reads them, and each parameter
they set is checked against template.yaml's declaration; the Makefile's recipe is read with
`make -n`; and `make deploy` itself is run without credentials, with an environment that
does not exist, and with credentials that AWS does not accept: each time one line says why,
and nothing is built.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from newsroom_local.template import PROJECT_ROOT

from tests.scripts import load_script

SAMCONFIG = PROJECT_ROOT / "samconfig.toml"
PREFLIGHT = PROJECT_ROOT / "infra" / "scripts" / "deploy_preflight.py"
SAM_PYTHON = PROJECT_ROOT / ".venv-sam" / "bin" / "python"
ENVIRONMENTS = ("staging", "prod")


def _samconfig() -> dict[str, Any]:
    with SAMCONFIG.open("rb") as handle:
        return tomllib.load(handle)


def _overrides(environment: str) -> dict[str, str]:
    listed = _samconfig()[environment]["deploy"]["parameters"]["parameter_overrides"]
    assert isinstance(listed, list), "one Key=Value a line"
    return dict(item.split("=", 1) for item in listed)


@pytest.mark.parametrize("environment", ENVIRONMENTS)
def test_each_environment_deploys_a_stack_of_its_own(environment: str) -> None:
    deploy = _samconfig()[environment]["deploy"]["parameters"]
    assert deploy["stack_name"] == f"newsroom-{environment}"
    assert deploy["s3_prefix"] == f"newsroom-{environment}"
    assert deploy["resolve_s3"] is True  # SAM's own artifacts bucket, made on first deploy
    assert deploy["capabilities"] == "CAPABILITY_IAM"  # roles, none of them named
    assert re.fullmatch(r"[a-z]{2}-[a-z]+-\d", deploy["region"])
    assert f"environment={environment}" in deploy["tags"]
    assert _samconfig()[environment]["build"]["parameters"]["cached"] is False


def test_prod_shows_its_change_set_and_waits_for_a_yes() -> None:
    assert _samconfig()["prod"]["deploy"]["parameters"]["confirm_changeset"] is True
    assert _samconfig()["staging"]["deploy"]["parameters"]["confirm_changeset"] is False


@pytest.mark.parametrize("environment", ENVIRONMENTS)
def test_every_parameter_an_environment_sets_is_one_the_template_accepts(
    template: dict[str, Any], environment: str
) -> None:
    declared = template["Parameters"]
    for name, value in _overrides(environment).items():
        assert name in declared, f"{environment}: template.yaml has no parameter {name}"
        spec = declared[name]
        if "AllowedValues" in spec:
            assert value in [str(v) for v in spec["AllowedValues"]], (name, value)
        if "AllowedPattern" in spec:
            assert re.fullmatch(spec["AllowedPattern"], value), (name, value)
        if spec["Type"] == "Number":
            assert int(spec.get("MinValue", 0)) <= int(value) <= int(spec.get("MaxValue", 10**9))
    assert _overrides("prod")["ApiSnapStart"] == "Enabled"


def test_the_sam_cli_reads_the_parameter_lists_as_overrides() -> None:
    if not SAM_PYTHON.exists():
        pytest.fail(f"{SAM_PYTHON} is missing: `make sam-cli` installs the AWS SAM CLI")
    code = (
        "import sys, tomllib; from samcli.cli.types import CfnParameterOverridesType\n"
        f"config = tomllib.load(open({str(SAMCONFIG)!r}, 'rb'))\n"
        "for env in ('staging', 'prod'):\n"
        "    items = config[env]['deploy']['parameters']['parameter_overrides']\n"
        "    print(env, sorted(CfnParameterOverridesType().convert(items, None, None).items()))\n"
    )
    result = subprocess.run(
        [str(SAM_PYTHON), "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    for environment in ENVIRONMENTS:
        expected = sorted(_overrides(environment).items())
        assert f"{environment} {expected}" in result.stdout


_MAKE_OWN = ("MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES")


def _make(*arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run make as a user would at a prompt, not as a sub-make of `make test`."""
    environment = {k: v for k, v in (env or os.environ).items() if k not in _MAKE_OWN}
    return subprocess.run(
        ["make", "--no-print-directory", *arguments],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_make_deploy_checks_then_builds_for_lambda_then_deploys_that_environment() -> None:
    result = _make("-n", "deploy", "ENV=prod", "LAMBDA_PYTHON=/opt/python3.13/bin/python3.13")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    preflight, *desk_build = lines[: len(lines) - 4]
    build, deploy, desk, site = lines[-4:]
    assert 'infra/scripts/deploy_preflight.py --env "prod"' in preflight
    # The desk is built (when its sources changed) before anything is deployed.
    assert all("desk" in line for line in desk_build), desk_build
    assert build.startswith('PYTHON="/opt/python3.13/bin/python3.13" ')
    assert build.endswith('sam build --config-env "prod"')
    assert deploy.endswith('sam deploy --config-env "prod"')
    # Then the desk and its config.json go to the desk bucket (tests/unit/test_desk_deploy.py).
    assert desk.endswith('infra/scripts/desk_deploy.py --env "prod"')
    # Last, the site's own files by the release just deployed (test_site_refresh.py).
    assert site.endswith('infra/scripts/site_refresh.py --env "prod"')
    # Not LAMBDA_BUILD_FOR: the real target, arm64 and Python 3.13 (infra/lambda/Makefile).
    assert "LAMBDA_BUILD_FOR" not in result.stdout


def _without_credentials(tmp_path: Path) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    return {
        **environment,
        "AWS_CONFIG_FILE": str(tmp_path / "no-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
    }


def _our_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    """What was said, less make's own "make: *** [...] Error 1"."""
    said = (result.stdout + result.stderr).strip().splitlines()
    return [line for line in said if not line.startswith("make: ***")]


def test_make_deploy_without_credentials_stops_at_once_in_one_line(tmp_path: Path) -> None:
    result = _make("deploy", "ENV=staging", env=_without_credentials(tmp_path))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    (line,) = _our_lines(result)
    assert line.startswith("make deploy: no AWS credentials: sign in first")
    assert "sam build" not in result.stdout


def test_make_deploy_to_an_environment_samconfig_does_not_have_names_those_it_has(
    tmp_path: Path,
) -> None:
    result = _make("deploy", "ENV=production", env=_without_credentials(tmp_path))
    assert result.returncode != 0
    assert _our_lines(result) == [
        "make deploy: no environment 'production' in samconfig.toml: "
        "make deploy ENV=prod or ENV=staging"
    ]


def test_credentials_that_aws_does_not_accept_stop_the_deploy_in_one_line(
    tmp_path: Path,
) -> None:
    environment = {
        **_without_credentials(tmp_path),
        "AWS_ACCESS_KEY_ID": "AKIAEXAMPLEEXAMPLE00",
        "AWS_SECRET_ACCESS_KEY": "example",
        "AWS_ENDPOINT_URL": "http://127.0.0.1:9",  # nothing listens: no account is reached
    }
    result = subprocess.run(
        [str(SAM_PYTHON), str(PREFLIGHT), "--env", "staging", "--python", sys.executable],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("make deploy: AWS refused the credentials (ap-southeast-1): ")


def _preflight() -> ModuleType:
    return load_script(PREFLIGHT, "deploy_preflight")


def test_only_python_313_builds_what_is_deployed() -> None:
    preflight = _preflight()
    running = "{}.{}".format(*sys.version_info[:2])
    if running != "3.13":
        with pytest.raises(
            preflight.NotReady, match=rf"is Python {re.escape(running)}; the functions run"
        ):
            preflight.check_python(sys.executable)
    with pytest.raises(preflight.NotReady, match=r"Python 3\.13 is needed"):
        preflight.check_python("")
    with pytest.raises(preflight.NotReady, match="does not run"):
        preflight.check_python("/nonexistent/python3.13")
