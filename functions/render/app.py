"""Render: one article's change, the site's stale files, a chunk of a rebuild (SQS).

Two queues feed it. The render queue (many at once): one article's page, at once,
then its shared files marked stale and the site queue told; chunks of a rebuild;
invalidations asked for again. The site queue (FIFO, one group: one render at a time):
every stale file rendered once, however many publishes marked it.
"""

from __future__ import annotations

import time
from typing import Any

from aws_lambda_powertools import Logger
from newsroom.aws.batch import process_sqs_batch, process_together
from newsroom.aws.cdn import Cdn, InvalidationThrottled, invalidation_paths
from newsroom.aws.queues import Queue
from newsroom.config import settings
from newsroom.models.rebuild import (
    RENDER_MESSAGES,
    InvalidationDue,
    RebuildRequested,
    RenderMessage,
    SiteChanged,
)
from newsroom.observability import put_metric, put_publication_metrics
from newsroom.site.config import load_site_config
from newsroom.site.publisher import SitePublisher
from newsroom.site.settle import Settle
from newsroom.storage.buckets import SiteBucket
from newsroom.storage.stores import SiteStores

SITE_GROUP = "site"  # the site queue's one message group: its renders run one at a time
RETRY_INVALIDATION_AFTER = 60  # seconds, doubled at each refusal (SQS allows 900)
ARTICLE_THREADS = 4  # articles of one batch rendered at once: most of a render waits on AWS

logger = Logger(service="render")
env = settings()
env.require("articles_table", "site_bucket", "render_queue_url", "site_queue_url")
publisher = SitePublisher(
    SiteStores.for_table(env.articles_table),
    SiteBucket(env.site_bucket),
    load_site_config(),
    env.site_base_url,
    Settle.from_milliseconds(env.site_render_quiet_ms, env.site_render_longest_wait_ms),
)
cdn = Cdn(env.distribution_id)
render_queue = Queue(env.render_queue_url)
site_queue = Queue(env.site_queue_url)


def invalidate(paths: list[str], attempt: int = 1) -> None:
    """Invalidate the paths; when CloudFront asks to wait, ask again later, never fail."""
    try:
        cdn.invalidate(paths)
    except InvalidationThrottled as throttled:
        delay = min(900, RETRY_INVALIDATION_AFTER * 2 ** (attempt - 1))
        retry = InvalidationDue(paths=throttled.paths, attempt=attempt + 1)
        render_queue.send(retry, delay_seconds=delay)
        logger.warning("invalidation throttled", extra={"paths": len(paths), "retry_in": delay})


def render(message: RenderMessage) -> None:
    started = time.perf_counter()
    if isinstance(message, InvalidationDue):
        invalidate(message.paths, message.attempt)
        return
    if isinstance(message, RebuildRequested):
        update = publisher.rebuild(message.part, message.items)
        invalidate(invalidation_paths(update.written))
        logger.info("rebuilt", extra={"part": message.part, "written": len(update.written)})
        return
    if isinstance(message, SiteChanged):
        render_stale()
        return
    rendered = publisher.update_for_article(message.article_id)
    if rendered.article is not None and rendered.update.written:
        put_publication_metrics(rendered.article)
    site_queue.send(SiteChanged(article_id=message.article_id), group=SITE_GROUP)
    put_metric("RenderTime", round((time.perf_counter() - started) * 1000, 1), "Milliseconds")
    logger.info(
        "article rendered",
        extra={
            "article_id": message.article_id,
            "version": message.version,
            "deleted": rendered.article is None,
            "written": len(rendered.update.written),
            "removed": rendered.update.removed,
            "marked_stale": rendered.marked,
        },
    )


def render_stale() -> None:
    started = time.perf_counter()
    done = publisher.render_stale()
    if not done.rendered:
        return
    written = len(done.update.written)
    invalidate(invalidation_paths(done.update.written + done.update.removed))
    put_metric("RenderBatchSize", done.publishes)
    put_metric("SharedFilesPerPublish", round(written / max(done.publishes, 1), 1))
    put_metric("SiteRenderTime", round((time.perf_counter() - started) * 1000, 1), "Milliseconds")
    logger.info(
        "stale files rendered",
        extra={
            "files": done.rendered,
            "written": written,
            "publishes": done.publishes,
            "waited_ms": round(done.waited * 1000),
        },
    )


def asks_for_stale_render(record: dict[str, Any]) -> bool:
    """Whether a record is the site queue's "render what is stale" (a `SiteChanged`): those
    of a batch are rendered together, once. Anything else goes through its own kind."""
    if not site_queue.delivered(record):
        return False
    try:
        return isinstance(RENDER_MESSAGES.model_validate_json(record.get("body", "")), SiteChanged)
    except ValueError:  # not a render message at all: refused with the others, saying why
        return False


@logger.inject_lambda_context(log_event=False)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    records = event.get("Records", [])
    site = [r for r in records if asks_for_stale_render(r)]
    others = {"Records": [r for r in records if r not in site]}
    failures = process_sqs_batch(others, RENDER_MESSAGES, render, logger, threads=ARTICLE_THREADS)[
        "batchItemFailures"
    ]
    return {"batchItemFailures": failures + process_together(site, render_stale, logger)}
