"""Publishing through the pipeline keeps the site in line, and a full build gives the same bytes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsroom_cli.main import main
from tests.integration.conftest import Stack


def _publish(
    stack: Stack, title: str, *, category: str = "tin-tuc", tags: list[str] | None = None
) -> dict[str, Any]:
    status, article, _ = stack.call_api(
        "POST",
        "/articles",
        body={
            "title": title,
            "summary": f"Tóm tắt: {title}.",
            "body": f"Nội dung bài **{title}** về ngành Công Thương của tỉnh.\n\nĐoạn thứ hai.",
            "category": category,
            "tags": tags if tags is not None else ["công thương"],
            "author": "Trần Văn Bình",
            "source": "Văn phòng Sở",
        },
    )
    assert status == 201, article
    status, published, _ = stack.call_api(
        "POST", "/articles/{id}/publish", params={"id": article["id"]}
    )
    assert status == 202, published
    return published


def _bucket(stack: Stack) -> dict[str, bytes]:
    s3 = stack.client("s3")
    bucket = stack.env.ref("SiteBucket")
    found = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            found[item["Key"]] = s3.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
    return found


def _folder(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_smoke(stack: Stack, tmp_path: Path) -> None:
    for n in range(25):
        _publish(stack, f"Bài số {n} về hội chợ", tags=["hội chợ"] if n % 2 else ["Công Thương"])
    stack.drain("ImagesFunction")
    assert all(not r["batchItemFailures"] for r in stack.drain("RenderFunction"))
    site = _bucket(stack)
    for key in sorted(site):
        print(key)
    code = main(
        [
            "build",
            "--out",
            str(tmp_path / "out"),
            "--table",
            stack.env.ref("ArticlesTable"),
            "--base-url",
            "http://127.0.0.1:8080",
        ]
    )
    assert code == 0
    built = _folder(tmp_path / "out")
    assert sorted(built) == sorted(site)
    assert [k for k in site if site[k] != built[k]] == []
