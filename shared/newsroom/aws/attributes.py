"""DynamoDB's attribute-value format, to and from plain Python values.

A small replacement for `boto3.dynamodb.types`, so that the functions need botocore
alone: importing boto3 would add its resource layer and s3transfer to every cold start.
Numbers come back as `int` when they are whole and as `Decimal` otherwise; floats are
refused on the way in, as DynamoDB would round them.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any


def to_attribute(value: Any) -> dict[str, Any]:
    """`value` as a DynamoDB attribute value (`{"S": ...}`, `{"N": ...}`, ...)."""
    if value is None:
        return {"NULL": True}
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, int | Decimal):
        return {"N": str(value)}
    if isinstance(value, float):
        raise TypeError("floats are not stored; use int or Decimal")
    if isinstance(value, bytes | bytearray):
        return {"B": bytes(value)}
    if isinstance(value, Mapping):
        return {"M": {str(k): to_attribute(v) for k, v in value.items()}}
    if isinstance(value, list | tuple):
        return {"L": [to_attribute(v) for v in value]}
    if isinstance(value, set | frozenset):
        if all(isinstance(v, str) for v in value):
            return {"SS": sorted(value)}
        if all(isinstance(v, int | Decimal) and not isinstance(v, bool) for v in value):
            return {"NS": [str(v) for v in sorted(value)]}
    raise TypeError(f"cannot store a {type(value).__name__} in DynamoDB")


def _number(text: str) -> int | Decimal:
    number = Decimal(text)
    return (
        int(number)
        if number == number.to_integral_value() and "e" not in text.lower() and "." not in text
        else number
    )


def from_attribute(attribute: Mapping[str, Any]) -> Any:
    """The plain Python value of a DynamoDB attribute value."""
    ((kind, value),) = attribute.items()
    if kind == "S":
        return value
    if kind == "N":
        return _number(value)
    if kind == "BOOL":
        return bool(value)
    if kind == "NULL":
        return None
    if kind == "M":
        return {k: from_attribute(v) for k, v in value.items()}
    if kind == "L":
        return [from_attribute(v) for v in value]
    if kind == "B":
        return bytes(value)
    if kind == "SS":
        return set(value)
    if kind == "NS":
        return {_number(v) for v in value}
    if kind == "BS":
        return {bytes(v) for v in value}
    raise TypeError(f"unknown DynamoDB attribute type {kind}")


def to_item(values: Mapping[str, Any]) -> dict[str, Any]:
    """A record as a DynamoDB item."""
    return {k: to_attribute(v) for k, v in values.items()}


def from_item(item: Mapping[str, Any]) -> dict[str, Any]:
    """A DynamoDB item as a plain record."""
    return {k: from_attribute(v) for k, v in item.items()}


# DynamoDB refuses an item of more than 400 KB (409,600 bytes, names included); items
# are kept below this, with room for the estimate's rounding.
MAX_ITEM_BYTES = 400_000


def _attribute_size(attribute: Mapping[str, Any]) -> int:
    ((kind, value),) = attribute.items()
    if kind == "S":
        return len(value.encode("utf-8", errors="surrogatepass"))
    if kind == "N":
        return (len(value.lstrip("-").replace(".", "")) + 1) // 2 + 1
    if kind == "B":
        return len(value)
    if kind in {"BOOL", "NULL"}:
        return 1
    if kind == "M":
        return 3 + sum(len(k.encode()) + 1 + _attribute_size(v) for k, v in value.items())
    if kind == "L":
        return 3 + sum(1 + _attribute_size(v) for v in value)
    if kind == "SS":
        return sum(len(v.encode("utf-8", errors="surrogatepass")) for v in value)
    if kind in {"NS", "BS"}:
        return sum(_attribute_size({kind[0]: v}) for v in value)
    raise TypeError(f"unknown DynamoDB attribute type {kind}")


def item_size(item: Mapping[str, Any]) -> int:
    """The size DynamoDB counts for an item (typed attributes): names and values, as its
    documentation gives them, rounded up."""
    return sum(len(name.encode()) + _attribute_size(value) for name, value in item.items())
