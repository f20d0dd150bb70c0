"""The fault-injection hook: repeatable from its seed, and the errors are AWS's own shapes."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, ReadTimeoutError
from moto import mock_aws
from newsroom_local.faults import FaultInjector, FaultPlan, install, uninstall

NO_RETRIES = Config(retries={"mode": "standard", "max_attempts": 1})


@pytest.fixture
def aws() -> Iterator[None]:
    with mock_aws():
        yield
    uninstall()


def test_a_plan_reads_from_its_text() -> None:
    plan = FaultPlan.parse("seed=7,rate=0.05,services=s3,dynamodb,sqs,kinds=throttle+timeout")
    assert (plan.seed, plan.rate) == (7, 0.05)
    assert plan.services == {"s3", "dynamodb", "sqs"}
    assert plan.kinds == ("throttle", "timeout")
    with pytest.raises(ValueError, match="rate"):
        FaultPlan.parse("rate=2")
    with pytest.raises(ValueError, match="unknown setting"):
        FaultPlan.parse("sed=7")


def test_the_same_seed_fails_the_same_calls_and_another_seed_others() -> None:
    def decisions(seed: int) -> list[str | None]:
        injector = FaultInjector(FaultPlan(seed=seed, rate=0.2), "RenderFunction")
        return [injector.decide("s3", "PutObject") for _ in range(200)]

    assert decisions(7) == decisions(7)
    assert decisions(7) != decisions(8)
    failed = [d for d in decisions(7) if d]
    assert 15 <= len(failed) <= 65
    assert set(failed) == {"throttle", "5xx", "timeout"}


@pytest.mark.parametrize(
    ("service", "kind", "code"),
    [
        ("s3", "throttle", "SlowDown"),
        ("s3", "5xx", "InternalError"),
        ("dynamodb", "throttle", "ThrottlingException"),
        ("sqs", "5xx", "InternalServerError"),
    ],
)
def test_injected_errors_are_what_the_client_sees_from_aws(
    aws: None, service: str, kind: str, code: str
) -> None:
    install(FaultPlan(seed=1, rate=1.0, services={service}, kinds=(kind,)))
    client = boto3.client(service, region_name="us-east-1", config=NO_RETRIES)
    call = {
        "s3": lambda: client.list_buckets(),
        "dynamodb": lambda: client.list_tables(),
        "sqs": lambda: client.list_queues(),
    }[service]
    with pytest.raises(ClientError) as raised:
        call()
    assert raised.value.response["Error"]["Code"] == code


def test_a_timeout_is_a_read_timeout_and_retries_get_through(aws: None) -> None:
    install(FaultPlan(seed=3, rate=1.0, services={"s3"}, kinds=("timeout",)))
    with pytest.raises(ReadTimeoutError):
        boto3.client("s3", region_name="us-east-1", config=NO_RETRIES).list_buckets()
    # At a rate of one call in five, the client's retries absorb the faults.
    injector = install(FaultPlan(seed=3, rate=0.2, services={"s3"}))
    s3 = boto3.client(
        "s3",
        region_name="us-east-1",
        config=Config(retries={"mode": "standard", "max_attempts": 5}),
    )
    s3.create_bucket(Bucket="faults")
    for n in range(30):
        s3.put_object(Bucket="faults", Key=f"k{n}", Body=b"x")
    assert s3.list_objects_v2(Bucket="faults")["KeyCount"] == 30
    assert sum(injector.injected.values()) > 0


def test_other_services_are_left_alone(aws: None) -> None:
    install(FaultPlan(seed=1, rate=1.0, services={"s3"}))
    assert boto3.client("sqs", region_name="us-east-1").list_queues() is not None
