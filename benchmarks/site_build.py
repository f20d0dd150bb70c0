"""Site build: `newsroom build` against Hugo, and the cost of publishing one more article.

    python benchmarks/site_build.py                    # 10,000 articles, sizes 100/1,000/10,000
    python benchmarks/site_build.py --articles 1000 --sizes 100,1000   # a quick look

It generates Vietnamese articles (about 600 words, 2 photos each, 10 categories)
and then, in one run on one machine:

1. writes them as the articles table holds them after publishing (articles with
   their bodies converted as saving does, photos, listing places and entries, search
   words) into a table export (DynamoDB JSON
   lines, as `newsroom build --snapshot` reads), and as Hugo content with templates
   that render the same pages (article with breadcrumb, figures, tags and related
   articles; category, tag and home listings of 20; RSS; sitemap), and times
   `newsroom build --snapshot FILE --out DIR` against `hugo` (Debian's) building it;
2. for sites of each size in `--sizes`, loads the table into moto (in-process) and
   times publishing one more article through the render path, counting the objects
   written to the site bucket.

Timings depend on the machine and on whatever else runs on it; run it again to compare.
"""

from __future__ import annotations

import argparse
import bisect
import gc
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "shared"), str(ROOT / "cli"), str(ROOT / "infra"), str(ROOT)]

from boto3.dynamodb.types import TypeSerializer  # noqa: E402
from newsroom.models.article import (  # noqa: E402
    Article,
    ArticleStatus,
    Photo,
    PhotoStatus,
    Rendition,
)
from newsroom.storage.articles import article_item, photo_item  # noqa: E402
from newsroom.text.slug import slugify  # noqa: E402

from tests.site_table import published_items  # noqa: E402

HUGO_TEMPLATES = Path(__file__).with_name("hugo")
SITE_CONFIG = HUGO_TEMPLATES / "site.toml"
BASE_URL = "https://congthuong.example.gov.vn"
CATEGORIES = [
    ("tin-tuc", "Tin tức"),
    ("chinh-sach", "Chính sách"),
    ("hoat-dong", "Hoạt động của Sở"),
    ("thong-bao", "Thông báo"),
    ("xuc-tien-thuong-mai", "Xúc tiến thương mại"),
    ("cong-nghiep", "Công nghiệp"),
    ("thuong-mai", "Thương mại"),
    ("nang-luong", "Năng lượng"),
    ("thi-truong", "Thị trường"),
    ("an-toan-thuc-pham", "An toàn thực phẩm"),
]
WORDS = [
    "Sở",
    "Công",
    "Thương",
    "tỉnh",
    "tổ",
    "chức",
    "hội",
    "nghị",
    "triển",
    "khai",
    "kế",
    "hoạch",
    "phát",
    "triển",
    "thương",
    "mại",
    "điện",
    "tử",
    "doanh",
    "nghiệp",
    "sản",
    "xuất",
    "xuất",
    "khẩu",
    "nông",
    "sản",
    "hàng",
    "hóa",
    "thị",
    "trường",
    "trong",
    "nước",
    "người",
    "tiêu",
    "dùng",
    "chương",
    "trình",
    "khuyến",
    "công",
    "năng",
    "lượng",
    "tiết",
    "kiệm",
    "hiệu",
    "quả",
    "quản",
    "lý",
    "nhà",
    "nước",
    "kiểm",
    "tra",
    "an",
    "toàn",
    "thực",
    "phẩm",
    "giá",
    "cả",
    "bình",
    "ổn",
    "hội",
    "chợ",
    "triển",
    "lãm",
    "xúc",
    "tiến",
    "đầu",
    "tư",
    "cụm",
    "công",
    "nghiệp",
    "hạ",
    "tầng",
    "điện",
    "lực",
    "nông",
    "thôn",
    "miền",
    "núi",
    "đồng",
    "bào",
    "dân",
    "tộc",
    "thiểu",
    "số",
    "chuyển",
    "đổi",
    "số",
    "dịch",
    "vụ",
    "công",
    "trực",
    "tuyến",
    "năm",
    "nay",
    "tăng",
    "trưởng",
    "so",
    "với",
    "cùng",
    "kỳ",
    "năm",
    "trước",
    "đạt",
    "kết",
    "quả",
    "tích",
    "cực",
    "lãnh",
    "đạo",
    "đề",
    "nghị",
    "các",
    "đơn",
    "vị",
    "phối",
    "hợp",
    "chặt",
    "chẽ",
    "thực",
    "hiện",
    "nhiệm",
    "vụ",
    "trọng",
    "tâm",
    "thời",
    "gian",
    "tới",
    "bảo",
    "đảm",
    "cung",
    "ứng",
    "xăng",
    "dầu",
    "hàng",
    "Việt",
    "Nam",
    "chất",
    "lượng",
    "cao",
    "thương",
    "hiệu",
    "sản",
    "phẩm",
    "OCOP",
    "đặc",
    "sản",
    "địa",
    "phương",
]
TAGS = [
    "hội chợ", "xuất khẩu", "OCOP", "chuyển đổi số", "khuyến công", "xăng dầu",
    "thương mại điện tử", "năng lượng", "an toàn thực phẩm", "hàng Việt", "cụm công nghiệp",
    "giá cả", "đầu tư", "nông sản", "điện lực",
]  # fmt: skip


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(10, 20))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _paragraph(rng: random.Random, words: int) -> str:
    sentences = []
    while sum(len(s.split()) for s in sentences) < words:
        sentences.append(_sentence(rng))
    return " ".join(sentences)


@dataclass(frozen=True)
class Generated:
    article: Article
    hugo_body: str


def generate(count: int, seed: int = 7) -> list[Generated]:
    """`count` published articles, oldest first, one every 20 minutes."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, 1, 0, tzinfo=UTC)
    made = []
    for n in range(count):
        published = start + timedelta(minutes=20 * n)
        category = CATEGORIES[n % len(CATEGORIES)][0]
        title = _sentence(rng).rstrip(".")[:120]
        paragraphs = [_paragraph(rng, 85) for _ in range(7)]
        photos = [
            Photo(
                name=f"anh-{p}.jpg",
                caption=f"Ảnh {p}: {_sentence(rng)}",
                alt=f"Ảnh minh họa {p}",
                position=p,
                status=PhotoStatus.READY,
                sha256=f"{n:08x}{p:056x}",
                width=1600,
                height=1067,
                renditions=[
                    Rendition(
                        width=w,
                        height=w * 2 // 3,
                        format=fmt,
                        key=f"media/{n % 256:02x}/{n:08x}{p}-v1/{w}.{ext}",
                    )
                    for w in (480, 960, 1600)
                    for fmt, ext in (("webp", "webp"), ("jpeg", "jpg"))
                ],
                created_at=published,
                updated_at=published,
            )
            for p in (1, 2)
        ]
        body = "\n\n".join(
            [
                *paragraphs[:2],
                "![Ảnh 1](anh-1.jpg)",
                *paragraphs[2:5],
                "![Ảnh 2](anh-2.jpg)",
                *paragraphs[5:],
            ]
        )
        hugo_body = "\n\n".join(
            [
                *paragraphs[:2],
                '{{< photo n="1" >}}',
                *paragraphs[2:5],
                '{{< photo n="2" >}}',
                *paragraphs[5:],
            ]
        )
        article_id = f"01bench{n:019d}"
        article = Article(
            id=article_id,
            slug=f"{slugify(title)}-{n:06d}",
            title=title,
            summary=_sentence(rng),
            body=body,
            category=category,
            tags=rng.sample(TAGS, 2),
            author="Phòng Thông tin",
            source="Sở Công Thương",
            status=ArticleStatus.PUBLISHED,
            version=3,
            created_at=published - timedelta(hours=1),
            updated_at=published,
            published_at=published,
        )
        article.photos = photos
        made.append(Generated(article, hugo_body))
    return made


def convert_bodies(generated: list[Generated]) -> float:
    """Convert each body for the site, as saving the article does; the seconds it took
    (paid once per save, spread over the editors' saves, not by a build)."""
    from newsroom.site.markdown import body_to_store

    started = time.process_time()
    for item in generated:
        item.article.body_prepared = body_to_store(item.article.body)
    return time.process_time() - started


# -- the table as publishing leaves it ----------------------------------------------------


def write_export(items: list[dict[str, Any]], path: Path) -> None:
    """The items as a DynamoDB table export: one `{"Item": ...}` per line."""
    serializer = TypeSerializer()
    with path.open("w", encoding="utf-8") as out:
        for item in items:
            typed = {k: serializer.serialize(v) for k, v in item.items()}
            out.write(json.dumps({"Item": typed}, ensure_ascii=False) + "\n")


# -- Hugo's side --------------------------------------------------------------------------


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def write_hugo_site(generated: list[Generated], root: Path) -> None:
    """The same articles as Hugo content, with the benchmark's Hugo templates."""
    shutil.copytree(HUGO_TEMPLATES / "layouts", root / "layouts")
    shutil.copy(HUGO_TEMPLATES / "hugo.toml", root / "hugo.toml")
    for slug, name in CATEGORIES:
        folder = root / "content" / slug
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "_index.md").write_text(f"---\ntitle: {_yaml(name)}\n---\n", encoding="utf-8")
    for item in generated:
        article = item.article
        photos = []
        for photo in article.photos:
            jpeg = sorted(
                (r for r in photo.renditions if r.format == "jpeg"), key=lambda r: r.width
            )
            webp = sorted(
                (r for r in photo.renditions if r.format == "webp"), key=lambda r: r.width
            )
            photos.append(
                "  - src: {}\n    thumb: {}\n    jpeg: {}\n    webp: {}\n"
                "    alt: {}\n    caption: {}".format(
                    _yaml("/" + jpeg[1].key),
                    _yaml("/" + jpeg[0].key),
                    _yaml(", ".join(f"/{r.key} {r.width}w" for r in jpeg)),
                    _yaml(", ".join(f"/{r.key} {r.width}w" for r in webp)),
                    _yaml(photo.alt),
                    _yaml(photo.caption),
                )
            )
        front = "\n".join(
            [
                "---",
                f"title: {_yaml(article.title)}",
                f"slug: {_yaml(article.slug)}",
                f"date: {article.sort_time.isoformat()}",
                f"lastmod: {article.updated_at.isoformat()}",
                f"description: {_yaml(article.summary)}",
                f"author: {_yaml(article.author)}",
                f"source: {_yaml(article.source)}",
                "tags: [" + ", ".join(_yaml(t) for t in article.tags) + "]",
                "photos:",
                *photos,
                "---",
                "",
            ]
        )
        path = root / "content" / article.category / f"{article.slug}.md"
        path.write_text(front + item.hugo_body + "\n", encoding="utf-8")


def time_hugo(root: Path) -> float:
    out = root / "public"
    started = time.perf_counter()
    subprocess.run(
        ["hugo", "--quiet", "--source", str(root), "--destination", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def time_newsroom_build(export: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "newsroom_cli.main",
            "build",
            "--snapshot",
            str(export),
            "--out",
            str(out),
            "--site-config",
            str(SITE_CONFIG),
            "--base-url",
            BASE_URL,
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path[:3])},
    )
    return time.perf_counter() - started


def _files(root: Path) -> int:
    return sum(1 for p in root.rglob("*") if p.is_file())


# -- publishing one more article ----------------------------------------------------------


class CountingBucket:
    """The site bucket, counting what a publish writes."""

    def __init__(self, bucket: Any) -> None:
        self.bucket = bucket
        self.writers = bucket.writers
        self.puts = 0
        self.deletes = 0

    def put(self, key: str, body: bytes, content_type: str, cache_control: str) -> None:
        self.puts += 1
        self.bucket.put(key, body, content_type, cache_control)

    def delete(self, key: str) -> None:
        self.deletes += 1
        self.bucket.delete(key)

    def exists(self, key: str) -> bool:
        return bool(self.bucket.exists(key))


@dataclass(frozen=True)
class PublishCost:
    size: int
    seconds: float
    cpu: float
    objects: int


class SortedTable:
    """The calls the render path makes on DynamoDB, answered from sorted partitions.

    moto's Query sorts every item of the table on each call, so on moto the cost of a
    query grows with the table, which DynamoDB's does not (it reads one partition, in
    key order). This stands in for the articles table, answering in the cost shape of
    DynamoDB, with items in DynamoDB JSON as the client sends and receives them.
    """

    class exceptions:  # noqa: N801 - the client's attribute
        ConditionalCheckFailedException = RuntimeError

    def __init__(self) -> None:
        self.partitions: dict[str, dict[str, dict[str, Any]]] = {}
        self.sorted_keys: dict[str, list[str]] = {}
        self.calls = 0

    def _store(self, pk: str, sk: str, item: dict[str, Any]) -> None:
        partition = self.partitions.setdefault(pk, {})
        if sk not in partition:
            bisect.insort(self.sorted_keys.setdefault(pk, []), sk)
        partition[sk] = item

    def load(self, items: list[dict[str, Any]]) -> None:
        serializer = TypeSerializer()
        for item in items:
            self.put_item(Item={k: serializer.serialize(v) for k, v in item.items()})

    def _key(self, key: dict[str, Any]) -> tuple[str, str]:
        return key["pk"]["S"], key["sk"]["S"]

    def put_item(self, **request: Any) -> dict[str, Any]:
        self.calls += 1
        pk, sk = self._key(request["Item"])
        self._store(pk, sk, dict(request["Item"]))
        return {}

    def get_item(self, **request: Any) -> dict[str, Any]:
        self.calls += 1
        pk, sk = self._key(request["Key"])
        item = self.partitions.get(pk, {}).get(sk)
        return {"Item": dict(item)} if item else {}

    def delete_item(self, **request: Any) -> dict[str, Any]:
        self.calls += 1
        self._delete(*self._key(request["Key"]))
        return {}

    def _delete(self, pk: str, sk: str) -> None:
        if self.partitions.get(pk, {}).pop(sk, None) is not None:
            self.sorted_keys[pk].remove(sk)

    def update_item(self, **request: Any) -> dict[str, Any]:
        # A counter: `ADD <name> <value>` (the count of publishes waiting for a render).
        self.calls += 1
        pk, sk = self._key(request["Key"])
        _, name, value = request["UpdateExpression"].split()
        name = request.get("ExpressionAttributeNames", {}).get(name, name)
        change = int(request["ExpressionAttributeValues"][value]["N"])
        item = self.partitions.get(pk, {}).get(sk)
        if item is None:
            item = {"pk": {"S": pk}, "sk": {"S": sk}}
            self._store(pk, sk, item)
        item[name] = {"N": str(int(item.get(name, {"N": "0"})["N"]) + change)}
        return {"Attributes": {name: item[name]}}

    def batch_write_item(self, **request: Any) -> dict[str, Any]:
        self.calls += 1
        for requests in request["RequestItems"].values():
            for one in requests:
                if "PutRequest" in one:
                    item = one["PutRequest"]["Item"]
                    self._store(*self._key(item), dict(item))
                else:
                    self._delete(*self._key(one["DeleteRequest"]["Key"]))
        return {}

    def transact_write_items(self, **request: Any) -> dict[str, Any]:
        # A claim of places: each listing head's `SET last_seq = :next` (with the name on
        # creation), and the placement's put; or the stale marks a render clears. One
        # caller at a time: no condition can fail.
        self.calls += 1
        for action in request["TransactItems"]:
            if "Put" in action:
                item = action["Put"]["Item"]
                self._store(*self._key(item), dict(item))
                continue
            if "Delete" in action:
                self._delete(*self._key(action["Delete"]["Key"]))
                continue
            update = action["Update"]
            pk, sk = self._key(update["Key"])
            values = update["ExpressionAttributeValues"]
            item = self.partitions.get(pk, {}).get(sk)
            if item is None:
                item = {"pk": {"S": pk}, "sk": {"S": sk}, "name": values[":name"]}
                self._store(pk, sk, item)
            item["last_seq"] = values[":next"]
        return {}

    def query(self, **request: Any) -> dict[str, Any]:
        self.calls += 1
        values = request["ExpressionAttributeValues"]
        pk = values[":pk"]["S"]
        partition = self.partitions.get(pk, {})
        keys = self.sorted_keys.get(pk, [])
        condition = request["KeyConditionExpression"]
        low, high = 0, len(keys)
        if "BETWEEN" in condition:
            low = bisect.bisect_left(keys, values[":first"]["S"])
            high = bisect.bisect_right(keys, values[":last"]["S"])
        elif "begins_with" in condition:
            prefix = values[":prefix"]["S"]
            low = bisect.bisect_left(keys, prefix)
            high = bisect.bisect_left(keys, prefix + "\U0010ffff")
        limit = request.get("Limit", high - low)
        if request.get("ScanIndexForward") is False:
            keys = keys[max(low, high - limit) : high][::-1]
        else:
            keys = keys[low : min(high, low + limit)]
        return {"Items": [dict(partition[k]) for k in keys]}

    def get_paginator(self, name: str) -> Any:
        table = self

        class OnePage:
            def paginate(self, **request: Any) -> list[dict[str, Any]]:
                request.pop("ProjectionExpression", None)
                return [table.query(**request)]

        return OnePage()


def time_publish(generated: list[Generated], size: int, repeats: int = 7) -> PublishCost:
    """A site of `size` articles (table in sorted partitions, site bucket in moto); publish
    `repeats` more, one by one: the median time and the objects one publish writes."""
    import boto3
    from moto import mock_aws
    from newsroom.aws import clients
    from newsroom.site.config import load_site_config
    from newsroom.site.publisher import SitePublisher
    from newsroom.storage.buckets import SiteBucket
    from newsroom.storage.stores import SiteStores

    os.environ.update(AWS_DEFAULT_REGION="us-east-1")
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    os.environ.pop("AWS_ENDPOINT_URL", None)
    with mock_aws():
        clients.reset_clients()
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="site")
        table = SortedTable()
        table.load(published_items([g.article for g in generated[:size]]))
        stores = SiteStores.for_table("articles", client=table)  # type: ignore[arg-type]
        bucket = CountingBucket(SiteBucket("site"))
        publisher = SitePublisher(stores, bucket, load_site_config(str(SITE_CONFIG)), BASE_URL)
        publisher.ensure_static()
        # The table lives in this process only to stand in for DynamoDB: keep it out of
        # the garbage collector's walks, which would otherwise grow with its size.
        gc.collect()
        gc.freeze()
        # In one process, moto answers S3 under the GIL: writing from threads only adds
        # waiting. Write one object at a time, so the process's CPU time is the cost.
        bucket.writers = 1
        timings, cpu, objects = [], [], 0
        for extra in generated[size : size + repeats]:
            article = extra.article
            table.load(
                [article_item(article)] + [photo_item(article.id, p) for p in article.photos]
            )
            bucket.puts = bucket.deletes = 0
            started, started_cpu = time.perf_counter(), time.process_time()
            # Its page, then the shared files it marked stale: one publish on its own.
            publisher.update_for_article(article.id)
            publisher.render_stale()
            timings.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            objects = bucket.puts + bucket.deletes
        clients.reset_clients()
    gc.unfreeze()
    return PublishCost(
        size=size, seconds=statistics.median(timings), cpu=statistics.median(cpu), objects=objects
    )


def full_builds(articles: list[Generated], work: Path, repeats: int = 3) -> float:
    """Time both full builds of the same articles, `repeats` times each, taking turns (a
    busy moment on the machine or its disk slows both alike); print the medians; return
    Hugo's.

    A third build reads the same table without the bodies' stored conversions, so that
    it converts every body itself as Hugo does: what the build would cost if saving
    did not convert them.
    """
    items = published_items([g.article for g in articles])
    export = work / "articles-table.jsonl"
    write_export(items, export)
    unconverted = work / "articles-table-unconverted.jsonl"
    write_export([{k: v for k, v in i.items() if k != "body_prepared"} for i in items], unconverted)
    write_hugo_site(articles, work / "hugo")
    converting = "newsroom build, converting bodies"
    times: dict[str, list[float]] = {"newsroom build": [], "hugo": [], converting: []}
    for _ in range(repeats):
        shutil.rmtree(work / "newsroom", ignore_errors=True)
        times["newsroom build"].append(time_newsroom_build(export, work / "newsroom"))
        shutil.rmtree(work / "hugo" / "public", ignore_errors=True)
        times["hugo"].append(time_hugo(work / "hugo"))
        shutil.rmtree(work / "converting", ignore_errors=True)
        times[converting].append(time_newsroom_build(unconverted, work / "converting"))
    medians = {name: statistics.median(runs) for name, runs in times.items()}
    ours, hugos = medians["newsroom build"], medians["hugo"]
    n = len(articles)
    print(f"\nfull build of {n} articles (wall time, median of {repeats} runs each, in turns)")
    for name, folder in (
        ("newsroom build", work / "newsroom"),
        ("hugo", work / "hugo" / "public"),
        (converting, work / "converting"),
    ):
        runs = ", ".join(f"{t:.2f}" for t in times[name])
        print(
            f"  {name + ':':16}{medians[name]:7.2f} s  {n / medians[name]:8.0f} articles/s  "
            f"{_files(folder)} files  (runs: {runs})"
        )
    print(f"  newsroom / hugo speed: {hugos / ours:.2f}x (target: >= 1.0)")
    print(f"  converting bodies in the build too: {hugos / medians[converting]:.2f}x")
    return hugos


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--keep", type=Path, default=None, help="keep the generated sites here")
    parser.add_argument("--repeats", type=int, default=3, help="full builds of each, in turns")
    parser.add_argument(
        "--publish-only", action="store_true", help="skip the full builds (Hugo's time unknown)"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if shutil.which("hugo") is None:
        print("hugo is not installed (Debian: apt-get install hugo)", file=sys.stderr)
        return 1
    hugo_version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs; {hugo_version.strip()}")
    generated = generate(max(args.articles, max(sizes, default=0)) + 3)
    converting = convert_bodies(generated)
    print(
        f"bodies converted as they are saved: {converting / len(generated) * 1000:.2f} ms CPU "
        f"per article ({converting:.2f} s for {len(generated)}, not part of any build)"
    )
    work = Path(args.keep or tempfile.mkdtemp(prefix="site-build-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        hugos = 0.0
        if not args.publish_only:
            hugos = full_builds(generated[: args.articles], work, args.repeats)
        costs = [time_publish(generated, size) for size in sizes]
        print("\npublishing one more article (site bucket on moto, table in sorted partitions;")
        print("median of 7; CPU time of the process, and wall time)")
        for cost in costs:
            print(
                f"  into {cost.size:>6} articles: {cost.cpu * 1000:7.1f} ms CPU, "
                f"{cost.seconds * 1000:7.1f} ms wall, {cost.objects} objects written"
            )
        if len(costs) >= 2:
            ratio = costs[-1].cpu / costs[0].cpu
            wall = costs[-1].seconds / costs[0].seconds
            print(
                f"  {costs[-1].size} vs {costs[0].size}: {ratio:.2f}x CPU, {wall:.2f}x wall "
                "(target: <= 1.2)"
            )
        if costs and hugos:
            share = costs[-1].seconds / hugos
            print(f"  largest vs Hugo's full build (wall): {share:.2%} (target: < 1%)")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
