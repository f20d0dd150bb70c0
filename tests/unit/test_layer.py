"""The Lambda layer: the runtime dependencies of pyproject.toml, and nothing for tests or
tools; locked, with hashes, for the functions' platform (shared/requirements.lock, `make
lock`), and the lock in step with both lists."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field

from newsroom_local.template import PROJECT_ROOT, load_template
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

LAYER_REQUIREMENTS = PROJECT_ROOT / "shared" / "requirements.txt"
LAYER_LOCK = PROJECT_ROOT / "shared" / "requirements.lock"

# Libraries that must never reach a Lambda: mocks, test runners, linters, type stubs,
# the local stack's and the command line's own dependencies.
NOT_FOR_LAMBDA = {
    "moto",
    "pytest",
    "pytest-xdist",
    "ruff",
    "mypy",
    "cfn-lint",
    "aws-sam-translator",
    "aws-sam-cli",
    "boto3-stubs",
    "types-pyyaml",
    "pyjwt",
    "httpx",
    "pyyaml",
    "click",
    "rich",
    "flask",
    "werkzeug",
    "requests",
}


def _layer() -> dict[str, Requirement]:
    lines = LAYER_REQUIREMENTS.read_text(encoding="utf-8").splitlines()
    texts = [line.split("#")[0].strip() for line in lines]
    requirements = [Requirement(text) for text in texts if text]
    return {canonicalize_name(r.name): r for r in requirements}


def _project() -> dict[str, object]:
    with (PROJECT_ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["project"]  # type: ignore[no-any-return]


def test_the_layer_lists_exactly_the_runtime_dependencies_with_the_same_versions() -> None:
    runtime = {
        canonicalize_name(r.name): r
        for r in (Requirement(text) for text in _project()["dependencies"])  # type: ignore[attr-defined]
    }
    layer = _layer()
    assert sorted(layer) == sorted(runtime)
    for name, requirement in runtime.items():
        assert layer[name].specifier == requirement.specifier, name
        assert layer[name].extras == requirement.extras, name


def test_the_layer_carries_no_test_local_or_command_line_libraries() -> None:
    layer = set(_layer())
    assert not layer & NOT_FOR_LAMBDA
    optional = _project().get("optional-dependencies", {})
    for group, requirements in optional.items():  # type: ignore[attr-defined]
        for text in requirements:
            name = canonicalize_name(Requirement(text).name)
            if name != "newsroom":
                assert name not in layer, f"{name} (from [{group}]) is in the layer"


@dataclass
class Pin:
    """One package of the lock: its version, the hashes of its files, who asked for it."""

    version: str
    hashes: list[str] = field(default_factory=list)
    wanted_by: list[str] = field(default_factory=list)


def _lock() -> dict[str, Pin]:
    """shared/requirements.lock as uv writes it: `name==version \\`, its `--hash=` lines,
    then `# via` the requirements file or the packages that depend on it."""
    pins: dict[str, Pin] = {}
    current: Pin | None = None
    in_via = False
    for line in LAYER_LOCK.read_text(encoding="utf-8").splitlines():
        pinned = re.match(r"^([A-Za-z0-9._-]+)==(\S+)", line)
        if pinned:
            current = pins[canonicalize_name(pinned[1])] = Pin(pinned[2])
            in_via = False
            continue
        if current is None:
            continue
        text = line.strip()
        if text.startswith("--hash="):
            current.hashes.append(text.removeprefix("--hash=").rstrip(" \\"))
        elif text.startswith("# via"):
            rest = text.removeprefix("# via").strip()
            in_via = not rest
            current.wanted_by += [rest] if rest else []
        elif in_via and text.startswith("#"):
            current.wanted_by.append(text.lstrip("# ").strip())
        elif text:
            raise AssertionError(f"unexpected line in {LAYER_LOCK.name}: {line!r}")
    return pins


def test_the_lock_pins_every_runtime_dependency_within_what_pyproject_allows() -> None:
    pins = _lock()
    runtime = [Requirement(text) for text in _project()["dependencies"]]  # type: ignore[attr-defined]
    for requirement in runtime:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not locked: run `make lock`"
        assert requirement.specifier.contains(Version(pins[name].version), prereleases=True), (
            f"{name}=={pins[name].version} is outside {requirement.specifier}: run `make lock`"
        )
    for listed, requirement in _layer().items():
        version = Version(pins[listed].version)
        assert requirement.specifier.contains(version, prereleases=True), listed


def test_every_locked_package_has_the_hashes_of_its_files() -> None:
    for name, pin in _lock().items():
        assert pin.hashes, f"{name} has no hash: `make lock` writes them (--generate-hashes)"
        for digest in pin.hashes:
            assert re.fullmatch(r"sha256:[0-9a-f]{64}", digest), (name, digest)


def test_every_locked_package_is_wanted_by_a_requirement_or_another_locked_package() -> None:
    pins = _lock()
    requirements_file = "-r shared/requirements.txt"
    for name, pin in pins.items():
        assert pin.wanted_by, f"{name} is locked but nothing needs it: run `make lock`"
        for wanter in pin.wanted_by:
            if wanter.startswith("-r "):
                assert wanter == requirements_file, (name, wanter)
                assert name in _layer(), f"{name} is locked for a requirement no longer there"
            else:
                assert canonicalize_name(wanter) in pins, (name, wanter)
    assert not set(pins) & NOT_FOR_LAMBDA


def test_the_lock_is_made_by_make_lock_for_the_functions_runtime_and_architecture() -> None:
    assert "#    make lock" in LAYER_LOCK.read_text(encoding="utf-8").splitlines()[1]
    recipe = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8").split("\nlock:", 1)[1]
    recipe = recipe.split("\n\n", 1)[0]
    function_globals = load_template()["Globals"]["Function"]
    runtime = re.fullmatch(r"python(3\.\d+)", function_globals["Runtime"])
    assert runtime, function_globals["Runtime"]
    assert f"--python-version {runtime[1]}" in recipe
    assert function_globals["Architectures"] == ["arm64"]
    # Lambda's Amazon Linux 2023 runs glibc 2.34: no wheel may need a newer one.
    assert "--python-platform aarch64-manylinux_2_34" in recipe
    assert "--generate-hashes" in recipe
    assert "shared/requirements.txt" in recipe
