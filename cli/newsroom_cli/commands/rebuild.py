"""`newsroom rebuild`: render the whole site again, in chunks, through the render queue."""

from __future__ import annotations

import argparse
import os
import uuid

from botocore.exceptions import BotoCoreError, ClientError

from newsroom_cli.commands.build import add_table_option
from newsroom_cli.errors import CommandError
from newsroom_cli.local import local_stack_resource
from newsroom_cli.messages import say

CHUNK = 50


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "rebuild", help=say("help.rebuild"), description=say("help.rebuild_description")
    )
    add_table_option(parser)
    parser.add_argument(
        "--queue-url",
        default=os.environ.get("RENDER_QUEUE_URL", ""),
        help=say("help.rebuild_queue_url"),
    )
    parser.add_argument("--chunk", type=int, default=CHUNK, help=say("help.rebuild_chunk"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from newsroom.aws.queues import Queue
    from newsroom.site.rebuild import rebuild_messages
    from newsroom.site.state import TableState
    from newsroom.storage.stores import SiteStores

    if not args.table:
        args.table = local_stack_resource("ArticlesTable", args.data_dir)
    if not args.table:
        raise CommandError(say("build.no_table"))
    if not args.queue_url:
        args.queue_url = local_stack_resource("RenderQueue", args.data_dir)
    if not args.queue_url:
        raise CommandError(say("rebuild.no_queue"))
    if not 1 <= args.chunk <= 100:
        raise CommandError(say("rebuild.bad_chunk"))
    queue = Queue(args.queue_url)
    try:
        messages = rebuild_messages(
            TableState(SiteStores.for_table(args.table)), args.chunk, uuid.uuid4().hex
        )
        for message in messages:
            queue.send(message)
    except (ClientError, BotoCoreError) as error:
        raise CommandError(say("rebuild.aws_unreachable", error=error)) from error
    print(say("rebuild.sent", count=len(messages)))
    return 0
