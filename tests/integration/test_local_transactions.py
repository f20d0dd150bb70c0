"""The local cloud's DynamoDB transactions: all or nothing, each reason given, at the cost
of the items they name (not of the whole table, as moto's own)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws
from newsroom_local import transactions

TABLE = "articles"


@pytest.fixture
def dynamodb() -> Iterator[Any]:
    with mock_aws():
        transactions.install()
        client = boto3.client("dynamodb", region_name="us-east-1")
        client.create_table(
            TableName=TABLE,
            AttributeDefinitions=[
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "sk", "AttributeType": "S"},
            ],
            KeySchema=[
                {"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"},
            ],
            BillingMode="PAY_PER_REQUEST",
        )
        try:
            yield client
        finally:
            transactions.uninstall()


def _put(pk: str, sk: str, **values: str) -> dict[str, Any]:
    item = {"pk": {"S": pk}, "sk": {"S": sk}, **{k: {"S": v} for k, v in values.items()}}
    return {"Put": {"TableName": TABLE, "Item": item}}


def _items(dynamodb: Any) -> list[tuple[str, str, str]]:
    found = dynamodb.scan(TableName=TABLE)["Items"]
    return sorted((i["pk"]["S"], i["sk"]["S"], i.get("title", {}).get("S", "")) for i in found)


def test_a_transaction_applies_every_operation(dynamodb: Any) -> None:
    dynamodb.put_item(TableName=TABLE, Item={"pk": {"S": "a"}, "sk": {"S": "gone"}})
    dynamodb.transact_write_items(
        TransactItems=[
            _put("a", "A", title="Khai mạc"),
            _put("a", "R#1", title="Khai mạc"),
            {"Delete": {"TableName": TABLE, "Key": {"pk": {"S": "a"}, "sk": {"S": "gone"}}}},
            {
                "Update": {
                    "TableName": TABLE,
                    "Key": {"pk": {"S": "b"}, "sk": {"S": "L"}},
                    "UpdateExpression": "SET title = :t",
                    "ExpressionAttributeValues": {":t": {"S": "Mới"}},
                }
            },
        ]
    )
    assert _items(dynamodb) == [("a", "A", "Khai mạc"), ("a", "R#1", "Khai mạc"), ("b", "L", "Mới")]


def test_a_cancelled_transaction_leaves_every_item_as_it_was_with_each_reason(
    dynamodb: Any,
) -> None:
    dynamodb.put_item(
        TableName=TABLE, Item={"pk": {"S": "a"}, "sk": {"S": "A"}, "title": {"S": "Cũ"}}
    )
    with pytest.raises(ClientError) as cancelled:
        dynamodb.transact_write_items(
            TransactItems=[
                _put("a", "A", title="Mới"),
                _put("a", "R#2", title="Mới"),
                {
                    "ConditionCheck": {
                        "TableName": TABLE,
                        "Key": {"pk": {"S": "x"}, "sk": {"S": "y"}},
                        "ConditionExpression": "attribute_exists(pk)",
                    }
                },
            ]
        )
    assert cancelled.value.response["Error"]["Code"] == "TransactionCanceledException"
    reasons = [r["Code"] for r in cancelled.value.response["CancellationReasons"]]
    assert reasons == ["None", "None", "ConditionalCheckFailed"]
    assert _items(dynamodb) == [("a", "A", "Cũ")]


def test_naming_one_item_twice_is_refused_and_changes_nothing(dynamodb: Any) -> None:
    with pytest.raises(ClientError) as refused:
        dynamodb.transact_write_items(
            TransactItems=[_put("a", "A", title="Một"), _put("a", "A", title="Hai")]
        )
    assert refused.value.response["Error"]["Code"] == "ValidationException"
    assert _items(dynamodb) == []
