"""template.yaml as `sam deploy` hands it to CloudFormation: packaged, then transformed
by aws-sam-translator (the tests of the template and of its permissions read this)."""

from __future__ import annotations

from copy import deepcopy
from typing import Any

import boto3
from newsroom_local.template import PROJECT_ROOT
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


def translate(template: dict[str, Any]) -> dict[str, Any]:
    """The template, packaged, transformed by aws-sam-translator into plain CloudFormation."""
    translator = Translator(
        None, Parser(), boto_session=boto3.session.Session(region_name="eu-west-1")
    )
    return translator.translate(  # type: ignore[no-any-return]
        packaged(template), parameter_values={}, get_managed_policy_map=lambda: MANAGED_POLICIES
    )
