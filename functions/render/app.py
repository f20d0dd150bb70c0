"""Render: write an article's page and the listings it appears on (SQS batches)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger
from newsroom.aws.batch import process_sqs_batch
from newsroom.aws.cdn import Cdn
from newsroom.config import settings
from newsroom.models.messages import RenderRequested
from newsroom.site.config import load_site_config
from newsroom.site.publisher import SitePublisher
from newsroom.storage.articles import ArticleStore
from newsroom.storage.buckets import SiteBucket

logger = Logger(service="render")
env = settings()
env.require("articles_table", "site_bucket")
store = ArticleStore(env.articles_table)
publisher = SitePublisher(store, SiteBucket(env.site_bucket), load_site_config(), env.site_base_url)
cdn = Cdn(env.distribution_id)


def render(message: RenderRequested) -> None:
    update = publisher.update_for_article(store.get(message.article_id))
    invalidations = cdn.invalidate(update.changed_paths)
    logger.info(
        "site updated",
        extra={
            "article_id": message.article_id,
            "version": message.version,
            "written": update.written,
            "removed": update.removed,
            "invalidations": invalidations,
        },
    )


@logger.inject_lambda_context(log_event=False)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return process_sqs_batch(event, RenderRequested, render, logger)
