"""Publish latency on the local stack: API accepted -> page served on the site port.

Starts `newsroom dev` (no demo, a temporary data directory, free ports), then, one
article at a time: creates it, uploads two 12-megapixel photos to their presigned
targets, publishes it, and polls the site until the article's page answers 200. The
latency of an article is from the publish request's 202 to that first 200. Also
reports the stack's start-up time to ready (from launching the command to the API
and the site answering), and how long each function's invocations took, from the
stack's own log lines.

    .venv/bin/python benchmarks/publish_latency.py [--articles 100]
"""

from __future__ import annotations

import argparse
import io
import platform
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from newsroom_local.client import EditorClient, wait_for_page
from newsroom_local.launch import StackProcess
from PIL import Image, ImageDraw

WIDTH, HEIGHT = 4000, 3000  # 12 megapixels


def twelve_megapixel_scene(seed: int) -> Image.Image:
    """A 4000x3000 picture with enough detail to weigh what a camera's JPEG does (a few MB)."""
    gradient = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    image = Image.merge("RGB", (gradient, gradient.rotate(90).resize((WIDTH, HEIGHT)), gradient))
    noise = Image.effect_noise((WIDTH, HEIGHT), 40 + seed).convert("RGB")
    image = Image.blend(image, noise, 0.35)
    draw = ImageDraw.Draw(image)
    for index in range(60):
        x = (index * 397 + seed * 71) % WIDTH
        y = (index * 211 + seed * 53) % HEIGHT
        colour = ((index * 40) % 255, (index * 90 + seed) % 255, (index * 20) % 255)
        draw.ellipse((x, y, x + 300, y + 220), fill=colour)
    return image


def distinct_photo(scene: Image.Image, number: int) -> bytes:
    """The scene with the article's number stamped on it: new bytes for every article.

    Photos are stored by their content, so the same bytes twice would be processed
    once; each article must bring photos of its own for the images function to work.
    """
    image = scene.copy()
    draw = ImageDraw.Draw(image)
    for bit in range(16):
        fill = (255, 255, 255) if number >> bit & 1 else (0, 0, 0)
        draw.rectangle((40 + bit * 60, 40, 90 + bit * 60, 90), fill=fill)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def invocation_times(log: str, function: str) -> list[float]:
    """Milliseconds of each invocation of `function`, from the stack's log lines."""
    pattern = rf"{function} +\d+ records? +\d+ failed +(\d+) ms"
    return [float(ms) for ms in re.findall(pattern, log)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument(
        "--batching-window-cap",
        type=int,
        default=None,
        help="cap the queues' batching windows (to see what they cost; Lambda honours them)",
    )
    args = parser.parse_args(argv)

    scenes = [twelve_megapixel_scene(1), twelve_megapixel_scene(2)]
    sizes = [len(distinct_photo(scene, 0)) // 1024 for scene in scenes]
    print(f"photos: 2 distinct {WIDTH}x{HEIGHT} JPEGs per article, about {sizes} KiB")
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as directory:
        cap = args.batching_window_cap
        extra = ("--batching-window-cap", str(cap)) if cap is not None else ()
        stack = StackProcess.start(Path(directory), demo=False, extra_args=extra)
        try:
            print(f"ready in {stack.ready_seconds:.2f} s (launch to API and site answering)")
            editor = EditorClient(stack.api_url, stack.token("editor"), timeout=60)
            latencies = []
            for number in range(1, args.articles + 1):
                article = editor.create_article(
                    {
                        "title": f"Bài đo thời gian xuất bản số {number}",
                        "summary": "Đo thời gian từ lúc xuất bản đến lúc có trang.",
                        "body": (
                            "Đoạn mở đầu của bài viết.\n\n![Ảnh thứ nhất](anh-1.jpg)\n\n"
                            "Đoạn thứ hai.\n\n![Ảnh thứ hai](anh-2.jpg)"
                        ),
                        "category": "tin-tuc",
                        "author": "Ban biên tập",
                    }
                )
                for index, scene in enumerate(scenes, start=1):
                    photo = distinct_photo(scene, number)
                    editor.add_photo(article["id"], f"anh-{index}.jpg", photo, f"Ảnh {index}")
                published = editor.publish(article["id"])
                accepted = time.monotonic()
                served = wait_for_page(published["url"], timeout=120, interval=0.02)
                latencies.append(served - accepted)
                if number % 10 == 0:
                    print(f"  {number:3d} articles, last {latencies[-1]:.2f} s", flush=True)
            editor.close()
            log = stack.output()
        finally:
            stack.stop()

    images = invocation_times(log, "ImagesFunction")
    renders = invocation_times(log, "RenderFunction")
    print()
    python = f"{platform.python_implementation()} {sys.version.split()[0]}"
    print(f"machine: {platform.machine()}, {python}")
    print(f"articles published: {len(latencies)} (each with two 12-megapixel photos)")
    windows = "as in the template" if cap is None else f"capped at {cap} s"
    print(f"batching windows: {windows}")
    print(f"publish latency p50: {statistics.median(latencies):.2f} s")
    print(f"publish latency p95: {percentile(latencies, 0.95):.2f} s")
    print(f"publish latency max: {max(latencies):.2f} s")
    print(f"start-up to ready:   {stack.ready_seconds:.2f} s")
    if images:
        print(f"images function per invocation, median: {statistics.median(images):.0f} ms")
    if renders:
        print(f"render function per invocation, median: {statistics.median(renders):.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
