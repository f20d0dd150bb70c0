"""The running local stack, which commands fall back on when no API, table or queue is
named: the `--data-dir` option, and what the stack's `stack.json` says."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom_cli.messages import say

if TYPE_CHECKING:
    from newsroom_local.tokens import StackInfo


def add_data_dir_option(parser: argparse.ArgumentParser) -> None:
    """`--data-dir`: where the local stack to fall back on keeps its state."""
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help=say("help.data_dir"),
    )


def running_stack(data_dir: Path | None) -> StackInfo | None:
    """The local stack running on `data_dir` (`.newsroom` by default), or None when none
    is, or when the local stack is not installed."""
    try:
        from newsroom_local.stack import DEFAULT_DATA_DIR
        from newsroom_local.tokens import StackInfo, StackNotRunning
    except ImportError:
        return None
    try:
        return StackInfo.read((data_dir or DEFAULT_DATA_DIR).resolve())
    except StackNotRunning:
        return None


def local_stack_resource(logical_id: str, data_dir: Path | None = None) -> str:
    """The physical name (a queue's URL) of a resource of the running local stack, with
    the SDK pointed at it; empty when no local stack is running."""
    info = running_stack(data_dir)
    if info is None:
        return ""
    os.environ.setdefault("AWS_ENDPOINT_URL", info.cloud_endpoint)
    os.environ.setdefault("AWS_DEFAULT_REGION", info.region)
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    from newsroom.aws import clients

    suffix = "-" + logical_id.lower()
    if logical_id.endswith("Queue"):
        urls = clients.sqs().list_queues().get("QueueUrls", [])
        return next((u for u in urls if u.removesuffix(".fifo").endswith(suffix)), "")
    names = clients.dynamodb().list_tables().get("TableNames", [])
    return next((n for n in names if n.endswith(suffix)), "")
