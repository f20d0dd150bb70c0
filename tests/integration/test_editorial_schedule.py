"""Scheduled publishing, and unpublishing: what readers see follows the editors."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any
from xml.etree import ElementTree

import pytest
from newsroom.api.claims import caller_from_claims
from newsroom.editorial.articles import publish_article
from newsroom.editorial.errors import EditorialError
from newsroom_local.scheduler import Schedules, fire_due_schedules

from tests.integration.conftest import Stack
from tests.integration.editorial_helpers import (
    EDITOR,
    REPORTER,
    act,
    api,
    create,
    ingest_module,
)


def _site_keys(stack: Stack) -> set[str]:
    listed = stack.client("s3").list_objects_v2(Bucket=stack.env.ref("SiteBucket"))
    return {o["Key"] for o in listed.get("Contents", [])}


def _site_text(stack: Stack, key: str) -> str:
    s3 = stack.client("s3")
    body = s3.get_object(Bucket=stack.env.ref("SiteBucket"), Key=key)["Body"].read()
    return str(body.decode("utf-8"))


def _settle(stack: Stack) -> None:
    for function in ("IngestFunction", "ImagesFunction", "RenderFunction"):
        for result in stack.drain(function):
            assert result == {"batchItemFailures": []}


def _schedule(stack: Stack, article_id: str) -> dict[str, Any]:
    scheduler = stack.client("scheduler")
    found: dict[str, Any] = scheduler.get_schedule(Name=f"publish-{article_id}")
    return found


def _page_key(article: dict[str, Any]) -> str:
    return str(article["url"]).removeprefix("http://127.0.0.1:8080/") + "index.html"


def test_an_article_published_at_a_later_time_waits_then_goes_live(stack: Stack) -> None:
    article_id = create(stack, REPORTER).body["id"]
    when = (datetime.now(UTC) + timedelta(hours=2)).replace(microsecond=0)
    scheduled = act(stack, "publish", article_id, EDITOR, {"publish_at": when.isoformat()})
    assert scheduled.status == 202, scheduled.body
    assert scheduled.body["status"] == "scheduled"
    assert scheduled.body["scheduled_for"] == when.strftime("%Y-%m-%dT%H:%M:%SZ")

    schedule = _schedule(stack, article_id)
    assert schedule["ScheduleExpression"] == f"at({when.strftime('%Y-%m-%dT%H:%M:%S')})"
    assert schedule["ScheduleExpressionTimezone"] == "UTC"
    assert schedule["Target"]["Arn"] == stack.env.get_att("PublishQueue", "Arn")
    assert schedule["Target"]["RoleArn"] == stack.env.get_att("PublishSchedulerRole", "Arn")
    assert json.loads(schedule["Target"]["Input"])["article_id"] == article_id

    # Not yet due: nothing fires, nothing is on the site.
    assert fire_due_schedules(stack.client("scheduler"), stack.client("sqs")) == []
    _settle(stack)
    assert _page_key(scheduled.body) not in _site_keys(stack)

    fired = fire_due_schedules(
        stack.client("scheduler"), stack.client("sqs"), now=when + timedelta(seconds=1)
    )
    assert [f.name for f in fired] == [f"publish-{article_id}"]
    with pytest.raises(stack.client("scheduler").exceptions.ResourceNotFoundException):
        _schedule(stack, article_id)
    _settle(stack)

    live = api(stack, "GET", "/articles/{id}", params={"id": article_id}).body
    assert live["status"] == "published"
    assert live["scheduled_for"] is None
    assert live["updated_by"] == "scheduler"
    assert "Tỉnh khánh thành cầu Bến Lức mới" in _site_text(stack, _page_key(live))


def test_a_stale_schedule_does_nothing(stack: Stack) -> None:
    article_id = create(stack, REPORTER).body["id"]
    first = datetime.now(UTC) + timedelta(hours=1)
    later = datetime.now(UTC) + timedelta(hours=3)
    act(stack, "publish", article_id, EDITOR, {"publish_at": first.isoformat()})
    # Rescheduling replaces the schedule; the old message, if any, is ignored.
    act(stack, "publish", article_id, EDITOR, {"publish_at": later.isoformat()})
    module_queue = stack.env.ref("PublishQueue")
    stale = {
        "article_id": article_id,
        "publish_at": first.isoformat(),
        "kind": "publication_due",
    }
    stack.client("sqs").send_message(QueueUrl=module_queue, MessageBody=json.dumps(stale))
    _settle(stack)
    article = api(stack, "GET", "/articles/{id}", params={"id": article_id}).body
    assert article["status"] == "scheduled"
    assert _schedule(stack, article_id)["ScheduleExpression"].startswith(
        f"at({later.strftime('%Y-%m-%dT%H:%M')}"
    )


def test_unpublishing_a_scheduled_article_cancels_its_schedule(stack: Stack) -> None:
    article_id = create(stack, REPORTER).body["id"]
    when = datetime.now(UTC) + timedelta(days=1)
    act(stack, "publish", article_id, EDITOR, {"publish_at": when.isoformat()})
    assert act(stack, "unpublish", article_id, EDITOR).body["status"] == "unpublished"
    with pytest.raises(stack.client("scheduler").exceptions.ResourceNotFoundException):
        _schedule(stack, article_id)
    assert fire_due_schedules(stack.client("scheduler"), stack.client("sqs"), now=when) == []


def test_a_time_in_the_past_is_refused_and_the_article_waits(stack: Stack) -> None:
    # A mistyped year must not release an embargoed article at once.
    article_id = create(stack, REPORTER).body["id"]
    last_year = (datetime.now(UTC) - timedelta(days=365)).replace(microsecond=0)
    answer = act(stack, "publish", article_id, EDITOR, {"publish_at": last_year.isoformat()})
    assert answer.status == 422, answer.body
    assert [e["field"] for e in answer.body["errors"]] == ["publish_at"]
    assert "omit publish_at" in answer.body["errors"][0]["reason"]
    article = api(stack, "GET", "/articles/{id}", params={"id": article_id}).body
    assert article["status"] == "draft"
    _settle(stack)
    assert not [k for k in _site_keys(stack) if article["slug"] in k]


def test_a_time_within_a_minute_of_clock_skew_publishes_now(stack: Stack) -> None:
    article_id = create(stack, REPORTER).body["id"]
    skewed = datetime.now(UTC) - timedelta(seconds=30)
    answer = act(stack, "publish", article_id, EDITOR, {"publish_at": skewed.isoformat()})
    assert answer.status == 202, answer.body
    assert answer.body["status"] == "published"


def test_a_time_more_than_five_years_ahead_is_refused_with_the_range(stack: Stack) -> None:
    article_id = create(stack, REPORTER).body["id"]
    far = datetime.now(UTC) + timedelta(days=6 * 365)
    answer = act(stack, "publish", article_id, EDITOR, {"publish_at": far.isoformat()})
    assert answer.status == 422, answer.body
    assert [e["field"] for e in answer.body["errors"]] == ["publish_at"]
    assert "between now" in answer.body["errors"][0]["reason"]
    near = datetime.now(UTC) + timedelta(days=4 * 365)
    answer = act(stack, "publish", article_id, EDITOR, {"publish_at": near.isoformat()})
    assert answer.body["status"] == "scheduled"


def test_the_time_is_checked_again_where_articles_are_published(stack: Stack) -> None:
    module = ingest_module()
    article_id = create(stack, REPORTER).body["id"]
    editor = caller_from_claims(EDITOR)
    assert editor is not None
    with pytest.raises(EditorialError) as refused:
        publish_article(
            module.newsroom,
            article_id,
            by=editor,
            publish_at=datetime(2020, 1, 1, tzinfo=UTC),
        )
    assert refused.value.status == 422
    assert "omit publish_at" in refused.value.detail


def test_text_stored_before_the_character_rules_leaves_every_feed_readable(
    stack: Stack,
) -> None:
    # Old records may hold what the API now refuses; the feeds must parse all the same.
    article_id = create(stack, REPORTER).body["id"]
    store = ingest_module().article_store
    stored = store.get(article_id)
    old = stored.model_copy(
        update={
            "title": "Khai mạc\ufffe hội chợ\x0b nông sản\uffff",
            "summary": "Hơn 200\x00 gian hàng\ufdd0.",
            "author": "Nguyễn\x1f Thị Hoa",
            "version": stored.version + 1,
        }
    )
    store.save(old, expected_version=stored.version)
    published = act(stack, "publish", article_id, EDITOR)
    assert published.status == 202, published.body
    _settle(stack)
    feeds = sorted(k for k in _site_keys(stack) if k.endswith(".xml"))
    assert {"feed.xml", "atom.xml", "tin-tuc/feed.xml", "sitemaps/tin-moi.xml"} <= set(feeds)
    titles = []
    for key in feeds:
        document = ElementTree.fromstring(_site_text(stack, key).encode())  # noqa: S314
        titles += [t.text for t in document.iter() if t.tag.endswith("title") and t.text]
    assert "Khai mạc hội chợ nông sản" in titles


def test_a_time_without_a_zone_is_a_problem(stack: Stack) -> None:
    article_id = create(stack, REPORTER).body["id"]
    answer = act(stack, "publish", article_id, EDITOR, {"publish_at": "2099-01-01T08:00:00"})
    assert answer.status == 422
    assert answer.body["errors"][0]["field"] == "publish_at"


def test_unpublishing_removes_the_page_and_its_listing_entries(stack: Stack) -> None:
    article_id = create(stack, REPORTER).body["id"]
    published = act(stack, "publish", article_id, EDITOR).body
    _settle(stack)
    key = _page_key(published)
    assert key in _site_keys(stack)
    assert published["slug"] in _site_text(stack, "tin-tuc/index.html")
    feeds = [k for k in _site_keys(stack) if k.endswith(".xml")]
    assert [k for k in feeds if published["slug"] in _site_text(stack, k)]

    assert act(stack, "unpublish", article_id, EDITOR).status == 202
    _settle(stack)
    assert key not in _site_keys(stack)
    assert published["slug"] not in _site_text(stack, "tin-tuc/index.html")
    assert published["slug"] not in _site_text(stack, "index.html")
    # Nor in any feed, sitemap or other page: nothing on the site links to it.
    texts = [k for k in _site_keys(stack) if k.endswith((".html", ".xml", ".json", ".txt"))]
    assert any(k.endswith(".xml") for k in texts)
    mentions = [k for k in texts if published["slug"] in _site_text(stack, k)]
    assert mentions == []


def test_the_local_scheduler_reads_a_changed_schedule_again_and_fires_many_at_once(
    stack: Stack,
) -> None:
    scheduler, sqs = stack.client("scheduler"), stack.client("sqs")
    known = Schedules()
    ids = [create(stack, REPORTER).body["id"] for _ in range(3)]
    first = (datetime.now(UTC) + timedelta(hours=1)).replace(microsecond=0)
    later = first + timedelta(hours=2)
    for article_id in ids:
        act(stack, "publish", article_id, EDITOR, {"publish_at": first.isoformat()})
    assert fire_due_schedules(scheduler, sqs, now=first - timedelta(seconds=1), known=known) == []
    # Read once and remembered; then the first article is put off by two hours.
    act(stack, "publish", ids[0], EDITOR, {"publish_at": later.isoformat()})
    fired = fire_due_schedules(scheduler, sqs, now=first + timedelta(seconds=1), known=known)
    assert sorted(f.name for f in fired) == sorted(f"publish-{i}" for i in ids[1:])
    _settle(stack)
    statuses = [api(stack, "GET", "/articles/{id}", params={"id": i}).body["status"] for i in ids]
    assert statuses == ["scheduled", "published", "published"]
    fired = fire_due_schedules(scheduler, sqs, now=later + timedelta(seconds=1), known=known)
    assert [f.name for f in fired] == [f"publish-{ids[0]}"]
