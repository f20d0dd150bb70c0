"""`sam build` for the real target: the layer and the functions as they reach Lambda.

Every other build in the tests stands in for this machine (`LAMBDA_BUILD_FOR=this-machine`)
so that it can be imported here; the build that is deployed (arm64, CPython 3.13, its
dependencies from shared/requirements.lock) runs here too, through the real SAM CLI and
infra/lambda/Makefile, with Python 3.13. It cannot be imported on this machine, but it can
be read: every compiled file must be an AArch64 ELF, every extension module CPython 3.13's
(or abi3), every module's bytecode written by Python 3.13, and every package the lock's
version. So no x86 wheel and no other Python's bytecode can reach Lambda unnoticed.

pip keeps what it downloads in its own cache (`pip cache dir`), so a second run downloads
nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from newsroom_local.template import PROJECT_ROOT
from packaging.utils import canonicalize_name

from tests.sam import require_sam_cli, sam_build

LOCK = PROJECT_ROOT / "shared" / "requirements.lock"
RUNTIME = "3.13"  # template.yaml: python3.13
EM_AARCH64 = 183
ELFCLASS64 = 2
# importlib.util.MAGIC_NUMBER of CPython 3.13: the first four bytes of every .pyc it writes.
PYTHON_313_MAGIC = (3571).to_bytes(2, "little") + b"\r\n"
EXTENSION_TAG = re.compile(r"\.(cpython-313-aarch64-linux-gnu|abi3)\.so$")
FUNCTIONS = ("IngestFunction", "ImagesFunction", "RenderFunction")

pytestmark = pytest.mark.xdist_group("lambda_build")


def runtime_python() -> Path | None:
    """Python 3.13 from PATH, else from pyenv: the functions' runtime version."""
    candidates = [shutil.which(f"python{RUNTIME}")]
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates += [str(p) for p in sorted(pyenv.glob(f"{RUNTIME}*/bin/python{RUNTIME}"))]
    for candidate in filter(None, candidates):
        if subprocess.run([candidate, "-c", ""], capture_output=True, check=False).returncode == 0:
            return Path(candidate)
    return None


def elf_header(path: Path) -> tuple[int, int] | None:
    """(EI_CLASS, e_machine) of an ELF file; None for any other file."""
    header = path.read_bytes()[:20]
    if len(header) < 20 or header[:4] != b"\x7fELF":
        return None
    return header[4], int.from_bytes(header[18:20], "little" if header[5] == 1 else "big")


def wrong_binaries(tree: Path) -> list[str]:
    """Compiled files that would not load on Lambda's arm64 CPython 3.13."""
    wrong = []
    for path in sorted(p for p in tree.rglob("*") if p.is_file()):
        header = elf_header(path)
        name = str(path.relative_to(tree))
        if header is None:
            if path.suffix == ".so":
                wrong.append(f"{name}: not an ELF file")
            continue
        if header != (ELFCLASS64, EM_AARCH64):
            wrong.append(f"{name}: ELF class {header[0]}, machine {header[1]}")
        bundled = any(parent.name.endswith(".libs") for parent in path.parents)
        if path.suffix == ".so" and not bundled and not EXTENSION_TAG.search(path.name):
            wrong.append(f"{name}: an extension module for another Python or platform")
    return wrong


def wrong_bytecode(tree: Path) -> list[str]:
    """Modules without bytecode of Python 3.13, and bytecode of any other Python."""
    wrong = []
    for source in sorted(tree.rglob("*.py")):
        pyc = source.parent / "__pycache__" / f"{source.stem}.cpython-313.pyc"
        if not pyc.exists():
            wrong.append(f"{source.relative_to(tree)}: no bytecode of Python 3.13")
    for pyc in sorted(tree.rglob("*.pyc")):
        if pyc.read_bytes()[:4] != PYTHON_313_MAGIC or ".cpython-313." not in pyc.name:
            wrong.append(f"{pyc.relative_to(tree)}: bytecode of another Python")
    return wrong


def locked_versions() -> dict[str, str]:
    pins = re.findall(r"^([A-Za-z0-9._-]+)==(\S+)", LOCK.read_text(encoding="utf-8"), re.M)
    return {canonicalize_name(name): version for name, version in pins}


def installed_versions(tree: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for metadata in tree.glob("*.dist-info/METADATA"):
        text = metadata.read_text(encoding="utf-8", errors="replace")
        name = re.search(r"^Name: (.+)$", text, re.M)
        version = re.search(r"^Version: (.+)$", text, re.M)
        assert name and version, metadata
        found[canonicalize_name(name[1].strip())] = version[1].strip()
    return found


@pytest.fixture(scope="module")
def target_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_sam_cli()
    python = runtime_python()
    if python is None:
        pytest.fail(f"Python {RUNTIME} is needed to build for Lambda (python{RUNTIME} on PATH)")
    build_dir = tmp_path_factory.mktemp("sam-build-arm64")
    sam_build(build_dir, python)
    return build_dir


def test_every_compiled_file_of_the_layer_is_for_arm64_cpython_313(target_build: Path) -> None:
    layer = target_build / "SharedLayer" / "python"
    assert wrong_binaries(layer) == []
    extensions = {p.name for p in layer.rglob("*.so") if EXTENSION_TAG.search(p.name)}
    # The layer's compiled dependencies are there, and so were looked at.
    for expected in (
        "_pydantic_core.cpython-313-aarch64-linux-gnu.so",
        "_speedups.cpython-313-aarch64-linux-gnu.so",  # markupsafe
        "_imaging.cpython-313-aarch64-linux-gnu.so",  # Pillow
        "nh3.abi3.so",
    ):
        assert expected in extensions, expected
    for function in FUNCTIONS:
        assert wrong_binaries(target_build / function) == [], function


def test_every_module_carries_bytecode_of_python_313(target_build: Path) -> None:
    for tree in (target_build / "SharedLayer" / "python", *(target_build / f for f in FUNCTIONS)):
        assert list(tree.rglob("*.py")), tree
        assert wrong_bytecode(tree) == [], tree.name


def test_the_layer_holds_exactly_the_locked_versions(target_build: Path) -> None:
    assert installed_versions(target_build / "SharedLayer" / "python") == locked_versions()


def test_the_inspection_finds_an_x86_extension_and_another_pythons_bytecode(
    tmp_path: Path,
) -> None:
    # This machine's own compiled modules stand in for a wrong wheel.
    x86 = next(p for p in Path(sys.base_prefix).rglob("*.so") if elf_header(p) is not None)
    package = tmp_path / "package"
    (package / "__pycache__").mkdir(parents=True)
    shutil.copy(x86, package / "_speedups.cpython-313-aarch64-linux-gnu.so")
    shutil.copy(x86, package / "_native.cpython-311-x86_64-linux-gnu.so")
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "__pycache__" / "__init__.cpython-313.pyc").write_bytes(
        (3495).to_bytes(2, "little") + b"\r\n" + bytes(12)  # 3.11's magic number
    )
    problems = wrong_binaries(tmp_path)
    assert any(p.startswith("package/_speedups.cpython-313") for p in problems), problems
    assert any("another Python or platform" in p for p in problems), problems
    assert wrong_bytecode(tmp_path) == [
        "package/__pycache__/__init__.cpython-313.pyc: bytecode of another Python"
    ]
