"""AWS clients, made once per process and reused across invocations.

The clients are botocore's (boto3's clients are the same objects; importing boto3
itself would only add its resource layer and s3transfer to every cold start). The
endpoint comes from the SDK's own `AWS_ENDPOINT_URL` setting, so the same code talks
to AWS on Lambda and to moto in the local stack and the tests.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import botocore.session
from botocore.config import Config

if TYPE_CHECKING:
    from mypy_boto3_cloudfront import CloudFrontClient
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_sqs import SQSClient

_CONFIG = Config(
    retries={"mode": "standard", "max_attempts": 5},
    connect_timeout=5,
    read_timeout=30,
    s3={"addressing_style": "path"},
    signature_version="v4",
)


ClientT = TypeVar("ClientT")


class Reached(Generic[ClientT]):
    """What each small AWS adapter shares: the client it was given (tests, the local
    stack's tools), else the process's own, made on first use."""

    def __init__(self, client: ClientT | None, default: Callable[[], ClientT]) -> None:
        self._client = client
        self._default = default

    @property
    def client(self) -> ClientT:
        return self._client or self._default()


@cache
def _session() -> botocore.session.Session:
    return botocore.session.get_session()


@cache
def _client(service: str) -> Any:
    return _session().create_client(service, config=_CONFIG)


def s3() -> S3Client:
    """The S3 client."""
    client: S3Client = _client("s3")
    return client


def dynamodb() -> DynamoDBClient:
    """The DynamoDB client."""
    client: DynamoDBClient = _client("dynamodb")
    return client


def sqs() -> SQSClient:
    """The SQS client."""
    client: SQSClient = _client("sqs")
    return client


def cloudfront() -> CloudFrontClient:
    """The CloudFront client."""
    client: CloudFrontClient = _client("cloudfront")
    return client


def scheduler() -> Any:
    """The EventBridge Scheduler client."""
    return _client("scheduler")


def reset_clients() -> None:
    """Forget the clients (tests that switch endpoints or credentials call this)."""
    _client.cache_clear()
    _session.cache_clear()


def renew_session() -> None:
    """A new session, whose credentials are looked up again, and new clients on first use;
    the service descriptions already read are kept (reading them again would cost a
    restored SnapStart environment about 60 ms a client: newsroom.api.snapstart)."""
    loader = _session().get_component("data_loader")
    reset_clients()
    _session().register_component("data_loader", loader)
