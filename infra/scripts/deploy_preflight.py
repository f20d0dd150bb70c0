"""Before `make deploy` builds anything: is there something to deploy to, and with what?

Checks, in this order, and stops at the first that fails with one line saying what to do
(exit 1), never a traceback:

1. the environment (`ENV=staging`) is one samconfig.toml deploys (`[ENV.deploy.parameters]`);
2. AWS credentials are found for it (the SDK's usual places: environment, profile, SSO,
   instance role), and AWS accepts them (STS GetCallerIdentity, the one call that needs no
   permission), in the environment's region;
3. the Python that builds the layer and the functions is the functions' runtime, 3.13.

Then it prints the account and the stack it is about to deploy. Run by the Makefile with
the AWS SAM CLI's own Python, which has boto3.

    python infra/scripts/deploy_preflight.py --env staging --python /usr/bin/python3.13
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "samconfig.toml"
RUNTIME = "3.13"  # template.yaml: python3.13


class NotReady(Exception):
    """What stops a deploy, in one line."""


def deploy_settings(environment: str, config: Path = CONFIG) -> dict[str, Any]:
    """samconfig.toml's `[ENV.deploy.parameters]`."""
    with config.open("rb") as handle:
        settings = tomllib.load(handle)
    environments = sorted(k for k, v in settings.items() if isinstance(v, dict) and "deploy" in v)
    found = settings.get(environment, {}).get("deploy", {}).get("parameters")
    if not environment or found is None:
        raise NotReady(
            f"no environment {environment!r} in {config.name}: "
            f"make deploy ENV={' or ENV='.join(environments)}"
        )
    return dict(found)


def deploy_target(environment: str) -> tuple[dict[str, Any], str]:
    """samconfig.toml's `[ENV.deploy.parameters]` and the region they deploy to."""
    settings = deploy_settings(environment)
    region = str(settings.get("region", ""))
    if not region:
        raise NotReady(f"{CONFIG.name} gives [{environment}.deploy.parameters] no region")
    return settings, region


def stopped(error: Exception, what: str = "") -> int:
    """Exit status 1, having said in one line what stopped the deploy (`what` before an
    unforeseen error's type), never a traceback."""
    if isinstance(error, NotReady):
        print(f"make deploy: {error}", file=sys.stderr)
    else:
        print(f"make deploy: {what}{type(error).__name__}: {error}", file=sys.stderr)
    return 1


def caller(region: str) -> str:
    """Who the credentials belong to (`account: arn`), once AWS has accepted them."""
    try:
        import boto3
        from botocore.config import Config
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError as missing:
        raise NotReady(f"{missing.name} is missing: `make sam-cli` installs it") from None
    session = boto3.session.Session(region_name=region)
    try:
        credentials = session.get_credentials()
    except BotoCoreError as error:
        raise NotReady(f"the AWS credentials could not be read: {error}") from None
    if credentials is None:
        raise NotReady(
            "no AWS credentials: sign in first (`aws sso login --profile NAME` then "
            "AWS_PROFILE=NAME, or `aws configure`); see docs/deploy.md, 'Prerequisites'"
        )
    config = Config(connect_timeout=10, read_timeout=10, retries={"max_attempts": 2})
    try:
        identity = session.client("sts", config=config).get_caller_identity()
    except (BotoCoreError, ClientError) as error:
        raise NotReady(f"AWS refused the credentials ({region}): {error}") from None
    return f"{identity['Account']}: {identity['Arn']}"


def check_python(python: str) -> str:
    """The version of `python`, which must be the functions' runtime."""
    if not python:
        raise NotReady(
            f"Python {RUNTIME} is needed to build for Lambda: put python{RUNTIME} on PATH "
            f"or say which: make deploy LAMBDA_PYTHON=/path/to/python{RUNTIME}"
        )
    try:
        result = subprocess.run(  # noqa: S603 (the interpreter the operator named)
            [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except OSError as error:
        raise NotReady(f"{python} does not run ({error.strerror})") from None
    version = result.stdout.strip()
    if result.returncode != 0 or version != RUNTIME:
        raise NotReady(
            f"{python} is Python {version or '?'}; the functions run Python {RUNTIME}: "
            f"make deploy LAMBDA_PYTHON=/path/to/python{RUNTIME}"
        )
    return version


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--env", default="", help="an environment of samconfig.toml")
    parser.add_argument("--python", default="", help=f"the Python {RUNTIME} that builds")
    options = parser.parse_args(argv)
    try:
        settings, region = deploy_target(options.env)
        who = caller(region)
        check_python(options.python)
    except Exception as error:  # anything, in one line
        return stopped(error)
    print(
        f"make deploy: {settings['stack_name']} to account {who} in {region}, "
        f"built by Python {RUNTIME}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
