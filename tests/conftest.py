"""Shared fixtures: AWS credentials that can never reach a real account, and the template."""

from __future__ import annotations

import os
from typing import Any

import pytest

# No test may talk to a real AWS account: fake credentials, a fixed region.
os.environ.update(
    {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_REGION": "us-east-1",
        "POWERTOOLS_DEV": "false",
    }
)
os.environ.pop("AWS_PROFILE", None)
os.environ.pop("AWS_ENDPOINT_URL", None)


@pytest.fixture(autouse=True)
def _fresh_clients() -> None:
    from newsroom.aws.clients import reset_clients

    reset_clients()


@pytest.fixture(scope="session")
def template() -> dict[str, Any]:
    """template.yaml as written (tests that change it change a copy)."""
    from newsroom_local.template import load_template

    return load_template()


@pytest.fixture(scope="session")
def cloudformation(template: dict[str, Any]) -> dict[str, Any]:
    """The template transformed by aws-sam-translator into plain CloudFormation."""
    from tests.sam import translate

    return translate(template)
