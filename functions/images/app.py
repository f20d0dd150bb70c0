"""Images: process the photos of a published article, then ask for a render (SQS batches)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger
from newsroom.aws.batch import process_sqs_batch
from newsroom.aws.queues import Queue
from newsroom.config import settings
from newsroom.models.messages import PhotosRequested
from newsroom.observability import put_metric
from newsroom.photos.pipeline import process_article_photos
from newsroom.storage.articles import ArticleStore
from newsroom.storage.buckets import ContentBucket, SiteBucket

logger = Logger(service="images")
env = settings()
env.require("articles_table", "content_bucket", "site_bucket", "render_queue_url")
article_store = ArticleStore(env.articles_table)
content_bucket = ContentBucket(env.content_bucket)
site_bucket = SiteBucket(env.site_bucket)
render_queue = Queue(env.render_queue_url)


def process(message: PhotosRequested) -> None:
    outcomes = process_article_photos(
        article_store, content_bucket, site_bucket, render_queue, message
    )
    processed = sum(1 for o in outcomes if o.processed)
    if processed:
        put_metric("PhotosProcessed", processed, article_id=message.article_id)
    logger.info(
        "photos processed",
        extra={
            "article_id": message.article_id,
            "version": message.version,
            "photos": [o.__dict__ for o in outcomes],
        },
    )


@logger.inject_lambda_context(log_event=False)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return process_sqs_batch(event, PhotosRequested, process, logger)
