"""Helpers for the in-process reliability tests (the `stack` fixture on moto)."""

from __future__ import annotations

from typing import Any

from tests.integration.conftest import Stack


def draft_body(title: str, category: str = "tin-tuc") -> dict[str, Any]:
    return {
        "title": title,
        "summary": f"Tóm tắt: {title}.",
        "body": f"Nội dung bài **{title}** về ngành Công Thương.\n\nĐoạn thứ hai.",
        "category": category,
        "tags": ["hội chợ", "OCOP"],
        "author": "Trần Văn Bình",
        "source": "Văn phòng Sở",
    }


def bucket_contents(stack: Stack) -> dict[str, bytes]:
    """Every object of the site bucket, key by key."""
    s3 = stack.client("s3")
    bucket = stack.env.ref("SiteBucket")
    found = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            found[item["Key"]] = s3.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
    return found
