"""The Lambda layer: the runtime dependencies of pyproject.toml, and nothing for tests or tools."""

from __future__ import annotations

import tomllib

from newsroom_local.template import PROJECT_ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

LAYER_REQUIREMENTS = PROJECT_ROOT / "shared" / "requirements.txt"

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
