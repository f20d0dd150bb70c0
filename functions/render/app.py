"""Render: bring the site in line with one article, or render a chunk of a rebuild (SQS)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger
from newsroom.aws.batch import process_sqs_batch
from newsroom.aws.cdn import Cdn
from newsroom.config import settings
from newsroom.models.messages import RebuildRequested, RenderMessage
from newsroom.site.config import load_site_config
from newsroom.site.publisher import SitePublisher, SiteUpdate
from newsroom.storage.articles import ArticleStore
from newsroom.storage.buckets import SiteBucket

logger = Logger(service="render")
env = settings()
env.require("articles_table", "site_bucket")
store = ArticleStore(env.articles_table)
publisher = SitePublisher(store, SiteBucket(env.site_bucket), load_site_config(), env.site_base_url)
cdn = Cdn(env.distribution_id)


def render(envelope: RenderMessage) -> None:
    message = envelope.root
    update: SiteUpdate
    if isinstance(message, RebuildRequested):
        update = publisher.rebuild(message.part, message.items)
        subject: dict[str, object] = {"rebuild_id": message.rebuild_id, "part": message.part}
    else:
        update = publisher.update_for_article(store.get(message.article_id))
        subject = {"article_id": message.article_id, "version": message.version}
    invalidations = cdn.invalidate(update.changed_paths)
    logger.info(
        "site updated",
        extra={
            **subject,
            "written": len(update.written),
            "removed": update.removed,
            "invalidations": invalidations,
        },
    )


@logger.inject_lambda_context(log_event=False)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return process_sqs_batch(event, RenderMessage, render, logger)
