"""The local cloud's shortcuts answer exactly as moto does: a query on the table's key
reads its partition alone, and each host's service is looked up once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from newsroom_local import dispatch

TABLE = "articles"


@pytest.fixture
def dynamodb() -> Iterator[Any]:
    with mock_aws():
        client = boto3.client("dynamodb", region_name="us-east-1")
        client.create_table(
            TableName=TABLE,
            AttributeDefinitions=[
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "sk", "AttributeType": "S"},
                {"AttributeName": "status", "AttributeType": "S"},
            ],
            KeySchema=[
                {"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"},
            ],
            GlobalSecondaryIndexes=[
                {
                    "IndexName": "ByStatus",
                    "KeySchema": [
                        {"AttributeName": "status", "KeyType": "HASH"},
                        {"AttributeName": "sk", "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "ALL"},
                }
            ],
            BillingMode="PAY_PER_REQUEST",
        )
        for pk in ("LIST#tin-tuc", "LIST#chinh-sach", "STALE", "ARTICLE#1"):
            for n in range(12):
                client.put_item(
                    TableName=TABLE,
                    Item={
                        "pk": {"S": pk},
                        "sk": {"S": f"{n:04d}"},
                        "status": {"S": "published" if n % 3 else "draft"},
                        "title": {"S": f"Bài {n} của {pk}"},
                    },
                )
        try:
            yield client
        finally:
            dispatch.uninstall()


QUERIES: list[dict[str, Any]] = [
    {"KeyConditionExpression": "pk = :pk", "ExpressionAttributeValues": {":pk": {"S": "STALE"}}},
    {
        "KeyConditionExpression": "pk = :pk AND sk BETWEEN :a AND :b",
        "ExpressionAttributeValues": {
            ":pk": {"S": "LIST#tin-tuc"},
            ":a": {"S": "0003"},
            ":b": {"S": "0009"},
        },
        "ScanIndexForward": False,
        "Limit": 4,
    },
    {
        "KeyConditionExpression": "pk = :pk AND begins_with(sk, :p)",
        "FilterExpression": "#s = :s",
        "ExpressionAttributeNames": {"#s": "status"},
        "ExpressionAttributeValues": {
            ":pk": {"S": "LIST#chinh-sach"},
            ":p": {"S": "000"},
            ":s": {"S": "published"},
        },
    },
    {"KeyConditionExpression": "pk = :pk", "ExpressionAttributeValues": {":pk": {"S": "NONE"}}},
    {
        "IndexName": "ByStatus",
        "KeyConditionExpression": "#s = :s",
        "ExpressionAttributeNames": {"#s": "status"},
        "ExpressionAttributeValues": {":s": {"S": "draft"}},
        "ScanIndexForward": False,
    },
]


def _pages(client: Any, query: dict[str, Any]) -> list[list[dict[str, Any]]]:
    pages = []
    request = {"TableName": TABLE, **query}
    while True:
        answer = client.query(**request)
        pages.append(answer["Items"])
        if "LastEvaluatedKey" not in answer:
            return pages
        request["ExclusiveStartKey"] = answer["LastEvaluatedKey"]


def test_queries_answer_page_for_page_as_moto_does(dynamodb: Any) -> None:
    expected = [_pages(dynamodb, q) for q in QUERIES]
    assert [len(p[0]) for p in expected] == [12, 4, 6, 0, 16]
    dispatch.install()
    assert [_pages(dynamodb, q) for q in QUERIES] == expected
    scanned = dynamodb.scan(TableName=TABLE)["Items"]
    assert len(scanned) == 48  # a scan still reads the whole table


def test_each_host_finds_the_service_moto_would() -> None:
    app = DomainDispatcherApplication(create_backend_app)
    hosts = ["dynamodb.us-east-1.amazonaws.com", "s3", "sqs.us-east-1.amazonaws.com", None]
    expected = [app.get_backend_for_host(h) for h in hosts]
    assert expected[:3] == ["dynamodb", "s3", "sqs"]
    dispatch.install()
    try:
        assert [app.get_backend_for_host(h) for h in hosts] == expected
        assert [app.get_backend_for_host(h) for h in hosts] == expected
    finally:
        dispatch.uninstall()
