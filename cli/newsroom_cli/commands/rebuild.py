"""`newsroom rebuild`: render the whole site again, in chunks, through the render queue."""

from __future__ import annotations

import argparse
import os
import uuid

from botocore.exceptions import BotoCoreError, ClientError

from newsroom_cli.commands.build import add_table_option
from newsroom_cli.errors import CommandError
from newsroom_cli.local import local_stack_resource

CHUNK = 50


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "rebuild",
        help="render the whole site again through the render queue (after a template change)",
        description="Send the render queue one message per chunk of articles and listings, "
        "so that the render function renders the site again in parallel.",
    )
    add_table_option(parser)
    parser.add_argument(
        "--queue-url",
        default=os.environ.get("RENDER_QUEUE_URL", ""),
        help="the render queue (default: $RENDER_QUEUE_URL, else the running local stack's)",
    )
    parser.add_argument("--chunk", type=int, default=CHUNK, help="items per message (1-100)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from newsroom.aws.queues import Queue
    from newsroom.site.rebuild import rebuild_messages
    from newsroom.site.state import TableState
    from newsroom.storage.stores import SiteStores

    if not args.table:
        args.table = local_stack_resource("ArticlesTable", args.data_dir)
    if not args.table:
        raise CommandError("no articles table: pass --table NAME or set ARTICLES_TABLE")
    if not args.queue_url:
        args.queue_url = local_stack_resource("RenderQueue", args.data_dir)
    if not args.queue_url:
        raise CommandError("no render queue: pass --queue-url URL or set RENDER_QUEUE_URL")
    if not 1 <= args.chunk <= 100:
        raise CommandError("--chunk must be between 1 and 100")
    queue = Queue(args.queue_url)
    try:
        messages = rebuild_messages(
            TableState(SiteStores.for_table(args.table)), args.chunk, uuid.uuid4().hex
        )
        for message in messages:
            queue.send(message)
    except (ClientError, BotoCoreError) as error:
        raise CommandError(f"cannot reach AWS: {error}") from error
    print(f"sent {len(messages)} render messages to the render queue")
    return 0
