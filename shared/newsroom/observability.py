"""Following an article through the system: one correlation id, and metrics as log lines.

- The correlation id starts at the API request (the caller's `X-Correlation-Id`, else
  API Gateway's request id), travels in every queue message's `correlation_id`, and
  is a key of every log line while the request or the message is handled.
- Metrics are CloudWatch embedded metric format (EMF) lines in the function's log:
  CloudWatch Logs turns them into metrics, with no call to CloudWatch. Powertools'
  Metrics builds and checks each line (name, unit, namespace `Newsroom`, the `service`
  dimension); it is imported with the Logger, so it costs no cold start. Its
  `EphemeralMetrics` is used, which keeps a metric set of its own rather than one
  shared by every `Metrics` of the process (tests run several functions in one). Each
  metric is its own line, written at once to the stream the function's log is on, so
  the properties it carries (the article's id, the correlation id) are its own even
  when one invocation handles several articles.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TextIO

from aws_lambda_powertools.metrics import EphemeralMetrics, MetricUnit

if TYPE_CHECKING:
    from newsroom.models.article import Article

NAMESPACE = "Newsroom"
CORRELATION_HEADER = "x-correlation-id"
_VALID_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,100}$")
_correlation: ContextVar[str] = ContextVar("correlation_id", default="")
# Where metric lines go: the function's log, as the Logger's lines (bound at import, as
# the Logger binds its stream, so a program that runs a handler in-process keeps its
# own standard output for itself).
metric_stream: TextIO = sys.stdout


def current_correlation_id() -> str:
    """The correlation id of the request or message being handled ('' outside one)."""
    return _correlation.get()


def request_correlation_id(event: dict[str, Any]) -> str:
    """The caller's `X-Correlation-Id` when it is a plain token, else the request id."""
    headers = {k.lower(): v for k, v in (event.get("headers") or {}).items()}
    given = str(headers.get(CORRELATION_HEADER, ""))
    if _VALID_ID.match(given):
        return given
    return str(event.get("requestContext", {}).get("requestId", "")) or os.urandom(8).hex()


@contextmanager
def correlated(logger: Any, correlation_id: str, **keys: Any) -> Iterator[None]:
    """While handling one request or message: the id in context and on every log line
    this thread writes."""
    token = _correlation.set(correlation_id)
    appended = {"correlation_id": correlation_id, **{k: v for k, v in keys.items() if v}}
    # Keys of this thread only: records of one batch may be handled on several threads.
    append = getattr(logger, "thread_safe_append_keys", None)
    if append is not None:
        append(**appended)
    try:
        yield
    finally:
        _correlation.reset(token)
        remove = getattr(logger, "thread_safe_remove_keys", None)
        if remove is not None:
            remove(list(appended))


def put_metric(
    name: str, value: float, unit: MetricUnit | str = MetricUnit.Count, **properties: Any
) -> None:
    """One metric as an EMF line of the function's log (dimension: its service name).

    `properties` (and the correlation id of the request or message being handled) are
    keys of the line, for searching the log; they are not dimensions.
    """
    metrics = EphemeralMetrics(
        namespace=os.environ.get("POWERTOOLS_METRICS_NAMESPACE", NAMESPACE),
        service=os.environ.get("POWERTOOLS_SERVICE_NAME", "newsroom"),
    )
    metrics.add_metric(name=name, unit=unit, value=value)
    if _correlation.get() and "correlation_id" not in properties:
        metrics.add_metadata("correlation_id", _correlation.get())
    for key, given in properties.items():
        metrics.add_metadata(key, given)
    record: dict[str, Any] = dict(metrics.serialize_metric_set())
    # One value, written as the number itself (Powertools writes a list of values).
    record[name] = value
    metric_stream.write(json.dumps(record, default=str) + "\n")


def put_publication_metrics(article: Article) -> None:
    """Metrics for a live article whose page was just written: the time from the save of
    this version (a publish or a correction) to its page, and one more published article
    when this version is its first publication."""
    if not article.is_live or article.published_at is None:
        return
    live = (datetime.now(UTC) - article.updated_at).total_seconds()
    put_metric("PublishToLive", round(live * 1000), MetricUnit.Milliseconds, article_id=article.id)
    if abs((article.updated_at - article.published_at).total_seconds()) < 1:
        put_metric("ArticlesPublished", 1, article_id=article.id)
