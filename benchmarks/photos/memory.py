"""Peak memory of processing large photos, each measured in a fresh subprocess.

Generates a 50-megapixel JPEG (8660×5774), a 50-megapixel PNG and a 24-megapixel HEIC
(once, in a subprocess of its own, so that this process stays small: Linux hands a
parent's peak RSS down to its children; kept in benchmarks/.work/photos; pillow-heif
writes a 48-megapixel HEIC as one untiled image that libheif then refuses, whereas
phones write tiled grids), then, for each case, starts a Python that
imports what the images function imports, makes every rendition, and reports its peak
resident set size (resource.getrusage ru_maxrss). The "two at once" case processes
two 50-megapixel JPEGs on the pipeline's two photo threads, as an article would.

Usage: .venv/bin/python benchmarks/photos/memory.py
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
WORK = ROOT / "benchmarks" / ".work" / "photos"

CHILD = """
import json, resource, sys, time
from concurrent.futures import ThreadPoolExecutor
sys.path.insert(0, {shared!r})
import boto3  # what the handler imports
from newsroom.photos import pipeline
from newsroom.photos.renditions import make_renditions
paths = sys.argv[1:]
baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
data = [open(path, "rb").read() for path in paths]
start = time.perf_counter()
with ThreadPoolExecutor(pipeline.PHOTO_THREADS) as pool:
    made = list(pool.map(make_renditions, data))
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"baseline_mb": baseline / 1024, "peak_mb": peak / 1024,
                  "seconds": seconds, "renditions": sum(len(m.renditions) for m in made)}}))
"""


def _scene(width: int, height: int, *, noise: bool = True) -> Image.Image:
    small = Image.new("RGB", (width // 8, height // 8), (120, 140, 160))
    draw = ImageDraw.Draw(small)
    for i in range(200):
        x, y = (i * 7919) % small.width, (i * 104729) % small.height
        draw.ellipse((x, y, x + 40 + i % 300, y + 30 + i % 200), fill=(i % 256, 90, 255 - i % 256))
    image = small.resize((width, height), Image.Resampling.BILINEAR)
    if not noise:  # a flat graphic: the only kind of 50 MP PNG that fits in 25 MB
        return image
    return Image.blend(
        image.filter(ImageFilter.GaussianBlur(1)),
        Image.effect_noise((width, height), 20).convert("RGB"),
        0.1,
    )


def _sample(name: str, width: int, height: int, fmt: str, **options: object) -> Path:
    path = WORK / name
    if not path.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        if fmt == "HEIF":
            import pillow_heif

            pillow_heif.register_heif_opener()
        out = io.BytesIO()
        _scene(width, height, noise=fmt != "PNG").save(out, fmt, **options)
        path.write_bytes(out.getvalue())
    return path


def measure(paths: list[Path]) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", CHILD.format(shared=str(ROOT / "shared")), *map(str, paths)],
        check=True,
        capture_output=True,
        text=True,
    )
    measured: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return measured


SAMPLES = {
    "jpeg": ("memory-50mp.jpg", 8660, 5774, "JPEG", {"quality": 90}),
    "png": ("memory-50mp-flat.png", 8660, 5774, "PNG", {"compress_level": 9}),
    "heic": ("memory-24mp.heic", 6000, 4000, "HEIF", {"quality": 80}),
}


def main() -> None:
    if sys.argv[1:] == ["--make-samples"]:
        for name, width, height, fmt, options in SAMPLES.values():
            _sample(name, width, height, fmt, **options)
        return
    subprocess.run([sys.executable, __file__, "--make-samples"], check=True)
    jpeg, png, heic = (WORK / SAMPLES[kind][0] for kind in ("jpeg", "png", "heic"))
    cases = {
        "50 MP JPEG": [jpeg],
        "50 MP JPEG, two at once": [jpeg, jpeg],
        "50 MP PNG": [png],
        "24 MP HEIC": [heic],
        "24 MP HEIC, two at once": [heic, heic],
    }
    for name, paths in cases.items():
        size = sum(p.stat().st_size for p in paths) / 1e6
        if size > 25 * len(paths):
            print(f"{name:>24}: skipped, the file is {size:.0f} MB (over the 25 MB limit)")
            continue
        m = measure(paths)
        print(
            f"{name:>24}: peak RSS {m['peak_mb']:6.0f} MB"
            f" (after imports {m['baseline_mb']:.0f} MB), {m['seconds']:.2f} s, files {size:.1f} MB"
        )


if __name__ == "__main__":
    main()
