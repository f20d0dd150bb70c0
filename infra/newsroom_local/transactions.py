"""DynamoDB transactions in the local cloud at the cost of what they touch.

moto makes a transaction all-or-nothing by deep-copying every table the transaction
names before applying it, and putting the copies back when any part fails. That costs
time in proportion to the table: a second per transaction for a few thousand items,
so every save of an article (a transaction with its revision) slowed the whole local
stack as its table grew. This keeps the same behaviour, all or nothing with each
cancellation reason, by copying only the items the transaction names and putting
those back when it is cancelled. The local cloud applies table writes one at a time
(`newsroom_local.cloud.ChangeWatcher`), so nothing else changes those items meanwhile.

`install()` replaces moto's method in the process it is called in (the local cloud).
"""

from __future__ import annotations

import copy
from typing import Any

_INSTALLED: list[Any] = []


def _key(table: Any, op_type: str, op: dict[str, Any]) -> dict[str, Any]:
    if op_type != "Put":
        return dict(op["Key"])
    key = {table.hash_key_attr: op["Item"][table.hash_key_attr]}
    if table.range_key_attr is not None:
        key[table.range_key_attr] = op["Item"][table.range_key_attr]
    return key


def transact_write_items(backend: Any, transact_items: list[dict[str, Any]]) -> None:
    """Apply every operation, or none (TransactionCanceledException with the reasons)."""
    from moto.dynamodb.comparisons import get_filter_expression
    from moto.dynamodb.exceptions import (
        ConditionalCheckFailed,
        MockValidationException,
        MultipleTransactionsException,
        TooManyTransactionsException,
        TransactionCanceledException,
        TransactWriteSingleOpException,
    )
    from moto.dynamodb.models.dynamo_type import DynamoType

    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    before: list[tuple[Any, Any, Any, Any]] = []  # table, hash, range, the item as it was

    def put_back() -> None:
        for table, hash_value, range_value, item in reversed(before):
            if range_value is None:
                if item is None:
                    table.items.pop(hash_value, None)
                else:
                    table.items[hash_value] = item
            elif item is None:
                table.items[hash_value].pop(range_value, None)
                if not table.items[hash_value]:
                    del table.items[hash_value]
            else:
                table.items[hash_value][range_value] = item

    named: set[tuple[str, str]] = set()
    errors: list[tuple[Any, Any, Any]] = []
    for entry in transact_items:
        if len(entry) != 1:
            put_back()
            raise TransactWriteSingleOpException
        op_type, op = next(iter(entry.items()))
        try:
            table_name = op["TableName"]
            table = backend.get_table(table_name)
            key = _key(table, op_type, op)
            identity = (str(table_name), str(sorted(key.items())))
            if identity in named:
                raise MultipleTransactionsException()
            named.add(identity)
            hash_value = DynamoType(key[table.hash_key_attr])
            range_key = table.range_key_attr
            range_value = DynamoType(key[range_key]) if range_key is not None else None
            current = table.get_item(hash_value, range_value)
            before.append((table, hash_value, range_value, copy.deepcopy(current)))
            condition = op.get("ConditionExpression")
            names = op.get("ExpressionAttributeNames")
            values = op.get("ExpressionAttributeValues")
            if op_type == "ConditionCheck":
                if not get_filter_expression(condition, names, values).expr(current):
                    raise ConditionalCheckFailed
            elif op_type == "Put":
                backend.put_item(
                    table_name,
                    op["Item"],
                    condition_expression=condition,
                    expression_attribute_names=names,
                    expression_attribute_values=values,
                )
            elif op_type == "Delete":
                backend.delete_item(
                    table_name,
                    key,
                    condition_expression=condition,
                    expression_attribute_names=names,
                    expression_attribute_values=values,
                )
            elif op_type == "Update":
                backend.update_item(
                    table_name,
                    key,
                    update_expression=op["UpdateExpression"],
                    condition_expression=condition,
                    expression_attribute_names=names,
                    expression_attribute_values=values,
                )
            else:
                raise ValueError(f"Unsupported transaction operation {op_type}")
            errors.append((None, None, None))
        except (MultipleTransactionsException, MockValidationException):
            put_back()
            raise
        except ConditionalCheckFailed as error:
            errors.append(("ConditionalCheckFailed", str(error.message), None))
        except Exception as error:  # each reason is reported, as DynamoDB does
            errors.append((type(error).__name__, str(error), None))
    if any(code is not None for code, _, _ in errors):
        put_back()
        raise TransactionCanceledException(errors)


def install() -> None:
    """Use `transact_write_items` for moto's DynamoDB in this process."""
    if _INSTALLED:
        return
    from moto.dynamodb.models import DynamoDBBackend

    _INSTALLED.append(DynamoDBBackend.transact_write_items)
    DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign,assignment]


def uninstall() -> None:
    """Give moto its own method back (tests)."""
    if not _INSTALLED:
        return
    from moto.dynamodb.models import DynamoDBBackend

    DynamoDBBackend.transact_write_items = _INSTALLED.pop()  # type: ignore[method-assign]
