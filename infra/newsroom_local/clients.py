"""boto3 clients of the local cloud: its endpoint, a fixed region and credentials that are fake."""

from __future__ import annotations

from functools import cache
from typing import Any

import boto3
from botocore.config import Config

REGION = "us-east-1"

# moto accepts any credentials; these can never reach a real account.
LOCAL_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "local",
    "AWS_SECRET_ACCESS_KEY": "local",
    "AWS_SESSION_TOKEN": "local",
}


@cache
def local_session(region: str = REGION) -> boto3.session.Session:
    """A session with the fake credentials (one per process: it caches service models)."""
    return boto3.session.Session(
        aws_access_key_id=LOCAL_CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=LOCAL_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        aws_session_token=LOCAL_CREDENTIALS["AWS_SESSION_TOKEN"],
        region_name=region,
    )


def local_client(service: str, endpoint: str, region: str = REGION) -> Any:
    """A client of one service of the local cloud (path-style S3 addressing)."""
    return local_session(region).client(  # type: ignore[call-overload]
        service,
        endpoint_url=endpoint,
        config=Config(
            s3={"addressing_style": "path"},
            retries={"mode": "standard", "max_attempts": 3},
            max_pool_connections=32,
        ),
    )
