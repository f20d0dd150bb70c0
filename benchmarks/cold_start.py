"""Cold start: importing each Lambda handler module, against `import boto3` alone.

Every measurement runs in a fresh Python process, as a cold Lambda does: the
process imports one module and reports how long that import took (interpreter
start-up, the same for all, is left out). Runs are interleaved, so a busy moment
on the machine slows every candidate alike, and the median of each is kept.

Two clocks are read: the wall clock, and the CPU time of the importing process.
On an idle machine they agree (an import is CPU work on files in the page cache);
on a shared, busy one the wall clock also counts the time spent waiting for a
core, so the verdict uses CPU time, and the wall-clock figures are shown beside it.

The handlers are imported as Lambda imports them: their code directory and the
shared layer on `sys.path`, the environment variables that template.yaml gives
them (resource names filled in with placeholders), and `AWS_ENDPOINT_URL`
pointing at a closed local port, so an import that called AWS would fail loudly
instead of reaching anything.

    python benchmarks/cold_start.py            # 20 runs each
    python benchmarks/cold_start.py --runs 5   # a quick look
    python benchmarks/cold_start.py --check    # exit 1 when a handler is over the target
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "infra"), str(ROOT / "shared")]

from newsroom_local.functions import function_specs  # noqa: E402
from newsroom_local.template import PlaceholderEnvironment, load_template  # noqa: E402

TARGET_RATIO = 1.5
NOWHERE = "http://127.0.0.1:9"  # the discard port: nothing listens there

# Runs in the fresh process: put the paths first, time one import, print seconds.
PROBE = """
import sys, time
sys.path[:0] = {paths!r}
wall, cpu = time.perf_counter(), time.process_time()
{statement}
print(time.perf_counter() - wall, time.process_time() - cpu)
"""


@dataclass(frozen=True)
class Candidate:
    """Code to time (an import), the paths it needs first, and its environment."""

    label: str
    statement: str
    paths: tuple[str, ...]
    environment: dict[str, str]

    def probe(self) -> tuple[float, float]:
        """Seconds the import took: wall clock, CPU."""
        code = PROBE.format(paths=list(self.paths), statement=self.statement)
        result = subprocess.run(
            [sys.executable, "-c", code],
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            cwd=self.paths[0] if self.paths else ROOT,
        )
        if result.returncode != 0:
            raise SystemExit(f"importing {self.label} failed:\n{result.stderr.strip()}")
        wall, cpu = result.stdout.strip().splitlines()[-1].split()
        return float(wall), float(cpu)


def _base_environment() -> dict[str, str]:
    """The process environment without anything that could reach a real AWS account."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "PYTHON"))}
    environment.update(
        {
            "AWS_ACCESS_KEY_ID": "bench",
            "AWS_SECRET_ACCESS_KEY": "bench",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_REGION": "us-east-1",
            "AWS_ENDPOINT_URL": NOWHERE,
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        }
    )
    return environment


# What every handler of this design pays before any code of ours: the SDK, pydantic with
# one model, and the logger. Shown for reference, not judged.
FLOOR = """import boto3, pydantic
class Probe(pydantic.BaseModel):
    name: str
from aws_lambda_powertools import Logger
Logger(service="probe")"""
FLOOR_LABEL = "reference: boto3 + pydantic model + Logger"


def candidates() -> list[Candidate]:
    """`import boto3` first, then every function of the template, then the reference."""
    template = load_template()
    base = _base_environment()
    found = [Candidate("import boto3", "import boto3", (), base)]
    specs = function_specs(template, PlaceholderEnvironment(template))
    for name, spec in specs.items():
        found.append(
            Candidate(
                label=f"{name} ({spec.code_dir.relative_to(ROOT)}/{spec.module}.py)",
                statement=f"import {spec.module}",
                paths=(str(spec.code_dir), str(ROOT / "shared")),
                environment={**base, **spec.environment},
            )
        )
    shared_environment = {
        k: v for k, v in next(iter(specs.values())).environment.items() if k.startswith("PYDANTIC")
    }
    found.append(Candidate(FLOOR_LABEL, FLOOR, (), {**base, **shared_environment}))
    return found


def measure(runs: int) -> dict[str, list[tuple[float, float]]]:
    """Seconds (wall clock, CPU) per run for each candidate, runs interleaved."""
    chosen = candidates()
    for candidate in chosen:  # compile and cache bytecode before timing
        candidate.probe()
    timings: dict[str, list[tuple[float, float]]] = {c.label: [] for c in chosen}
    for run in range(runs):
        print(f"\rrun {run + 1}/{runs}", end="", file=sys.stderr, flush=True)
        for candidate in chosen:
            timings[candidate.label].append(candidate.probe())
    print(file=sys.stderr)
    return timings


def report(timings: dict[str, list[tuple[float, float]]]) -> tuple[str, bool]:
    """A table of medians and ratios to boto3, and whether every handler is within target."""
    cpu = {label: statistics.median(c for _, c in runs) for label, runs in timings.items()}
    wall = {label: statistics.median(w for w, _ in runs) for label, runs in timings.items()}
    baseline, *handlers = list(timings)
    runs = len(timings[baseline])
    lines = [
        f"Cold start: median import time of {runs} fresh processes each "
        f"(Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f})",
        "",
        f"{'import':<48} {'CPU':>9} {'ratio':>6}   {'wall':>9} {'ratio':>6}",
    ]
    within = True
    for label in [baseline, *handlers]:
        ratio = cpu[label] / cpu[baseline]
        wall_ratio = wall[label] / wall[baseline]
        verdict = ""
        if label not in (baseline, FLOOR_LABEL):
            within = within and ratio <= TARGET_RATIO
            verdict = "  ok" if ratio <= TARGET_RATIO else f"  over {TARGET_RATIO}x"
        lines.append(
            f"{label:<48} {cpu[label] * 1000:>7.1f}ms {ratio:>5.2f}x   "
            f"{wall[label] * 1000:>7.1f}ms {wall_ratio:>5.2f}x{verdict}"
        )
    lines += ["", f"target: each handler at most {TARGET_RATIO}x `import boto3` (CPU time)"]
    return "\n".join(lines), within


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="fresh processes per import")
    parser.add_argument("--json", type=Path, help="also write the raw timings here")
    parser.add_argument("--check", action="store_true", help="exit 1 if a handler is over")
    options = parser.parse_args(argv)
    if options.runs < 1:
        parser.error("--runs must be at least 1")
    timings = measure(options.runs)
    text, within = report(timings)
    print(text)
    if options.json:
        options.json.write_text(json.dumps(timings, indent=2) + "\n", encoding="utf-8")
    return 1 if options.check and not within else 0


if __name__ == "__main__":
    raise SystemExit(main())
