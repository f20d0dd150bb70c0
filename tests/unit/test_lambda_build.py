"""`sam build` as it deploys: the layer and the functions carry bytecode that Lambda uses.

The real SAM CLI builds the template (infra/lambda/Makefile) with this machine's Python and
platform standing in for python3.13 on arm64; then each handler is imported the way a cold
start imports it: a fresh interpreter without this project's environment (only the
function's directory and the layer), sources dated 1980 as in SAM's zip, nothing written.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from newsroom.site.config import DEFAULT_CONFIG, SiteConfig, load_site_config
from newsroom_local.functions import BARE_INTERPRETER, cold_start_environment, function_specs
from newsroom_local.template import PROJECT_ROOT, PlaceholderEnvironment

from tests.sam import require_sam_cli, sam_build
from tests.scripts import load_script

PACKAGE = PROJECT_ROOT / "infra" / "lambda" / "package.py"
RUNNING = f"{sys.version_info.major}.{sys.version_info.minor}"
SAM_ZIP_TIME = 315532800  # 1980-01-01: the date SAM gives every entry of its zip

pytestmark = pytest.mark.xdist_group("lambda_build")


def _package_module() -> ModuleType:
    return load_script(PACKAGE, "lambda_package")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_sam_cli()
    build_dir = tmp_path_factory.mktemp("sam-build")
    sam_build(build_dir, sys.executable, build_for="this-machine")
    for path in build_dir.rglob("*"):
        os.utime(path, (SAM_ZIP_TIME, SAM_ZIP_TIME), follow_symlinks=False)
    return build_dir


def _pyc_flags(pyc: Path) -> int:
    return int.from_bytes(pyc.read_bytes()[4:8], "little")


def test_every_module_of_the_layer_and_the_functions_has_unchecked_hash_bytecode(
    built: Path,
) -> None:
    trees = [built / "SharedLayer" / "python", *(built / f for f in ("IngestFunction",
             "ImagesFunction", "RenderFunction"))]  # fmt: skip
    tag = sys.implementation.cache_tag
    for tree in trees:
        sources = list(tree.rglob("*.py"))
        assert sources, tree
        for source in sources:
            pyc = source.parent / "__pycache__" / f"{source.stem}.{tag}.pyc"
            assert pyc.exists(), f"no bytecode for {source.relative_to(built)}"
            # PEP 552: bit 0 = hash-based, bit 1 = check the source; unchecked-hash is 0b01.
            assert _pyc_flags(pyc) == 0b01, pyc
    layer = built / "SharedLayer" / "python"
    assert (layer / "newsroom" / "site" / "templates" / "article.html").exists()
    assert not list(layer.glob("moto*")), "a test library reached the layer"


@pytest.mark.parametrize("function", ["IngestFunction", "ImagesFunction", "RenderFunction"])
def test_a_cold_start_compiles_nothing_and_needs_nothing_beyond_the_layer(
    built: Path, template: dict[str, Any], function: str
) -> None:
    spec = function_specs(template, PlaceholderEnvironment(template))[function]
    code = built / function
    layer = built / "SharedLayer" / "python"
    probe = (
        "import sys\n"
        f"sys.path[:0] = [{str(code)!r}, {str(layer)!r}]\n"
        f"import {spec.module}\n"
        f"assert callable({spec.module}.{spec.attribute})\n"
    )
    templates = sorted(p.name for p in (layer / "newsroom" / "site" / "templates").iterdir())
    if function == "RenderFunction":  # its first render loads every template
        probe += (
            "from newsroom.site.templating import environment\n"
            f"for name in {templates!r}:\n"
            "    environment().get_template(name)\n"
            "from newsroom.site.config import load_site_config\n"
            "print(load_site_config().model_dump_json())\n"
        )
    # -v: say where each module came from.
    result = subprocess.run(
        [sys.executable, *BARE_INTERPRETER, "-v", "-c", probe],
        env=cold_start_environment(spec),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=code,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    built_prefix = str(built)
    from_bytecode = re.findall(
        rf"^# code object from '{re.escape(built_prefix)}\S*", result.stderr, re.M
    )
    from_source = re.findall(
        rf"^# code object from {re.escape(built_prefix)}\S*", result.stderr, re.M
    )
    assert not from_source, f"compiled at import: {from_source[:5]}"
    loaded = " ".join(from_bytecode)
    for package in ("botocore", "pydantic", "aws_lambda_powertools", "newsroom"):
        assert f"/SharedLayer/python/{package}/__pycache__/" in loaded, package
    assert f"/{function}/__pycache__/{spec.module}." in loaded
    if function == "RenderFunction":  # each template from its compiled module, none parsed
        compiled = set(re.findall(r"/compiled_templates/__pycache__/(tmpl_\w+)\.", loaded))
        assert len(compiled) == len(templates) >= 15
        # The site's configuration from the JSON the build wrote, no TOML parser loaded.
        assert "import 'tomllib'" not in result.stderr
        shipped = result.stdout.strip().splitlines()[-1]
        assert SiteConfig.model_validate_json(shipped) == load_site_config(str(DEFAULT_CONFIG))
    assert not re.search(r"^# code object from '?" + re.escape(str(PROJECT_ROOT / ".venv")),
                         result.stderr, re.M)  # fmt: skip


def test_the_build_targets_the_templates_runtime_and_architecture(
    template: dict[str, Any],
) -> None:
    package = _package_module()
    function_globals = template["Globals"]["Function"]
    assert function_globals["Runtime"] == f"python{package.PYTHON_VERSION}"
    assert function_globals["Architectures"] == ["arm64"]
    assert package.PLATFORMS and all(tag.endswith("_aarch64") for tag in package.PLATFORMS)
    layer = template["Resources"]["SharedLayer"]
    assert layer["Properties"]["CompatibleRuntimes"] == [function_globals["Runtime"]]
    assert layer["Properties"]["CompatibleArchitectures"] == ["arm64"]
    assert layer["Metadata"]["BuildArchitecture"] == "arm64"
    for name, resource in template["Resources"].items():
        if resource["Type"] in ("AWS::Serverless::Function", "AWS::Serverless::LayerVersion"):
            assert resource["Metadata"]["BuildMethod"] == "makefile", name
            assert resource["Metadata"]["ContextPath"] == "infra/lambda", name


def test_a_build_by_another_python_version_stops_with_one_line_saying_why(
    tmp_path: Path,
) -> None:
    other = "3.13" if RUNNING != "3.13" else "3.14"
    result = subprocess.run(
        [sys.executable, str(PACKAGE), "layer", str(PROJECT_ROOT / "shared"), str(tmp_path)],
        env={**os.environ, "LAMBDA_PYTHON_VERSION": other},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"package.py: the bytecode must be compiled by Python {other}, the functions' runtime, "
        f"but this is Python {RUNNING} ({sys.executable}). Put python{other} on PATH (or set "
        "PYTHON to it), or run `sam build --use-container`."
    ]
    assert not list(tmp_path.iterdir())


def _stand_in_layer(tmp_path: Path, lock: str) -> subprocess.CompletedProcess[str]:
    source = tmp_path / "shared"
    (source / "newsroom").mkdir(parents=True)
    (source / "requirements.lock").write_text(lock, encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(PACKAGE), "layer", str(source), str(tmp_path / "built")],
        env={**os.environ, "LAMBDA_BUILD_FOR": "this-machine"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize(
    "lock",
    [
        "six==1.17.0\n",  # no hash: refused
        "six==1.17.0 --hash=sha256:" + "0" * 64 + "\n",  # the file is not the one locked
    ],
)
def test_the_layer_installs_nothing_whose_hash_the_lock_does_not_hold(
    tmp_path: Path, lock: str
) -> None:
    result = _stand_in_layer(tmp_path, lock)
    assert result.returncode == 1
    assert "package.py: pip install failed" in result.stderr
    assert not list((tmp_path / "built" / "python").glob("six*"))


def test_a_layer_with_a_compiled_file_for_another_machine_is_refused(tmp_path: Path) -> None:
    package = _package_module()
    x86 = next(p for p in Path(sys.base_prefix).rglob("*.so") if package.elf_machine(p) == 62)
    (tmp_path / "PIL").mkdir()
    shutil.copy(x86, tmp_path / "PIL" / "_imaging.cpython-313-aarch64-linux-gnu.so")
    shutil.copy(x86, tmp_path / "native.so")
    assert package.foreign_binaries(tmp_path, "aarch64", "3.13") == [
        "PIL/_imaging.cpython-313-aarch64-linux-gnu.so (ELF machine 62, not 183)",
        "native.so (ELF machine 62, not 183)",
    ]
    assert package.foreign_binaries(tmp_path, "x86_64", "3.13") == [
        "PIL/_imaging.cpython-313-aarch64-linux-gnu.so (an extension module not tagged "
        ".cpython-313-x86_64-linux-gnu.so or .abi3.so)",
        "native.so (an extension module not tagged .cpython-313-x86_64-linux-gnu.so or .abi3.so)",
    ]
