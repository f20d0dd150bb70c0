"""Photo renditions: our pipeline against sharp, in one run, on the same twenty photos.

Generates twenty 4000×3000 JPEG photos (once; kept in benchmarks/.work/photos), then
times the full rendition set of each (widths 320, 640, 960, 1280 and 1920, each in
WebP and JPEG, JPEG quality 82 progressive, WebP quality 80 effort 4):

- ours:   newsroom.photos.renditions.make_renditions (libvips through pyvips), which
          also makes the social card and the placeholder;
- pillow: the same set made with Pillow alone (draft mode, cascade of downsizes),
          kept to show why the pipeline uses libvips;
- sharp:  sharp from npm, installed into benchmarks/photos/node_modules.

Prints the median milliseconds per photo of each and the ratio ours/sharp, by the wall
clock and by CPU time (all threads of the process). Runs alternate between ours and
sharp, and each photo keeps its best round. On a shared, busy machine the wall clock
also counts time spent waiting for a core, so the CPU figures are the steadier ones.
Usage: .venv/bin/python benchmarks/photos/bench.py [--rounds N] [--photos N]
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
WORK = ROOT / "benchmarks" / ".work" / "photos"
sys.path.insert(0, str(ROOT / "shared"))

from newsroom.photos.renditions import (  # noqa: E402
    JPEG_QUALITY,
    WEBP_EFFORT,
    WEBP_QUALITY,
    WIDTHS,
    make_renditions,
)

SIZE = (4000, 3000)


def make_photo(seed: int) -> bytes:
    """A photo-like 4000×3000 JPEG: soft shapes, edges and sensor noise."""
    rng = random.Random(seed)
    small = Image.new("RGB", (SIZE[0] // 4, SIZE[1] // 4), (rng.randrange(256),) * 3)
    draw = ImageDraw.Draw(small)
    for _ in range(120):
        x, y = rng.randrange(small.width), rng.randrange(small.height)
        w, h = rng.randrange(20, 400), rng.randrange(20, 300)
        colour = tuple(rng.randrange(256) for _ in range(3))
        if rng.random() < 0.5:
            draw.ellipse((x, y, x + w, y + h), fill=colour)
        else:
            draw.rectangle((x, y, x + w, y + h), fill=colour)
    image = small.resize(SIZE, Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(2))
    noise = Image.effect_noise(SIZE, 24).convert("RGB")
    image = Image.blend(image, noise, 0.12)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)
    return out.getvalue()


def photos(count: int) -> list[Path]:
    WORK.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in range(count):
        path = WORK / f"photo-{seed:02d}.jpg"
        if not path.exists():
            path.write_bytes(make_photo(seed))
        paths.append(path)
    return paths


def pillow_renditions(data: bytes) -> list[bytes]:
    """The same set with Pillow alone: draft decode, widest first, each from the last."""
    image = Image.open(io.BytesIO(data))
    image.draft("RGB", (WIDTHS[-1], WIDTHS[-1] * image.height // image.width))
    source = image.convert("RGB")
    outputs = []
    for width in sorted((w for w in WIDTHS if w <= image.width), reverse=True):
        height = round(source.height * width / source.width)
        source = source.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=2.0)
        for fmt, options in (
            ("JPEG", {"quality": JPEG_QUALITY, "optimize": True, "progressive": True}),
            ("WEBP", {"quality": WEBP_QUALITY, "method": WEBP_EFFORT}),
        ):
            out = io.BytesIO()
            source.save(out, fmt, **options)
            outputs.append(out.getvalue())
    return outputs


Timings = dict[str, dict[str, list[float]]]  # clock -> photo -> ms per round


def time_python(make: Callable[[bytes], object], paths: list[Path], rounds: int) -> Timings:
    inputs = {str(p): p.read_bytes() for p in paths}
    make(inputs[str(paths[0])])  # warm up: load libraries, fill caches
    timings: Timings = {"wall": {p: [] for p in inputs}, "cpu": {p: [] for p in inputs}}
    for _ in range(rounds):
        for path, data in inputs.items():
            wall, cpu = time.perf_counter(), time.process_time()
            make(data)
            timings["cpu"][path].append((time.process_time() - cpu) * 1000)
            timings["wall"][path].append((time.perf_counter() - wall) * 1000)
    return timings


def ensure_sharp() -> None:
    if not (HERE / "node_modules" / "sharp").is_dir():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=HERE, check=True)


def time_sharp(paths: list[Path], rounds: int) -> Timings:
    result = subprocess.run(
        ["node", "sharp_renditions.mjs", str(rounds), *map(str, paths)],
        cwd=HERE,
        check=True,
        capture_output=True,
        text=True,
    )
    timings: Timings = json.loads(result.stdout)
    return timings


def per_photo_median(timings: dict[str, list[float]]) -> float:
    """The median over photos of each photo's best round (noise on a shared machine)."""
    return statistics.median(min(values) for values in timings.values())


def _merge(into: Timings, more: Timings) -> None:
    for clock, photos in more.items():
        for path, values in photos.items():
            into.setdefault(clock, {}).setdefault(path, []).extend(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-pillow", action="store_true")
    args = parser.parse_args()
    ensure_sharp()
    paths = photos(args.photos)
    print(f"{len(paths)} photos {SIZE[0]}×{SIZE[1]}, {args.rounds} rounds, {platform.machine()}")
    ours: Timings = {}
    sharp: Timings = {}
    for _ in range(args.rounds):  # alternate, so background load falls on both alike
        _merge(ours, time_python(make_renditions, paths, 1))
        _merge(sharp, time_sharp(paths, 1))
    results = {"ours (pyvips)": ours, "sharp": sharp}
    if not args.skip_pillow:
        results["pillow only"] = time_python(pillow_renditions, paths, 1)
    print(f"{'':>14}  {'wall ms':>8}  {'CPU ms':>8}   (median per photo)")
    for name, timings in results.items():
        wall, cpu = (per_photo_median(timings[clock]) for clock in ("wall", "cpu"))
        print(f"{name:>14}: {wall:8.0f}  {cpu:8.0f}")
    for clock in ("wall", "cpu"):
        ratio = per_photo_median(ours[clock]) / per_photo_median(sharp[clock])
        print(f"ratio ours/sharp ({clock}): {ratio:.2f} (target at most 0.80)")


if __name__ == "__main__":
    main()
