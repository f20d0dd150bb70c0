"""Images: process a photo as soon as it is uploaded (the content bucket's S3 notification),
or every photo of an article being published, then ask for a render (SQS batches)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger
from newsroom.aws.batch import process_sqs_batch
from newsroom.aws.queues import Queue
from newsroom.config import settings
from newsroom.models.messages import PhotosRequested
from newsroom.models.uploads import ImagesMessage, UploadNotification
from newsroom.observability import put_metric
from newsroom.photos.pipeline import PhotoOutcome, process_article_photos, process_upload
from newsroom.storage.articles import ArticleStore
from newsroom.storage.buckets import ContentBucket, SiteBucket

# One message of a batch at a time (each article's photos are processed on threads): two
# uploads of the same bytes in one batch are then made into renditions once, the second
# finding the first's.
ARTICLE_THREADS = 1

logger = Logger(service="images")
env = settings()
env.require("articles_table", "content_bucket", "site_bucket", "render_queue_url")
article_store = ArticleStore(env.articles_table)
content_bucket = ContentBucket(env.content_bucket)
site_bucket = SiteBucket(env.site_bucket)
render_queue = Queue(env.render_queue_url)


def _report(article_id: str, outcomes: list[PhotoOutcome], **subject: Any) -> None:
    processed = sum(1 for o in outcomes if o.processed)
    if processed:
        put_metric("PhotosProcessed", processed, article_id=article_id)
    photos = [o.__dict__ for o in outcomes]
    logger.info("photos processed", extra={"article_id": article_id, **subject, "photos": photos})


def process(envelope: ImagesMessage) -> None:
    message = envelope.root
    if isinstance(message, PhotosRequested):
        outcomes = process_article_photos(
            article_store, content_bucket, site_bucket, render_queue, message
        )
        _report(message.article_id, outcomes, version=message.version)
    elif isinstance(message, UploadNotification):
        for upload in message.uploads():
            outcome = process_upload(
                article_store, content_bucket, site_bucket, render_queue, upload
            )
            if outcome is None:
                logger.info(
                    "upload ignored: not its photo's current one", extra=upload.model_dump()
                )
            else:
                _report(upload.article_id, [outcome], upload_id=upload.upload_id)
    else:
        logger.info("S3 test event: nothing to do", extra={"bucket": message.bucket})


@logger.inject_lambda_context(log_event=False)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return process_sqs_batch(event, ImagesMessage, process, logger, threads=ARTICLE_THREADS)
