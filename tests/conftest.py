"""Shared fixtures: AWS credentials that can never reach a real account."""

from __future__ import annotations

import os

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
