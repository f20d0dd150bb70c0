"""Cold start: importing each Lambda handler as deployed, against `import boto3` alone and
against the floor of its libraries (boto3, pydantic with one model, Powertools' Logger).

The layer and the functions are first built as `sam build` builds them
(infra/lambda/package.py: the layer's dependencies, the newsroom package, every module
compiled to bytecode), by the functions' runtime, Python 3.13, when this machine has it
(`--python` names it; else `python3.13` on PATH, else pyenv's), for this machine's platform.

Every measurement then runs in a fresh interpreter started as Lambda's is, with nothing
of this project's environment: `-I -S -B` (no user site, no site-packages, nothing
written: Lambda's code directories are read-only), `sys.path` = the function's code and
the layer, the environment variables that template.yaml gives the function (resource
names filled in with placeholders), and `AWS_ENDPOINT_URL` at a closed local port, so an
import that called AWS would fail instead of reaching anything. The process reports how
long the import took (interpreter start-up, the same for all, is left out). Runs are
interleaved, so a busy moment slows every candidate alike; the median of each is kept.

Two clocks are read: the wall clock, and the CPU time of the importing process. The
verdict uses CPU time (on a busy machine the wall clock also counts waiting for a core).
Each handler is reported against `import boto3` and against the "reference" row, the
floor any handler of this design pays before a line of its own code; the target is each
handler within 1.15 times that floor. One more row, shown and not judged, adds Jinja2 to
the floor: what the render function's template engine costs before any of its own code.

The same imports are timed a second time from a copy of the build without bytecode and
without the compiled site templates, as SAM's own Python build would ship it: there every
cold start compiles what it imports, and the first render parses every template.

    python benchmarks/cold_start.py            # 20 runs each
    python benchmarks/cold_start.py --runs 5   # a quick look
    python benchmarks/cold_start.py --check    # exit 1 when a handler is over the target
    python benchmarks/cold_start.py --json FILE  # also keep the raw timings
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "infra"), str(ROOT / "shared")]

from newsroom_local.functions import (  # noqa: E402
    BARE_INTERPRETER,
    FunctionSpec,
    cold_start_environment,
    function_specs,
)
from newsroom_local.template import PlaceholderEnvironment, load_template  # noqa: E402

TARGET_RATIO = 1.15  # each handler, to the floor of its libraries (the reference row)
BOTO3_RATIO = 1.5  # each handler, to `import boto3`: shown, no longer the verdict
RUNTIME_VERSION = "3.13"  # template.yaml: python3.13
PACKAGE = ROOT / "infra" / "lambda" / "package.py"

# Runs in the fresh process: put the paths first, time one import, print seconds.
PROBE = """
import sys, time
sys.path[:0] = {paths!r}
wall, cpu = time.perf_counter(), time.process_time()
{statement}
print(time.perf_counter() - wall, time.process_time() - cpu)
"""

# What every handler of this design pays before any code of ours: the SDK, pydantic with
# one model, and the logger: the floor each handler is judged against.
FLOOR = """import boto3, pydantic
class Probe(pydantic.BaseModel):
    name: str
from aws_lambda_powertools import Logger
Logger(service="probe")"""
FLOOR_LABEL = "reference: boto3 + pydantic model + Logger"
# The same with the render function's template engine: how much of the render function's
# distance to the floor is Jinja2's own import, and how much the newsroom's code.
FLOOR_JINJA = FLOOR + "\nimport jinja2"
FLOOR_JINJA_LABEL = "reference + Jinja2 (render's templates)"
# The render function's first render also loads every template: shown, not judged.
TEMPLATES = sorted(p.name for p in (ROOT / "shared/newsroom/site/templates").iterdir())
FIRST_RENDER = f"""import app
from newsroom.site.templating import environment
for name in {TEMPLATES!r}:
    environment().get_template(name)"""
FIRST_RENDER_LABEL = f"render + its {len(TEMPLATES)} templates (first render)"
UNJUDGED = (BASELINE_LABEL := "import boto3", FLOOR_LABEL, FLOOR_JINJA_LABEL, FIRST_RENDER_LABEL)


@dataclass(frozen=True)
class Candidate:
    """Code to time (an import), the folders before the layer on `sys.path`, its environment."""

    label: str
    statement: str
    code: tuple[str, ...]
    environment: dict[str, str]


@dataclass(frozen=True)
class Build:
    """A build laid out as `sam build` lays it out: `<root>/SharedLayer/python`,
    `<root>/<Function>`."""

    name: str
    root: Path

    def probe(self, python: Path, candidate: Candidate) -> tuple[float, float]:
        """Seconds the import took in a fresh interpreter: wall clock, CPU."""
        paths = [str(self.root / c) for c in candidate.code]
        paths.append(str(self.root / "SharedLayer" / "python"))
        code = PROBE.format(paths=paths, statement=candidate.statement)
        result = subprocess.run(
            [str(python), *BARE_INTERPRETER, "-c", code],
            env=candidate.environment,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            cwd=paths[0],
        )
        if result.returncode != 0:
            raise SystemExit(f"importing {candidate.label} failed:\n{result.stderr.strip()}")
        wall, cpu = result.stdout.strip().splitlines()[-1].split()
        return float(wall), float(cpu)


def runtime_python(requested: Path | None) -> Path:
    """The interpreter to build with and time: the runtime's version when there is one."""
    found = [requested] if requested else []
    on_path = shutil.which(f"python{RUNTIME_VERSION}")
    found += [Path(on_path)] if on_path else []
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    found += sorted(pyenv.glob(f"{RUNTIME_VERSION}*/bin/python{RUNTIME_VERSION}"), reverse=True)
    for python in found:
        runs = subprocess.run([str(python), "-c", ""], capture_output=True, check=False)
        if runs.returncode == 0:
            return python
    if requested:
        raise SystemExit(f"{requested} does not run")
    print(
        f"Python {RUNTIME_VERSION} (the functions' runtime) not found: building and timing "
        f"with {sys.executable} (Python {platform.python_version()})",
        file=sys.stderr,
    )
    return Path(sys.executable)


def _version(python: Path) -> str:
    command = [str(python), "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


def build(python: Path, folder: Path, specs: dict[str, FunctionSpec]) -> tuple[Build, Build]:
    """The layer and the functions as `sam build` makes them, for this machine and `python`;
    and a copy with source only."""
    environment = {**os.environ, "LAMBDA_BUILD_FOR": "this-machine"}
    compiled = folder / "bytecode"
    jobs = [("layer", ROOT / "shared", compiled / "SharedLayer")]
    jobs += [("function", spec.code_dir, compiled / name) for name, spec in specs.items()]
    print(f"building the layer and the functions with {python}", file=sys.stderr)
    for kind, source, target in jobs:
        command = [str(python), str(PACKAGE), kind, str(source), str(target)]
        result = subprocess.run(
            command, env=environment, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise SystemExit(f"building {target.name} failed:\n{result.stderr.strip()}")
    source_only = folder / "source"
    shutil.copytree(
        compiled, source_only, ignore=shutil.ignore_patterns("__pycache__", "compiled_templates")
    )
    return Build("with bytecode (as `sam build` ships it)", compiled), Build(
        "source only (as SAM's own Python build would ship it)", source_only
    )


def candidates(specs: dict[str, FunctionSpec]) -> list[Candidate]:
    """`import boto3` first, then every function of the template, then the references."""
    found = [Candidate(BASELINE_LABEL, "import boto3", (), cold_start_environment())]
    for name, spec in specs.items():
        found.append(
            Candidate(
                label=f"{name} ({spec.code_dir.relative_to(ROOT)}/{spec.module}.py)",
                statement=f"import {spec.module}",
                code=(name,),
                environment=cold_start_environment(spec),
            )
        )
    render = specs["RenderFunction"]
    found.append(
        Candidate(
            FIRST_RENDER_LABEL, FIRST_RENDER, ("RenderFunction",), cold_start_environment(render)
        )
    )
    pydantic_settings = {k: v for k, v in render.environment.items() if k.startswith("PYDANTIC")}
    floor_environment = {**cold_start_environment(), **pydantic_settings}
    found.append(Candidate(FLOOR_JINJA_LABEL, FLOOR_JINJA, (), floor_environment))
    found.append(Candidate(FLOOR_LABEL, FLOOR, (), floor_environment))
    return found


Timings = dict[str, list[tuple[float, float]]]


def measure(python: Path, build_: Build, chosen: list[Candidate], runs: int) -> Timings:
    """Seconds (wall clock, CPU) per run for each candidate, runs interleaved."""
    timings: Timings = {c.label: [] for c in chosen}
    for run in range(runs):
        print(f"\r{build_.name}: run {run + 1}/{runs}", end="", file=sys.stderr, flush=True)
        for candidate in chosen:
            timings[candidate.label].append(build_.probe(python, candidate))
    print(file=sys.stderr)
    return timings


def report(timings: Timings, judged: bool) -> tuple[list[str], bool]:
    """A table of medians, with their ratios to `import boto3` and to the floor (the
    reference row), and whether every handler is within target of the floor."""
    cpu = {label: statistics.median(c for _, c in runs) for label, runs in timings.items()}
    wall = {label: statistics.median(w for w, _ in runs) for label, runs in timings.items()}
    lines = [
        f"{'import':<48} {'CPU':>9} {'boto3':>6} {'floor':>6}   "
        f"{'wall':>9} {'boto3':>6} {'floor':>6}"
    ]
    within = True
    for label in timings:
        ratio = cpu[label] / cpu[BASELINE_LABEL]
        to_floor = cpu[label] / cpu[FLOOR_LABEL]
        wall_ratio = wall[label] / wall[BASELINE_LABEL]
        wall_to_floor = wall[label] / wall[FLOOR_LABEL]
        verdict = ""
        if judged and label not in UNJUDGED:
            within = within and to_floor <= TARGET_RATIO
            verdict = "  ok" if to_floor <= TARGET_RATIO else f"  over {TARGET_RATIO}x floor"
        lines.append(
            f"{label:<48} {cpu[label] * 1000:>7.1f}ms {ratio:>5.2f}x {to_floor:>5.2f}x   "
            f"{wall[label] * 1000:>7.1f}ms {wall_ratio:>5.2f}x {wall_to_floor:>5.2f}x{verdict}"
        )
    return lines, within


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="fresh processes per import")
    parser.add_argument("--python", type=Path, help=f"the Python {RUNTIME_VERSION} to use")
    parser.add_argument("--json", type=Path, help="also write the raw timings here")
    parser.add_argument("--check", action="store_true", help="exit 1 if a handler is over")
    options = parser.parse_args(argv)
    if options.runs < 1:
        parser.error("--runs must be at least 1")
    python = runtime_python(options.python)
    template = load_template()
    specs = function_specs(template, PlaceholderEnvironment(template))
    chosen = candidates(specs)
    with tempfile.TemporaryDirectory(prefix="newsroom-cold-start-") as folder:
        builds = build(python, Path(folder), specs)
        results = {b.name: measure(python, b, chosen, options.runs) for b in builds}
    lines = [
        f"Cold start: median import time of {options.runs} fresh processes each "
        f"(Python {_version(python)}, {platform.machine()}, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f})",
    ]
    within = True
    for name, timings in results.items():
        table, ok = report(timings, judged=name == builds[0].name)
        within = within and ok
        lines += ["", f"Layer and functions {name}:", *table]
    lines += [
        "",
        f"target: each handler at most {TARGET_RATIO}x the floor (the reference row: boto3, "
        f"pydantic with one model, Powertools' Logger), CPU time; `import boto3` ratios "
        f"shown against the earlier {BOTO3_RATIO}x",
    ]
    print("\n".join(lines))
    if options.json:
        options.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 1 if options.check and not within else 0


if __name__ == "__main__":
    raise SystemExit(main())
