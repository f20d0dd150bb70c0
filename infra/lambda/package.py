"""Package the Lambda code with its bytecode: the shared layer, and each function.

`sam build` runs this through infra/lambda/Makefile. Its own Python builder ships source
files only (wheels are unpacked, `__pycache__` is left out), and a Lambda's code directory is
read-only, so every cold start would compile the whole layer again (botocore, pydantic,
Powertools, Jinja2, ...) and throw the bytecode away: 0.4 to 0.5 s more CPU for each
function on our benchmark machine, about three times the import itself.

Here the bytecode is compiled at build time, by the runtime's Python version, in
unchecked-hash mode (PEP 552): the file is used as it is, whatever the timestamps of the
sources (SAM writes its zip entries dated 1980), which is sound because a layer version and
a function's code never change once deployed. Code objects name the paths Lambda mounts
(/opt/python, /var/task), so tracebacks read as they would from the source.

    python3.13 package.py layer SOURCE_DIR ARTIFACTS_DIR      # shared/: newsroom + its lock
    python3.13 package.py function SOURCE_DIR ARTIFACTS_DIR   # functions/<name>/

Dependencies come from shared/requirements.lock (`make lock`: every package pinned, with
the hashes of its files) and pip refuses any file whose hash is not there
(`--require-hashes`), so a build installs exactly what was reviewed. They are installed for
the functions' platform (arm64 manylinux, CPython 3.13) whatever the build machine is; a
requirement published only as source is built here and must then be pure Python. Before
the layer is handed to SAM, every compiled file in it is checked to be an AArch64 ELF and
every extension module to be CPython 3.13's or abi3: no x86 build can reach Lambda.

Standard library only: it runs with a bare python3.13, in or out of SAM's build container.
The site's templates are compiled too, by the layer's own Jinja2 in a child process, and
the site's configuration written as JSON.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import py_compile
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

# Lambda's python3.13 runs on Amazon Linux 2023 (glibc 2.34); pip takes the listed tags only.
MANYLINUX = ("manylinux2014", "manylinux_2_28", "manylinux_2_34")
# LAMBDA_BUILD_FOR=this-machine: a stand-in build (the tests, the cold-start benchmark), for
# this interpreter's version and this machine's platform, importable here.
STAND_IN = os.environ.get("LAMBDA_BUILD_FOR") == "this-machine"
RUNNING = f"{sys.version_info.major}.{sys.version_info.minor}"
PYTHON_VERSION = RUNNING if STAND_IN else os.environ.get("LAMBDA_PYTHON_VERSION", "3.13")
MACHINE = sysconfig.get_platform().split("-")[-1] if STAND_IN else "aarch64"
PLATFORMS = [f"{tag}_{MACHINE}" for tag in MANYLINUX]
# The ELF machine of the functions' architecture (EM_AARCH64), or of this machine's.
ELF_MACHINES = {"aarch64": 183, "x86_64": 62}
LOCK_FILE = "requirements.lock"
LAYER_ROOT = "/opt/python"  # where Lambda mounts a layer's python/ directory
FUNCTION_ROOT = "/var/task"  # where Lambda unpacks a function's code
SKIPPED = shutil.ignore_patterns("__pycache__", "*.pyc", "Makefile")


class PackagingError(Exception):
    """A build that cannot go on, with the reason in words."""


def check_interpreter() -> None:
    """Bytecode is only valid for the Python version that wrote it."""
    if RUNNING != PYTHON_VERSION:
        raise PackagingError(
            f"the bytecode must be compiled by Python {PYTHON_VERSION}, the functions' runtime, "
            f"but this is Python {RUNNING} ({sys.executable}). Put python{PYTHON_VERSION} on "
            "PATH (or set PYTHON to it), or run `sam build --use-container`."
        )


def _pip(*arguments: str) -> None:
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check", *arguments]
    result = subprocess.run(command, check=False)  # noqa: S603 (our own interpreter)
    if result.returncode != 0:
        raise PackagingError(f"pip {arguments[0]} failed (exit {result.returncode})")


def install_requirements(lock: Path, target: Path) -> None:
    """The locked requirements (each with its hashes, dependencies included) for the
    functions' platform.

    `--no-deps`: the lock names every package, so nothing is resolved here; it also lets
    pip build a requirement published only as source (a pure-Python one: pyvips), which
    `--platform` alone would refuse. Downloads stay in pip's cache for the next build.
    """
    if not lock.is_file():
        raise PackagingError(f"{lock} is missing: `make lock` writes it")
    platforms = [f"--platform={tag}" for tag in PLATFORMS]
    _pip(
        "install",
        "--quiet",
        "--require-hashes",
        "--no-deps",
        "--no-compile",
        "--no-warn-conflicts",
        "--root-user-action=ignore",
        "--upgrade",
        "--target",
        str(target),
        "--implementation=cp",
        f"--python-version={PYTHON_VERSION}",
        *platforms,
        "--requirement",
        str(lock),
    )


def elf_machine(path: Path) -> int | None:
    """The ELF header's e_machine of a file, or None when it is not an ELF file."""
    with path.open("rb") as handle:
        header = handle.read(20)
    if len(header) < 20 or header[:4] != b"\x7fELF":
        return None
    return int.from_bytes(header[18:20], "little" if header[5] == 1 else "big")


def foreign_binaries(tree: Path, machine: str, python_version: str) -> list[str]:
    """Compiled files under `tree` that would not load on `machine` under CPython
    `python_version`: ELF files for another machine, and extension modules (`*.so` outside
    a wheel's bundled `*.libs` folder) tagged for another Python or platform."""
    expected = ELF_MACHINES.get(machine)
    if expected is None:  # a stand-in build on a machine that is not Linux: nothing to read
        return []
    tag = f".cpython-{python_version.replace('.', '')}-{machine}-linux-gnu.so"
    wrong = []
    for path in sorted(p for p in tree.rglob("*") if p.is_file() and ".so" in p.name):
        found = elf_machine(path)
        name = str(path.relative_to(tree))
        if found is None:
            continue
        bundled = any(parent.name.endswith(".libs") for parent in path.parents)
        if found != expected:
            wrong.append(f"{name} (ELF machine {found}, not {expected})")
        elif path.suffix == ".so" and not bundled and not path.name.endswith((tag, ".abi3.so")):
            wrong.append(f"{name} (an extension module not tagged {tag} or .abi3.so)")
    return wrong


def compile_tree(tree: Path, mounted_at: str) -> int:
    """Compile every module under `tree` (unchecked-hash); the number of modules compiled."""
    for cache in list(tree.rglob("__pycache__")):
        shutil.rmtree(cache)
    compileall.compile_dir(  # prints each module that fails
        tree,
        quiet=1,
        workers=0,
        ddir=mounted_at,
        invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
    )
    sources = list(tree.rglob("*.py"))
    tag = sys.implementation.cache_tag
    failed = [
        str(p.relative_to(tree))
        for p in sources
        if not (p.parent / "__pycache__" / f"{p.stem}.{tag}.pyc").exists()
    ]
    if failed:
        raise PackagingError(f"some modules do not compile: {', '.join(failed[:10])}")
    return len(sources)


def package_layer(source: Path, artifacts: Path) -> str:
    """shared/ → ARTIFACTS/python: the requirements, then the newsroom package, compiled."""
    target = artifacts / "python"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    install_requirements(source / LOCK_FILE, target)
    wrong = foreign_binaries(target, MACHINE, PYTHON_VERSION)
    if wrong:
        raise PackagingError(
            f"the layer would not load on {MACHINE} with Python {PYTHON_VERSION}: "
            + "; ".join(wrong[:10])
        )
    shutil.copytree(source / "newsroom", target / "newsroom", ignore=SKIPPED)
    templates = compile_site_templates(target)
    compile_site_config(target)
    compiled = compile_tree(target, LAYER_ROOT)
    return (
        f"layer: {compiled} modules ({templates} of them site templates) "
        f"compiled for Python {PYTHON_VERSION} in {target}"
    )


def compile_site_templates(layer: Path) -> int:
    """The site's Jinja2 templates as Python modules, by the layer's own Jinja2 (pure
    Python, so this runs whatever the layer's platform): see newsroom.site.templating."""
    folder = layer / "newsroom" / "site" / "compiled_templates"
    code = (
        f"import sys; sys.path.insert(0, {str(layer)!r}); from pathlib import Path; "
        "from newsroom.site.templating import compile_templates; "
        f"print(compile_templates(Path({str(folder)!r})))"
    )
    command = [sys.executable, "-I", "-S", "-c", code]
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise PackagingError(f"the site templates do not compile:\n{result.stderr.strip()}")
    return int(result.stdout.strip())


def compile_site_config(layer: Path) -> None:
    """The site's configuration (`site.toml`) written beside itself as JSON, the same
    values, for the functions to read at cold start: see newsroom.site.config."""
    source = layer / "newsroom" / "site" / "site.toml"
    try:
        values = tomllib.loads(source.read_text(encoding="utf-8"))
        text = json.dumps(values, ensure_ascii=False, indent=1)
    except (tomllib.TOMLDecodeError, TypeError, ValueError) as error:
        raise PackagingError(f"{source.name} cannot be shipped as JSON: {error}") from error
    source.with_suffix(".json").write_text(text + "\n", encoding="utf-8")


def package_function(source: Path, artifacts: Path) -> str:
    """functions/<name>/ → ARTIFACTS: the handler module and anything beside it, compiled."""
    artifacts.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source, artifacts, ignore=SKIPPED, dirs_exist_ok=True)
    compiled = compile_tree(artifacts, FUNCTION_ROOT)
    return f"function: {compiled} modules compiled for Python {PYTHON_VERSION} in {artifacts}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["layer", "function"])
    parser.add_argument("source", type=Path, help="the resource's CodeUri (a copy of it)")
    parser.add_argument("artifacts", type=Path, help="where SAM collects the build")
    arguments = parser.parse_args(argv)
    try:
        check_interpreter()
        package = package_layer if arguments.kind == "layer" else package_function
        print(package(arguments.source.resolve(), arguments.artifacts.resolve()))
    except PackagingError as error:
        print(f"package.py: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
