"""Shared fixtures: AWS credentials that can never reach a real account, and the template."""

from __future__ import annotations

import os
import threading
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


@pytest.fixture(autouse=True)
def aws_calls_one_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """moto in-process answers a call in the caller's thread, and its tables are not safe
    for two writers at once (DynamoDB is); the functions render a batch's articles on
    threads, so calls are answered one at a time here, as the local cloud does."""
    from moto.core.botocore_stubber import BotocoreStubber

    answer = BotocoreStubber.__call__
    lock = threading.RLock()

    def one_at_a_time(self: Any, *args: Any, **kwargs: Any) -> Any:
        with lock:
            return answer(self, *args, **kwargs)

    monkeypatch.setattr(BotocoreStubber, "__call__", one_at_a_time)
