"""Publishing through the pipeline keeps the site in line, touching only what it must;
a full build, and a rebuild through the render queue, give the same bytes."""

from __future__ import annotations

import json
import re
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from newsroom.site import listings
from newsroom.site.rebuild import rebuild_messages
from newsroom.site.state import TableState
from newsroom.storage.listings import ListingStore
from newsroom.storage.stores import SiteStores
from newsroom_cli.main import main
from newsroom_local.events import LambdaContext, sqs_event

from tests.integration.conftest import SITE_URL, Stack
from tests.integration.site_helpers import fresh_build, rendered_pages


@pytest.fixture(autouse=True)
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    # Three articles a page, so that a handful of articles fills several pages.
    monkeypatch.setattr(listings, "PAGE_SIZE", 3)


def _create(stack: Stack, title: str, tags: list[str], category: str = "tin-tuc") -> str:
    status, article, _ = stack.call_api(
        "POST",
        "/articles",
        body={
            "title": title,
            "summary": f"Tóm tắt: {title}.",
            "body": f"Nội dung bài **{title}** về ngành Công Thương của tỉnh.\n\nĐoạn thứ hai.",
            "category": category,
            "tags": tags,
            "author": "Trần Văn Bình",
            "source": "Văn phòng Sở",
        },
    )
    assert status == 201, article
    return str(article["id"])


def _act(stack: Stack, article_id: str, action: str) -> dict[str, Any]:
    status, answer, _ = stack.call_api(
        "POST", f"/articles/{{id}}/{action}", params={"id": article_id}
    )
    assert status == 202, answer
    stack.drain("ImagesFunction")
    assert all(not r["batchItemFailures"] for r in stack.drain("RenderFunction"))
    return dict(answer)


def _publish(stack: Stack, title: str, tags: list[str] | None = None) -> dict[str, Any]:
    return _act(stack, _create(stack, title, tags or ["hội chợ"]), "publish")


def _titles(html: bytes) -> list[str]:
    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', html.decode())


def test_pages_are_numbered_from_the_oldest_and_a_new_article_leaves_them_alone(
    stack: Stack,
) -> None:
    for n in range(1, 8):
        _publish(stack, f"Bài số {n}")
    before = stack.site_objects()
    assert _titles(before["tin-tuc/trang/1/index.html"]) == ["Bài số 3", "Bài số 2", "Bài số 1"]
    assert _titles(before["tin-tuc/trang/3/index.html"]) == ["Bài số 7"]
    # The index shows the two newest pages and links to the one before them.
    index = before["tin-tuc/index.html"].decode()
    assert _titles(before["tin-tuc/index.html"]) == [f"Bài số {n}" for n in range(7, 3, -1)]
    assert '<link rel="next" href="/tin-tuc/trang/1/">' in index

    _publish(stack, "Bài số 8")
    after = stack.site_objects()
    changed = {k for k in after if before.get(k) != after[k]}
    assert "tin-tuc/trang/3/index.html" in changed and "tin-tuc/index.html" in changed
    assert "tin-tuc/trang/1/index.html" not in changed
    assert "tin-tuc/trang/2/index.html" not in changed
    assert _titles(after["tin-tuc/trang/3/index.html"]) == ["Bài số 8", "Bài số 7"]
    # A publish writes a bounded set of files: never every page of the site.
    assert len(changed) < 45


def test_a_full_build_gives_the_bytes_that_publishing_wrote(stack: Stack, tmp_path: Path) -> None:
    ids = [_create(stack, f"Tin {n} về Công Thương", ["OCOP", "xuất khẩu"]) for n in range(5)]
    for article_id in ids:
        _act(stack, article_id, "publish")
    _act(stack, ids[1], "unpublish")
    site = rendered_pages(stack.site_objects())
    built = fresh_build(stack, tmp_path / "out")
    assert sorted(built) == sorted(site)
    assert [k for k in site if site[k] != built[k]] == []
    assert not any("tin-1-ve-cong-thuong" in k for k in built)


def test_unpublishing_takes_the_article_off_its_page_listings_feeds_and_search(
    stack: Stack,
) -> None:
    keep = _publish(stack, "Hội chợ hàng Việt khai mạc", ["hội chợ"])
    gone_id = _create(stack, "Giá xăng dầu giảm nhẹ", ["xăng dầu"])
    gone = _act(stack, gone_id, "publish")
    path = gone["url"].removeprefix(SITE_URL + "/")
    assert path + "index.html" in stack.site_objects()
    _act(stack, gone_id, "unpublish")
    site = stack.site_objects()
    assert path + "index.html" not in site
    for key in ("index.html", "tin-tuc/index.html", "feed.xml", "sitemaps/bai-viet-1.xml"):
        assert b"xang-dau" not in site[key], key
        assert keep["url"].removeprefix(SITE_URL).encode() in site[key], key
    docs = site["search/1/docs-1.json"]
    assert b"xang" not in docs and "Giá".encode() not in docs and b"Gi\\u00e1" not in docs


def test_a_rebuild_through_the_render_queue_restores_every_file(stack: Stack) -> None:
    for n in range(4):
        _publish(stack, f"Thông báo số {n}", ["thông báo"])
    site = rendered_pages(stack.site_objects())
    s3 = stack.client("s3")
    for key in site:
        s3.delete_object(Bucket=stack.env.ref("SiteBucket"), Key=key)
    messages = rebuild_messages(
        TableState(SiteStores.for_table(stack.env.ref("ArticlesTable"))), 2, uuid.uuid4().hex
    )
    assert [m.part for m in messages].count("articles") == 2
    sqs = stack.client("sqs")
    queue = stack.specs["RenderFunction"].queues[0].queue_url
    for message in messages:
        sqs.send_message(QueueUrl=queue, MessageBody=message.model_dump_json())
    assert all(not r["batchItemFailures"] for r in stack.drain("RenderFunction"))
    rebuilt = rendered_pages(stack.site_objects())
    assert sorted(rebuilt) == sorted(site)
    assert [k for k in site if site[k] != rebuilt[k]] == []


def _export(stack: Stack, path: Path, *, spaced: bool) -> None:
    """The table as a DynamoDB export writes it: one `{"Item": ...}` per line."""
    dynamodb = stack.client("dynamodb")
    separators = (", ", ": ") if spaced else (",", ":")
    with path.open("w", encoding="utf-8") as out:
        for page in dynamodb.get_paginator("scan").paginate(
            TableName=stack.env.ref("ArticlesTable")
        ):
            for item in page["Items"]:
                line = json.dumps({"Item": item}, ensure_ascii=False, separators=separators)
                out.write(line + "\n")


@pytest.mark.parametrize("spaced", [False, True], ids=["compact", "spaced"])
def test_a_build_from_a_table_export_gives_the_bytes_of_a_build_from_the_table(
    stack: Stack, tmp_path: Path, spaced: bool
) -> None:
    article_id = _create(stack, 'Hội chợ "Hàng Việt" 2026 \\ Sở Công Thương', ["OCOP"])
    _act(stack, article_id, "publish")
    _publish(stack, "Tin thứ hai về xuất khẩu", ["xuất khẩu"])
    _act(stack, article_id, "unpublish")
    _act(stack, article_id, "publish")  # a revision more in the export
    export = tmp_path / "export.jsonl"
    _export(stack, export, spaced=spaced)

    from_table = fresh_build(stack, tmp_path / "from-table")
    out = tmp_path / "from-export"
    code = main(
        [
            *("build", "--out", str(out), "--snapshot", str(export)),
            *("--base-url", SITE_URL, "--workers", "2"),
        ]
    )
    assert code == 0
    from_export = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert sorted(from_export) == sorted(from_table)
    assert [k for k in from_table if from_table[k] != from_export[k]] == []
    page = next(v for k, v in from_export.items() if "hoi-cho-hang-viet" in k).decode()
    assert "Hội chợ &#34;Hàng Việt&#34; 2026 \\ Sở Công Thương" in page


def test_a_broken_table_export_is_one_line_of_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "export.jsonl"
    export.write_text('{"Item": {"pk": {"S": "ARTICLE#x"}, "sk": {"S": "A"}}}\n{"Item": {\n')
    code = main(
        ["build", "--out", str(tmp_path / "out"), "--snapshot", str(export), "--lang", "vi"]
    )
    assert code == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"newsroom: không đọc được bản xuất {export}:")
    assert "\n" not in error


def test_build_without_a_table_says_so_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsroom_cli.commands import build

    monkeypatch.setattr(build, "local_stack_resource", lambda logical_id, data_dir: "")
    assert main(["build", "--out", "/tmp/nowhere-site", "--table", "", "--lang", "vi"]) == 1
    assert capsys.readouterr().err.strip() == (
        "newsroom: chưa có bảng bài viết: dùng --table TÊN hoặc đặt ARTICLES_TABLE"
    )
    assert main(["build", "--out", "/tmp/nowhere-site", "--table", "", "--lang", "en"]) == 1
    assert capsys.readouterr().err.strip() == (
        "newsroom: no articles table: pass --table NAME or set ARTICLES_TABLE"
    )


def test_moving_an_article_to_another_category_moves_its_page_and_listings(
    stack: Stack,
) -> None:
    article_id = _create(stack, "Chương trình khuyến công năm 2026", ["khuyến công"])
    first = _act(stack, article_id, "publish")
    _act(stack, article_id, "unpublish")
    status, current, headers = stack.call_api("GET", "/articles/{id}", params={"id": article_id})
    assert status == 200
    draft = {k: current[k] for k in ("title", "summary", "body", "tags", "author", "source")}
    status, moved, _ = stack.call_api(
        "PUT",
        "/articles/{id}",
        params={"id": article_id},
        body={**draft, "category": "chinh-sach"},
        headers={"If-Match": headers["ETag"]},
    )
    assert status == 200, moved
    second = _act(stack, article_id, "publish")
    site = stack.site_objects()
    old = first["url"].removeprefix(SITE_URL + "/")
    new = second["url"].removeprefix(SITE_URL + "/")
    assert old.startswith("tin-tuc/") and new.startswith("chinh-sach/")
    assert old + "index.html" not in site and new + "index.html" in site
    assert b"khuyen-cong" not in site["tin-tuc/index.html"]
    assert ("/" + new).encode() in site["chinh-sach/index.html"]


def _publisher(stack: Stack) -> Any:
    from newsroom.site import publisher as publishing
    from newsroom.site.config import load_site_config
    from newsroom.storage.buckets import SiteBucket

    return publishing.SitePublisher(
        SiteStores.for_table(stack.env.ref("ArticlesTable")),
        SiteBucket(stack.env.ref("SiteBucket")),
        load_site_config(),
        SITE_URL,
    )


def test_a_file_marked_again_while_it_was_rendered_is_rendered_again(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsroom.site import publisher as publishing

    site = _publisher(stack)
    first = _create(stack, "Bài viết thứ nhất", ["hội chợ"])
    second = _create(stack, "Bài viết thứ hai", ["hội chợ"])
    for article_id in (first, second):
        status, _, _ = stack.call_api("POST", "/articles/{id}/publish", params={"id": article_id})
        assert status == 202
    site.update_for_article(first)
    # The render of the stale files has read the category when the second article is
    # placed and its files marked; then it writes what it read, without the second.
    real_write = publishing.write_files
    interleaved: list[str] = []

    def write_after_the_other(output: Any, files: Any, threads: int = 1) -> Any:
        files = list(files)
        if not interleaved and any(f.key == "tin-tuc/index.html" for f in files):
            interleaved.append("second")
            site.update_for_article(second)
        return real_write(output, files, threads)

    monkeypatch.setattr(publishing, "write_files", write_after_the_other)
    site.render_stale()
    assert interleaved == ["second"]
    category = stack.site_objects()["tin-tuc/index.html"].decode()
    assert "Bài viết thứ hai" not in category  # not yet: its mark is still there
    assert "index:category:tin-tuc" in {m.name for m in site.stale.stale()}
    site.render_stale()  # the render the second publish asked for
    category = stack.site_objects()["tin-tuc/index.html"].decode()
    assert "Bài viết thứ nhất" in category and "Bài viết thứ hai" in category
    assert site.stale.stale() == []


def test_a_burst_of_publishes_renders_each_shared_file_once(stack: Stack) -> None:
    site = _publisher(stack)
    ids = [_create(stack, f"Tin nhanh số {n}", ["bão số 9"]) for n in range(12)]
    for article_id in ids:
        status, _, _ = stack.call_api("POST", "/articles/{id}/publish", params={"id": article_id})
        assert status == 202
    stack.drain("ImagesFunction")
    pages = [site.update_for_article(article_id) for article_id in ids]
    # Each article's own page is there at once, before any listing.
    objects = stack.site_objects()
    assert all(p.update.written for p in pages)
    assert "tin-tuc/index.html" not in objects

    done = site.render_stale()
    one = _publisher(stack)
    extra = _create(stack, "Tin nhanh số 12", ["bão số 9"])
    stack.call_api("POST", "/articles/{id}/publish", params={"id": extra})
    one.update_for_article(extra)
    alone = one.render_stale()
    assert done.publishes == 12 and alone.publishes == 1
    # Twelve publishes wrote the shared files about as often as one publish does.
    assert len(done.update.written) <= 3 * len(alone.update.written)
    category = [
        body.decode() for key, body in stack.site_objects().items() if key.startswith("tin-tuc/")
    ]
    assert "Tin nhanh số 12" in stack.site_objects()["tin-tuc/index.html"].decode()
    assert all(any(f">Tin nhanh số {n}<" in page for page in category) for n in range(13))


def test_places_are_given_without_gaps_when_another_render_claims_first(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = stack.env.ref("ArticlesTable")
    mine = ListingStore(table)
    other = ListingStore(table)
    real_head = mine.head
    claimed_meanwhile: list[str] = []

    def head_then_another_render_claims(key: str) -> Any:
        head = real_head(key)
        if not claimed_meanwhile:
            # Between this render's read and its write, another claims the next place.
            claimed_meanwhile.append(key)
            other.claim_places("bai-khac", {"category:tin-tuc": "tin-tuc"})
        return head

    monkeypatch.setattr(mine, "head", head_then_another_render_claims)
    placement = mine.claim_places("bai-nay", {"category:tin-tuc": "tin-tuc", "site": "Tin mới"})

    assert claimed_meanwhile == ["category:tin-tuc"]
    assert other.placement("bai-khac").seqs == {"category:tin-tuc": 1}
    assert placement.seqs == {"category:tin-tuc": 2, "site": 1}
    head = other.head("category:tin-tuc")
    assert head is not None and head.last_seq == 2
    # Claiming again (a message delivered twice) keeps the places: no new ones, no gap.
    assert mine.claim_places("bai-nay", {"category:tin-tuc": "tin-tuc", "site": "Tin mới"}) == (
        placement
    )
    assert other.head("category:tin-tuc") == head


def test_the_same_article_claimed_twice_at_once_gets_one_place_and_leaves_no_gap(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = stack.env.ref("ArticlesTable")
    first, second = ListingStore(table), ListingStore(table)
    real_head = first.head
    duplicate: list[Any] = []

    def head_then_the_duplicate_claims(key: str) -> Any:
        head = real_head(key)
        if not duplicate:
            duplicate.append(second.claim_places("bai-nay", {"site": "Tin mới"}))
        return head

    monkeypatch.setattr(first, "head", head_then_the_duplicate_claims)
    placement = first.claim_places("bai-nay", {"site": "Tin mới"})

    assert placement.seqs == duplicate[0].seqs == {"site": 1}
    head = first.head("site")
    assert head is not None and head.last_seq == 1
    assert ListingStore(table).claim_places("bai-sau", {"site": "Tin mới"}).seqs == {"site": 2}


def test_a_render_waits_for_publishes_still_marking_and_takes_them_all(stack: Stack) -> None:
    from newsroom.site.settle import Settle

    ids = [_create(stack, f"Tin bão cập nhật {n}", ["bão số 9"]) for n in range(4)]
    for article_id in ids:
        status, _, _ = stack.call_api("POST", "/articles/{id}/publish", params={"id": article_id})
        assert status == 202
    stack.drain("ImagesFunction")
    site = _publisher(stack)
    site.update_for_article(ids[0])
    # The render wakes with the first publish; the others mark while it waits, each
    # one "sleep" later (a real clock: each marking is stamped with the time it is).
    waiting = iter(ids[1:])

    def sleep(seconds: float) -> None:
        article_id = next(waiting, None)
        if article_id is None:
            time.sleep(seconds)
        else:
            site.update_for_article(article_id)

    site.settle = Settle(quiet=0.3, longest=30, sleep=sleep)
    done = site.render_stale()
    assert done.publishes == 4 and done.waited > 0
    category = stack.site_objects()["tin-tuc/index.html"].decode()
    assert all(f"Tin bão cập nhật {n}" in category for n in range(4))
    assert site.stale.stale() == []


def _deliver(
    stack: Stack, source: Any, extra: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """One batch of `source`'s queue, with `extra` messages beside it, to the render
    function as Lambda delivers it; the messages it did not refuse are deleted."""
    sqs = stack.client("sqs")
    received = sqs.receive_message(
        QueueUrl=source.queue_url, MaxNumberOfMessages=10, AttributeNames=["All"]
    ).get("Messages", [])
    result = stack.handlers["RenderFunction"](
        sqs_event([*received, *(extra or [])], source.queue_arn), LambdaContext("RenderFunction")
    )
    failed = {f["itemIdentifier"] for f in result["batchItemFailures"]}
    for message in received:
        if message["MessageId"] not in failed:
            sqs.delete_message(QueueUrl=source.queue_url, ReceiptHandle=message["ReceiptHandle"])
    return dict(result)


def test_the_site_queues_requests_are_rendered_once_however_they_are_written(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    article_id = _create(stack, "Hội nghị xúc tiến thương mại", ["xúc tiến"])
    status, _, _ = stack.call_api("POST", "/articles/{id}/publish", params={"id": article_id})
    assert status == 202
    stack.drain("ImagesFunction")
    sources = stack.specs["RenderFunction"].queues
    render_queue = next(s for s in sources if not s.queue_url.endswith(".fifo"))
    site_queue = next(s for s in sources if s.queue_url.endswith(".fifo"))
    # The article's own page first: its shared files are marked, the site queue told.
    assert _deliver(stack, render_queue) == {"batchItemFailures": []}
    assert "index.html" not in stack.site_objects()

    app = sys.modules[stack.handlers["RenderFunction"].__module__]
    renders: list[int] = []
    render_stale = app.publisher.render_stale
    monkeypatch.setattr(app.publisher, "render_stale", lambda: renders.append(1) or render_stale())
    # Beside the message the render function sent: the same request written by another
    # hand (spaces after the colons), and a body that is no message of the render's.
    spaced = json.dumps({"kind": "site_changed", "article_id": article_id})
    extra = [
        {"MessageId": f"tay-{n}", "ReceiptHandle": f"tay-{n}", "Body": body}
        for n, body in enumerate([spaced, spaced, "không phải JSON"])
    ]
    answer = _deliver(stack, site_queue, extra)

    assert answer == {"batchItemFailures": [{"itemIdentifier": "tay-2"}]}
    assert len(renders) == 1  # the whole batch's requests, in one render
    home = stack.site_objects()["index.html"].decode()
    assert "Hội nghị xúc tiến thương mại" in home
