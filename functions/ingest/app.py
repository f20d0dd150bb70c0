"""Ingest: the editors' HTTP API (API Gateway HTTP API, JWT authorizer), and scheduled
publications (SQS messages that EventBridge Scheduler sends when an article is due)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger
from newsroom.api import snapstart
from newsroom.api.idempotency import IdempotencyStore
from newsroom.api.problems import Problem, unexpected_problem
from newsroom.api.router import Router
from newsroom.api.routes import EditorialApi, routes
from newsroom.aws.batch import process_sqs_batch
from newsroom.aws.queues import Queue
from newsroom.aws.scheduler import PublicationScheduler
from newsroom.config import settings
from newsroom.editorial.articles import publish_due
from newsroom.editorial.newsroom import Newsroom
from newsroom.models.messages import PublicationDue
from newsroom.observability import correlated, request_correlation_id
from newsroom.storage.articles import ArticleStore
from newsroom.storage.buckets import ContentBucket
from newsroom.storage.listings import ListingStore
from newsroom.storage.search import SearchStore
from newsroom.storage.stale import StaleFiles
from newsroom.storage.stores import SiteStores

DUE_THREADS = 4  # publications of one batch at once: each waits on the table and the queue

logger = Logger(service="ingest")
env = settings()
env.require("articles_table", "content_bucket", "images_queue_url")
article_store = ArticleStore(env.articles_table)
images_queue = Queue(env.images_queue_url)
publication_scheduler = PublicationScheduler(
    env.publish_queue_arn, env.scheduler_role_arn, env.schedule_group
)
content_bucket = ContentBucket(env.content_bucket)
newsroom = Newsroom(article_store, images_queue, publication_scheduler, content_bucket)
site_stores = SiteStores(
    article_store,
    ListingStore(env.articles_table),
    SearchStore(env.articles_table),
    StaleFiles(env.articles_table),
)
router = Router(
    EditorialApi(newsroom, env.site_base_url, env.upload_url_ttl_seconds, site_stores),
    idempotency=IdempotencyStore(env.idempotency_table) if env.idempotency_table else None,
)
router.include_routes(routes)


# SnapStart (template.yaml: ApiSnapStart): Lambda's Python runtime provides
# snapshot_restore_py and calls these hooks; elsewhere (the local stack, the tests) there is
# nothing to register with and the function starts as it always does.
try:
    from snapshot_restore_py import (  # type: ignore[import-not-found,unused-ignore]
        register_after_restore,
        register_before_snapshot,
    )
except ImportError:
    pass
else:
    register_before_snapshot(snapstart.before_snapshot)
    register_after_restore(snapstart.after_restore)


@router.exception_handler(Exception)
def unexpected(error: Exception) -> Problem:
    logger.exception("request failed")
    return unexpected_problem()


def publish_when_due(due: PublicationDue) -> None:
    article = publish_due(newsroom, due)
    logger.info(
        "scheduled publication",
        extra={"article_id": due.article_id, "published": article is not None},
    )


@logger.inject_lambda_context(log_event=False)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    if "Records" in event:
        return process_sqs_batch(
            event, PublicationDue, publish_when_due, logger, threads=DUE_THREADS
        )
    # The correlation id follows the article into every message this request sends.
    correlation_id = request_correlation_id(event)
    with correlated(logger, correlation_id, route=event.get("routeKey")):
        response = router.resolve(event, context)
    response.setdefault("headers", {})["X-Correlation-Id"] = correlation_id
    return response
