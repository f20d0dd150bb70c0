"""Helpers for the in-process reliability tests (the `stack` fixture on moto)."""

from __future__ import annotations

from tests.integration.conftest import Stack


def bucket_contents(stack: Stack) -> dict[str, bytes]:
    """Every object of the site bucket, key by key."""
    s3 = stack.client("s3")
    bucket = stack.env.ref("SiteBucket")
    found = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            found[item["Key"]] = s3.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
    return found
