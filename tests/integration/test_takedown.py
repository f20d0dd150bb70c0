"""A takedown stays down: an article unpublished and deleted leaves the whole site, in
whatever order its renders run, however late a render of it is delivered again, and
even when a render that read it while it was live is still writing."""

from __future__ import annotations

from typing import Any

import pytest
from newsroom.models.messages import RenderRequested
from newsroom.site import publisher as publishing
from newsroom.site.config import load_site_config
from newsroom.storage.buckets import SiteBucket
from newsroom.storage.stores import SiteStores

from tests.integration.conftest import SITE_URL, Stack
from tests.integration.editorial_helpers import EDITOR, create

TITLE = "Thông báo thu hồi lô hàng phân bón giả"
OTHER = "Hội nghị xúc tiến thương mại năm 2026"


def _create(stack: Stack, title: str) -> dict[str, Any]:
    return dict(create(stack, EDITOR, title=title, tags=["thị trường", "phân bón"]).body)


def _call(stack: Stack, method: str, route: str, article_id: str, status: int) -> None:
    answer, body, _ = stack.call_api(method, route, params={"id": article_id})
    assert answer == status, body


def _publish(stack: Stack, title: str) -> dict[str, Any]:
    article = _create(stack, title)
    _call(stack, "POST", "/articles/{id}/publish", article["id"], 202)
    _drain(stack)
    return article


def _drain(stack: Stack) -> None:
    stack.drain("ImagesFunction")
    results = stack.drain("RenderFunction")
    assert all(not r["batchItemFailures"] for r in results), results


def _naming(stack: Stack, article: dict[str, Any]) -> list[str]:
    """Every site file (renditions aside) that names the article: its title, its address
    or its id."""
    slug = article["url"].rstrip("/").rsplit("/", 1)[-1]
    found = []
    for key, body in stack.site_objects().items():
        if key.startswith("media/"):
            continue
        text = body.decode("utf-8", errors="replace")
        if slug in key or slug in text or article["title"] in text or article["id"] in text:
            found.append(key)
    return sorted(found)


def _page_key(article: dict[str, Any]) -> str:
    return article["url"].removeprefix(SITE_URL + "/") + "index.html"


def _send_render(stack: Stack, article_id: str, version: int) -> None:
    queue_url = stack.specs["RenderFunction"].queues[0].queue_url
    message = RenderRequested(article_id=article_id, version=version)
    stack.client("sqs").send_message(QueueUrl=queue_url, MessageBody=message.model_dump_json())


def test_unpublished_then_deleted_at_once_the_article_leaves_every_page_feed_and_index(
    stack: Stack,
) -> None:
    _publish(stack, OTHER)
    article = _publish(stack, TITLE)
    assert _page_key(article) in stack.site_objects()
    assert len(_naming(stack, article)) > 5  # listings, tag pages, feeds, sitemaps, search

    _call(stack, "POST", "/articles/{id}/unpublish", article["id"], 202)
    _call(stack, "DELETE", "/articles/{id}", article["id"], 204)
    _drain(stack)

    assert _naming(stack, article) == []
    assert _page_key(article) not in stack.site_objects()
    # The rest of the site is still there.
    assert any(OTHER.encode() in body for body in stack.site_objects().values())


def test_a_late_render_of_the_published_article_leaves_it_taken_down(stack: Stack) -> None:
    article = _publish(stack, TITLE)
    _call(stack, "POST", "/articles/{id}/unpublish", article["id"], 202)
    _drain(stack)
    _call(stack, "DELETE", "/articles/{id}", article["id"], 204)
    # The publish's render delivered again long after (a retry), then the deletion's.
    _send_render(stack, article["id"], article["version"] + 1)
    _drain(stack)
    assert _naming(stack, article) == []


def test_renders_of_unpublish_and_delete_in_reverse_order_take_it_down(stack: Stack) -> None:
    article = _publish(stack, TITLE)
    _call(stack, "POST", "/articles/{id}/unpublish", article["id"], 202)
    _call(stack, "DELETE", "/articles/{id}", article["id"], 204)
    # The deletion's messages first, then the unpublish's.
    images = stack.specs["ImagesFunction"].queues[0].queue_url
    sqs = stack.client("sqs")
    received = sqs.receive_message(QueueUrl=images, MaxNumberOfMessages=10)["Messages"]
    assert len(received) == 2
    for message in reversed(received):
        sqs.delete_message(QueueUrl=images, ReceiptHandle=message["ReceiptHandle"])
        sqs.send_message(QueueUrl=images, MessageBody=message["Body"])
        _drain(stack)
    assert _naming(stack, article) == []


def test_a_render_that_read_the_article_live_cannot_put_it_back_after_its_takedown(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The publish's render has read the article while it was live; before it places
    the article, the article is unpublished and deleted and the takedown's render runs
    to the end. The late render must not leave the article in its listings."""
    _publish(stack, OTHER)
    article = _create(stack, TITLE)
    _call(stack, "POST", "/articles/{id}/publish", article["id"], 202)
    stack.drain("ImagesFunction")

    site = publishing.SitePublisher(
        SiteStores.for_table(stack.env.ref("ArticlesTable")),
        SiteBucket(stack.env.ref("SiteBucket")),
        load_site_config(),
        SITE_URL,
    )
    real_place = publishing.SitePublisher.place
    meanwhile: list[str] = []

    def place_after_the_takedown(self: Any, article_id: str, current: Any) -> Any:
        if not meanwhile and current is not None and current.is_live:
            meanwhile.append("takedown")
            _call(stack, "POST", "/articles/{id}/unpublish", article_id, 202)
            _call(stack, "DELETE", "/articles/{id}", article_id, 204)
            stack.drain("ImagesFunction")
            site.update_for_article(article_id)  # the takedown's render, to the end
        return real_place(self, article_id, current)

    monkeypatch.setattr(publishing.SitePublisher, "place", place_after_the_takedown)
    late = site.update_for_article(article["id"])
    assert meanwhile == ["takedown"]
    assert late.article is None
    assert _naming(stack, article) == []
