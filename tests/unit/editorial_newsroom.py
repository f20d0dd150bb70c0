"""The newsroom on moto, for the editorial functions on their own: the articles table,
the images queue, the content bucket and the scheduler as template.yaml declares them,
and the people who call the functions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws
from newsroom.aws.queues import Queue
from newsroom.aws.scheduler import PublicationScheduler
from newsroom.editorial.newsroom import Newsroom
from newsroom.models.caller import Caller, Role
from newsroom.models.editorial import ArticleDraft
from newsroom.storage.articles import ArticleStore
from newsroom.storage.buckets import ContentBucket
from newsroom_local.resources import create_resources

REPORTER = Caller(user_id="0002-reporter", username="phong.vien", roles=frozenset({Role.REPORTER}))
OTHER_REPORTER = Caller(
    user_id="0004-reporter", username="phong.vien.2", roles=frozenset({Role.REPORTER})
)
EDITOR = Caller(user_id="0001-editor", username="bien.tap", roles=frozenset({Role.EDITOR}))
ADMIN = Caller(user_id="0003-admin", username="quan.tri", roles=frozenset({Role.ADMIN}))
NO_ROLE = Caller(user_id="0005-reader", username="ban.doc", roles=frozenset())


@pytest.fixture(name="newsroom")
def newsroom_on_moto(template: dict[str, Any]) -> Iterator[Newsroom]:
    """The newsroom's stores, queue and scheduler, created from the template in moto
    (the fixture `newsroom` of the modules that import this one)."""
    with mock_aws():
        env = create_resources(template)
        yield Newsroom(
            article_store=ArticleStore(env.ref("ArticlesTable")),
            images_queue=Queue(env.ref("ImagesQueue")),
            publication_scheduler=PublicationScheduler(
                env.get_att("PublishQueue", "Arn"), env.get_att("PublishSchedulerRole", "Arn")
            ),
            content_bucket=ContentBucket(env.ref("ContentBucket")),
        )


def draft(**changes: Any) -> ArticleDraft:
    """A valid article, as a reporter writes it."""
    return ArticleDraft.model_validate(
        {
            "title": "Khánh thành cầu Bến Lức mới",
            "summary": "Cây cầu rút ngắn thời gian đi lại giữa hai huyện.",
            "body": "Sáng nay, cầu Bến Lức mới chính thức thông xe.\n\nCầu dài 420 m.",
            "category": "tin-tuc",
            "tags": ["giao thông"],
            "author": "Trần Văn Nam",
            "source": "Sở Giao thông Vận tải",
            **changes,
        }
    )


def renders_asked(newsroom: Newsroom) -> list[tuple[str, int]]:
    """(article id, version) of every request sent to the images queue since the last look
    (the content bucket's notifications, which share the queue, are not requests)."""
    sqs = boto3.client("sqs", region_name="us-east-1")
    asked = []
    while True:
        received = sqs.receive_message(
            QueueUrl=newsroom.images_queue.url, MaxNumberOfMessages=10
        ).get("Messages", [])
        if not received:
            return asked
        for message in received:
            body = json.loads(message["Body"])
            if "article_id" in body:
                asked.append((body["article_id"], body["version"]))
            sqs.delete_message(
                QueueUrl=newsroom.images_queue.url, ReceiptHandle=message["ReceiptHandle"]
            )


def schedule_of(newsroom: Newsroom, article_id: str) -> dict[str, Any] | None:
    """The article's publication schedule in EventBridge Scheduler, or None."""
    scheduler = boto3.client("scheduler", region_name="us-east-1")
    try:
        found: dict[str, Any] = scheduler.get_schedule(
            Name=newsroom.publication_scheduler.name_for(article_id)
        )
    except scheduler.exceptions.ResourceNotFoundException:
        return None
    return found
