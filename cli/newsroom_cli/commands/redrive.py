"""`newsroom redrive [--queue NAME]`: move dead letters back to the queue they came from.

A message lands in a dead-letter queue after its queue's `maxReceiveCount` failed
deliveries (the function's log says why, with the article id). Once the cause is
fixed, this moves every message of the dead-letter queue back to its source queue,
where the function takes it again, and reports what it moved.

The pairs (source queue, dead-letter queue) come from the running local stack (the
template's `RedrivePolicy`), or on AWS from the stack's outputs (`--stack NAME`:
`XQueueName` and `XDeadLetterQueueName`). Messages are received, sent to the source
queue and deleted one by one, so a message is never lost: at worst (an interruption
between send and delete) it is delivered twice, which every consumer tolerates.

The report is in the command's language.
"""

from __future__ import annotations

import argparse
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from newsroom_cli.errors import CommandError
from newsroom_cli.local import add_data_dir_option, local_stack_resource
from newsroom_cli.messages import say

DEAD_LETTER = "DeadLetterQueue"


@dataclass(frozen=True)
class QueuePair:
    """A work queue and the dead-letter queue its redrive policy names."""

    name: str  # "images", "render", "publish"
    source_url: str
    dead_letter_url: str


@dataclass
class Moved:
    pair: QueuePair
    messages: int = 0
    subjects: list[str] = field(default_factory=list)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "redrive", help=say("help.redrive"), description=say("help.redrive_description")
    )
    parser.add_argument("--queue", default="", help=say("help.redrive_queue"))
    parser.add_argument(
        "--stack",
        default=os.environ.get("NEWSROOM_STACK", ""),
        help=say("help.redrive_stack"),
    )
    add_data_dir_option(parser)
    parser.set_defaults(run=run)


def _short(logical_id: str) -> str:
    return logical_id.removesuffix("Queue").lower()


def local_pairs(data_dir: Path | None) -> list[QueuePair]:
    """The template's queues with a redrive policy, as the running local stack has them."""
    from newsroom_local.template import load_template, resources_of_type

    pairs = []
    for logical_id, queue in resources_of_type(load_template(), "AWS::SQS::Queue").items():
        target = queue.get("Properties", {}).get("RedrivePolicy", {}).get("deadLetterTargetArn")
        if not target:
            continue
        dead_letter = target["Fn::GetAtt"][0]
        source_url = local_stack_resource(logical_id, data_dir)
        dead_letter_url = local_stack_resource(dead_letter, data_dir)
        if not source_url or not dead_letter_url:
            raise CommandError(say("redrive.no_local_stack"))
        pairs.append(QueuePair(_short(logical_id), source_url, dead_letter_url))
    return pairs


def stack_pairs(stack: str) -> list[QueuePair]:
    """The pairs a deployed stack's outputs name (`XQueueName`, `XDeadLetterQueueName`)."""
    import boto3
    from newsroom.aws import clients

    cloudformation = boto3.client("cloudformation")
    described = cloudformation.describe_stacks(StackName=stack)["Stacks"][0]
    outputs = {o["OutputKey"]: o["OutputValue"] for o in described.get("Outputs", [])}
    sqs = clients.sqs()
    pairs = []
    for key, value in sorted(outputs.items()):
        if not key.endswith(DEAD_LETTER + "Name"):
            continue
        prefix = key.removesuffix(DEAD_LETTER + "Name")
        source = outputs.get(prefix + "QueueName")
        if source:
            pairs.append(
                QueuePair(
                    prefix.lower(),
                    sqs.get_queue_url(QueueName=source)["QueueUrl"],
                    sqs.get_queue_url(QueueName=value)["QueueUrl"],
                )
            )
    return pairs


def _subject(body: str) -> str:
    """What a message is about, in a report line: the article and version, or the rebuild."""
    try:
        message = json.loads(body)
    except ValueError:
        return say("redrive.unreadable")
    if not isinstance(message, dict):
        return say("redrive.unreadable")
    if message.get("article_id"):
        version = f" v{message['version']}" if message.get("version") is not None else ""
        return say("redrive.article", article_id=message["article_id"], version=version)
    if message.get("rebuild_id"):
        return say(
            "redrive.rebuild", rebuild_id=message["rebuild_id"], part=message.get("part", "?")
        )
    return say("redrive.message")


def move_messages(sqs: Any, pair: QueuePair) -> Moved:
    """Every message of the pair's dead-letter queue, sent back to its source queue."""
    moved = Moved(pair)
    empty_receives = 0
    # SQS samples servers on a short receive: an empty answer twice in a row means empty.
    while empty_receives < 2:
        received = sqs.receive_message(
            QueueUrl=pair.dead_letter_url,
            MaxNumberOfMessages=10,
            WaitTimeSeconds=1,
            VisibilityTimeout=60,
            MessageAttributeNames=["All"],
            AttributeNames=["MessageGroupId"],
        ).get("Messages", [])
        if not received:
            empty_receives += 1
            continue
        empty_receives = 0
        for message in received:
            send: dict[str, Any] = {"QueueUrl": pair.source_url, "MessageBody": message["Body"]}
            if message.get("MessageAttributes"):
                send["MessageAttributes"] = message["MessageAttributes"]
            group = message.get("Attributes", {}).get("MessageGroupId")
            if group:  # a FIFO queue: back into its group, as a message of its own
                send.update(MessageGroupId=group, MessageDeduplicationId=message["MessageId"])
            sqs.send_message(**send)
            sqs.delete_message(
                QueueUrl=pair.dead_letter_url, ReceiptHandle=message["ReceiptHandle"]
            )
            moved.messages += 1
            moved.subjects.append(_subject(message["Body"]))
    return moved


def run(args: argparse.Namespace) -> int:
    try:
        pairs = stack_pairs(args.stack) if args.stack else local_pairs(args.data_dir)
    except (ClientError, BotoCoreError) as error:
        raise CommandError(
            say("redrive.stack_unreadable", stack=args.stack, error=error)
        ) from error
    if args.queue:
        wanted = _short(args.queue.removesuffix("DeadLetterQueue").removesuffix("-dlq"))
        pairs = [p for p in pairs if p.name == wanted]
        if not pairs:
            raise CommandError(say("redrive.no_queue", queue=args.queue))
    from newsroom.aws import clients

    total = 0
    try:
        for pair in pairs:
            moved = move_messages(clients.sqs(), pair)
            total += moved.messages
            print(say("redrive.moved", queue=pair.name, count=moved.messages))
            for subject in moved.subjects:
                print(f"  {subject}")
    except (ClientError, BotoCoreError) as error:
        raise CommandError(say("redrive.sqs_unreachable", error=error)) from error
    print(say("redrive.total", count=total))
    return 0
