"""What the editorial functions work with: the newsroom's stores, queue and scheduler.

One object, built once by each program that runs the workflow (the ingest function,
tests on moto), and passed to every editorial function: the functions stay plain, and
know nothing of where the names of the table, the bucket and the queue come from.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsroom.aws.queues import Queue
from newsroom.aws.scheduler import PublicationScheduler
from newsroom.storage.articles import ArticleStore
from newsroom.storage.buckets import ContentBucket


@dataclass(frozen=True)
class Newsroom:
    """The articles table, the images queue (photos to process, pages to render), the
    scheduler of publications, and the content bucket that holds the photos' originals."""

    article_store: ArticleStore
    images_queue: Queue
    publication_scheduler: PublicationScheduler
    content_bucket: ContentBucket
