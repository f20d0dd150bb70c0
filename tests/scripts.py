"""The project's scripts (infra/scripts, infra/lambda: files, not modules of a package)
loaded as modules, for the tests that call their functions."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType


def load_script(path: Path, name: str, *, register: bool = False) -> ModuleType:
    """The script at `path` run as a module named `name`; with `register`, that module is
    in sys.modules under `name` too (before it runs, as an import would put it)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    if register:
        sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def run_without_aws(
    python: Path | str, script: Path, *arguments: str, tmp_path: Path, cwd: Path
) -> subprocess.CompletedProcess[str]:
    """Run `script` as a command, with no AWS settings or credentials to be found (what
    needs none, such as a dry run, must work so)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    environment.update(
        AWS_CONFIG_FILE=str(tmp_path / "no-config"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "no-credentials"),
        AWS_EC2_METADATA_DISABLED="true",
    )
    return subprocess.run(
        [str(python), str(script), *arguments],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=environment,
        cwd=cwd,
    )
