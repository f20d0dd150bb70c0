"""template.yaml as `sam deploy` hands it to CloudFormation: packaged, then transformed
by aws-sam-translator (the tests of the template and of its permissions read this); and
as CloudFormation then creates it for given parameter values: each condition decided,
each `Fn::If` chosen, what a false condition guards left out. And `sam build` itself,
run by the real SAM CLI, for the tests of what it builds."""

from __future__ import annotations

import os
import re
import subprocess
from copy import deepcopy
from pathlib import Path
from typing import Any

import boto3
import pytest
from newsroom_local.template import PROJECT_ROOT, TEMPLATE_PATH, evaluate_conditions
from samtranslator.parser.parser import Parser
from samtranslator.translator.translator import Translator

# The AWS managed policies SAM attaches by name; the translator asks for their ARNs
# (from IAM, when run by the SAM CLI).
MANAGED_POLICIES = {
    "AWSLambdaBasicExecutionRole": (
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
    ),
    "AWSLambdaSQSQueueExecutionRole": (
        "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole"
    ),
    "AWSXrayWriteOnlyAccess": "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess",
    "AWSXRayDaemonWriteAccess": "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess",
}


def packaged(template: dict[str, Any]) -> dict[str, Any]:
    """The template as `sam package` leaves it: local code folders become S3 locations."""
    result = deepcopy(template)
    for name, resource in result["Resources"].items():
        properties = resource.get("Properties", {})
        for key in ("CodeUri", "ContentUri"):
            if isinstance(properties.get(key), str):
                folder = PROJECT_ROOT / properties[key]
                assert folder.is_dir(), f"{name}.{key} names {folder}, which does not exist"
                properties[key] = f"s3://newsroom-artifacts/{properties[key].strip('/')}.zip"
    return result


def translate(template: dict[str, Any], parameters: dict[str, str] | None = None) -> dict[str, Any]:
    """The template, packaged, transformed by aws-sam-translator into plain CloudFormation
    (with `parameters` as `sam deploy --parameter-overrides` would give them)."""
    translator = Translator(
        None, Parser(), boto_session=boto3.session.Session(region_name="eu-west-1")
    )
    return translator.translate(  # type: ignore[no-any-return]
        packaged(template),
        parameter_values=dict(parameters or {}),
        get_managed_policy_map=lambda: MANAGED_POLICIES,
    )


PSEUDO_PARAMETERS = {
    "AWS::Region": "eu-west-1",
    "AWS::AccountId": "123456789012",
    "AWS::Partition": "aws",
    "AWS::StackName": "newsroom",
    "AWS::URLSuffix": "amazonaws.com",
}


def parameter_values(
    template: dict[str, Any], parameters: dict[str, str] | None = None
) -> dict[str, str]:
    """Every parameter's value: its default, unless `parameters` gives one."""
    values = {name: str(spec.get("Default", "")) for name, spec in template["Parameters"].items()}
    unknown = set(parameters or {}) - set(values)
    assert not unknown, f"no such parameters: {sorted(unknown)}"
    return {**values, **(parameters or {})}


def conditions(
    template: dict[str, Any], parameters: dict[str, str] | None = None
) -> dict[str, bool]:
    """The template's conditions for these parameter values."""
    values = {**parameter_values(template, parameters), **PSEUDO_PARAMETERS}
    return evaluate_conditions(template, lambda name: values[name])


def broken_rules(template: dict[str, Any], parameters: dict[str, str] | None = None) -> list[str]:
    """The assertions of the template's Rules that these parameter values break (what
    CloudFormation refuses before it creates anything)."""
    values = {**parameter_values(template, parameters), **PSEUDO_PARAMETERS}
    broken = []
    for name, rule in template.get("Rules", {}).items():
        checks = {"applies": rule.get("RuleCondition", {"Fn::Equals": ["", ""]})}
        checks |= {f"{i}": a["Assert"] for i, a in enumerate(rule["Assertions"])}
        truth = evaluate_conditions({"Conditions": checks}, lambda n: values[n])
        if truth["applies"]:
            broken += [
                f"{name}: {a['AssertDescription']}"
                for i, a in enumerate(rule["Assertions"])
                if not truth[f"{i}"]
            ]
    return broken


_DROPPED = object()


def _substituted(text: str, values: dict[str, Any]) -> str:
    return re.sub(
        r"\$\{([^}!.]+)\}",
        lambda m: str(values[m.group(1)]) if isinstance(values.get(m.group(1)), str) else m[0],
        text,
    )


def _chosen(value: Any, truth: dict[str, bool], values: dict[str, str]) -> Any:
    if isinstance(value, list):
        members = [_chosen(item, truth, values) for item in value]
        return [item for item in members if item is not _DROPPED]
    if not isinstance(value, dict):
        return value
    if set(value) == {"Fn::If"}:
        condition, when_true, when_false = value["Fn::If"]
        return _chosen(when_true if truth[condition] else when_false, truth, values)
    if value == {"Ref": "AWS::NoValue"}:
        return _DROPPED
    if set(value) == {"Ref"} and value["Ref"] in values:
        return values[value["Ref"]]
    if set(value) == {"Fn::Sub"}:
        argument = _chosen(value["Fn::Sub"], truth, values)
        text, variables = (argument, {}) if isinstance(argument, str) else argument
        text = _substituted(text, {**values, **variables})
        left = {k: v for k, v in variables.items() if f"${{{k}}}" in text}
        if not re.search(r"\$\{", text):
            return text
        return {"Fn::Sub": [text, left] if left else text}
    items = {key: _chosen(item, truth, values) for key, item in value.items()}
    return {key: item for key, item in items.items() if item is not _DROPPED}


def deployed(
    cloudformation: dict[str, Any], parameters: dict[str, str] | None = None
) -> dict[str, Any]:
    """The transformed template as CloudFormation creates it with these parameter values:
    resources and outputs whose condition is false left out, every `Fn::If` replaced by
    the branch it takes, every property set to `AWS::NoValue` removed, and parameters
    (and pseudo parameters) filled in where they are referred to."""
    assert not broken_rules(cloudformation, parameters), broken_rules(cloudformation, parameters)
    truth = conditions(cloudformation, parameters)
    values = {**parameter_values(cloudformation, parameters), **PSEUDO_PARAMETERS}
    result = deepcopy(cloudformation)
    for section in ("Resources", "Outputs"):
        kept = {
            name: _chosen(item, truth, values)
            for name, item in result.get(section, {}).items()
            if truth.get(item.get("Condition", ""), True)
        }
        result[section] = kept
    return result


SAM = PROJECT_ROOT / ".venv-sam" / "bin" / "sam"


def require_sam_cli() -> Path:
    """The real SAM CLI, for a test that builds with it (skipped where there is no PyPI:
    the build installs the layer's packages)."""
    if os.environ.get("NEWSROOM_SKIP_SAM_VALIDATE") == "1":
        pytest.skip("NEWSROOM_SKIP_SAM_VALIDATE=1 (no PyPI: the build installs the layer)")
    assert SAM.exists(), f"{SAM} is missing: `make sam-cli` installs the AWS SAM CLI there"
    return SAM


def sam_build(build_dir: Path, python: str | Path, *, build_for: str | None = None) -> None:
    """`sam build` of template.yaml into `build_dir`, its Makefile run with `python`, for
    Lambda's target or, with `build_for` (`LAMBDA_BUILD_FOR`: `this-machine`), another;
    without this project's virtual environment. It must succeed."""
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))},
        "SAM_CLI_TELEMETRY": "0",
        "PYTHON": str(python),
    }
    environment.pop("LAMBDA_BUILD_FOR", None)
    if build_for is not None:
        environment["LAMBDA_BUILD_FOR"] = build_for
    result = subprocess.run(
        [str(SAM), "build", "--template-file", str(TEMPLATE_PATH), "--build-dir", str(build_dir)],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
