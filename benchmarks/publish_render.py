"""What one publish renders, and what it costs, whatever the size of the site.

    python benchmarks/publish_render.py                 # sites of 100, 1,000 and 10,000
    python benchmarks/publish_render.py --sizes 100,1000

For each size it builds the articles table as publishing leaves it (the benchmark's
Vietnamese articles of `benchmarks/site_build.py`, the last one just placed), reads it
once into memory (`TableSnapshot`), and times the renderer drawing every file that
article's publish rewrites: its page and the files of its places
(the shared files its places are on, `newsroom.site.shared`: the pages around it in its
category, its listings' pages and feeds, its sitemap shard, its search block, the home
page and the pages of categories without articles, the archive...). No storage, no
writing: the cost of the pages themselves, the part of a publish the site's templates
decide. The median of 7
of the process's CPU time is printed, with the number of files.

Run it with another version of the code first on `PYTHONPATH` to compare the two.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from site_build import BASE_URL, SITE_CONFIG, generate, table_items


def _each(renderer: Any, names: list[str]) -> list[Any]:
    from newsroom.site.shared import render_shared

    return [render_shared(renderer, name) for name in names]


def render_cost(size: int, repeats: int = 7) -> tuple[float, int]:
    """Median CPU seconds to render what publishing article `size` rewrites, and how
    many files that is."""
    from boto3.dynamodb.types import TypeSerializer
    from newsroom.site.config import load_site_config
    from newsroom.site.pages import SiteContext
    from newsroom.site.renderer import SiteRenderer
    from newsroom.site.shared import names_of_places, render_all
    from newsroom.storage.snapshot import TableSnapshot

    articles = [g.article for g in generate(size)]
    serializer = TypeSerializer()
    items = [
        {k: serializer.serialize(v) for k, v in item.items()} for item in table_items(articles)
    ]
    site = SiteContext(load_site_config(str(SITE_CONFIG)), BASE_URL)
    newest = articles[-1].id
    timings, files = [], 0
    for _ in range(repeats):
        renderer = SiteRenderer(TableSnapshot(items), site)
        started = time.process_time()
        page = renderer.article_page(newest)
        names = names_of_places(renderer, renderer.state.placement(newest))
        rendered = render_all(renderer, names, partial(_each, renderer))
        timings.append(time.process_time() - started)
        files = len(rendered.files) + (page is not None)
    return statistics.median(timings), files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    args = parser.parse_args()
    costs = [(size, *render_cost(size)) for size in (int(s) for s in args.sizes.split(","))]
    print("rendering what one publish rewrites (CPU, median of 7)")
    for size, seconds, files in costs:
        print(f"  the {size}th article: {seconds * 1000:6.1f} ms, {files} files")
    if len(costs) >= 2:
        print(f"  {costs[-1][0]} vs {costs[0][0]}: {costs[-1][1] / costs[0][1]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
