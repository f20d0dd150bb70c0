"""Render: bring the site in line with one article, or render a chunk of a rebuild (SQS)."""

from __future__ import annotations

import time
from typing import Any

from aws_lambda_powertools import Logger
from newsroom.aws.batch import process_sqs_batch
from newsroom.aws.cdn import Cdn
from newsroom.aws.queues import Queue
from newsroom.config import settings
from newsroom.models.rebuild import RebuildRequested, RenderMessage
from newsroom.observability import put_metric, put_publication_metrics
from newsroom.site.config import load_site_config
from newsroom.site.files import SiteUpdate
from newsroom.site.publisher import RENDER_AGAIN_AFTER, SiteKeptChanging, SitePublisher
from newsroom.storage.buckets import SiteBucket
from newsroom.storage.stores import SiteStores

logger = Logger(service="render")
env = settings()
env.require("articles_table", "site_bucket", "render_queue_url")
publisher = SitePublisher(
    SiteStores.for_table(env.articles_table),
    SiteBucket(env.site_bucket),
    load_site_config(),
    env.site_base_url,
)
cdn = Cdn(env.distribution_id)
render_queue = Queue(env.render_queue_url)


def render(envelope: RenderMessage) -> None:
    message = envelope.root
    started = time.perf_counter()
    update: SiteUpdate
    if isinstance(message, RebuildRequested):
        update = publisher.rebuild(message.part, message.items)
        subject: dict[str, object] = {"rebuild_id": message.rebuild_id, "part": message.part}
    else:
        subject = {"article_id": message.article_id, "version": message.version}
        try:
            rendered = publisher.update_for_article(message.article_id)
        except SiteKeptChanging as behind:
            # Other renders kept changing the listings meanwhile: render it all again
            # once they have had time to finish, rather than let these files stand.
            render_queue.send(envelope, delay_seconds=RENDER_AGAIN_AFTER)
            update = behind.update
            subject["render_again_in"] = RENDER_AGAIN_AFTER
        else:
            update = rendered.update
            if rendered.article is None:
                subject["deleted"] = True
            elif update.written:
                put_publication_metrics(rendered.article)
    invalidations = cdn.invalidate(update.changed_paths)
    put_metric("RenderTime", round((time.perf_counter() - started) * 1000, 1), "Milliseconds")
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
