"""The ingest function under SnapStart: its hooks registered with the runtime's library, the
work done before the snapshot, and what two environments restored from one snapshot make
anew (template.yaml: ApiSnapStart; newsroom/api/snapstart.py).

Lambda's Python runtime provides `snapshot_restore_py`; here a stand-in with the same two
registration functions records the hooks, and the test calls them as the runtime does
(before the snapshot in the reverse order of registration, after a restore in that order).
Each case runs in a fresh interpreter, so that nothing built by other tests hides what the
hooks do, with the function's environment from the template and an AWS endpoint that
reaches nothing: the hooks call no AWS API.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest
from newsroom.api.snapstart import LAZY_MODULES
from newsroom_local.functions import cold_start_environment, function_specs
from newsroom_local.template import PlaceholderEnvironment

PROBE = """
import json, os, random, sys, types

registered = {"before": [], "after": []}
library = types.ModuleType("snapshot_restore_py")
library.register_before_snapshot = lambda f, *a, **k: registered["before"].append(f) or f
library.register_after_restore = lambda f, *a, **k: registered["after"].append(f) or f
if WITH_LIBRARY:
    sys.modules["snapshot_restore_py"] = library
sys.path.insert(0, CODE_DIR)

import app
from newsroom.api import snapstart
from newsroom.aws import clients


def names(hooks):
    return [f"{h.__module__}.{h.__qualname__}" for h in hooks]


def incomplete():
    return sorted(m.__qualname__ for m in snapstart.newsroom_models()
                  if not m.__pydantic_complete__)


report = {"registered": {k: names(v) for k, v in registered.items()},
          "incomplete_at_import": incomplete(),
          "lazy_at_import": [m for m in snapstart.LAZY_MODULES if m in sys.modules]}
for hook in reversed(registered["before"]):
    hook()
from newsroom.site.config import load_site_config
report |= {"incomplete_at_snapshot": incomplete(),
           "lazy_at_snapshot": [m for m in snapstart.LAZY_MODULES if m in sys.modules],
           "site_config_read": load_site_config.cache_info().currsize,
           "clients_at_snapshot": clients._client.cache_info().currsize}

snapshot = random.getstate()
made_before = clients.dynamodb()
models_before = clients._session().get_component("data_loader")
restored = []
for environment in ("first", "second"):
    random.setstate(snapshot)  # every environment resumes from the same memory
    os.environ["AWS_ACCESS_KEY_ID"] = f"restored-{environment}"
    for hook in registered["after"]:
        hook()
    restored.append({
        "draw": random.random(),
        "access_key": clients._session().get_credentials().access_key,
        "new_client": clients.dynamodb() is not made_before,
        "models_kept": clients._session().get_component("data_loader") is models_before,
        "clients": clients._client.cache_info().currsize,
    })
random.setstate(snapshot)
without_hook = random.random()
random.setstate(snapshot)
report |= {"restored": restored, "draws_without_hook": [without_hook, random.random()]}
print(json.dumps(report))
"""


def _probe(template: dict[str, Any], *, with_library: bool) -> dict[str, Any]:
    spec = function_specs(template, PlaceholderEnvironment(template))["IngestFunction"]
    code = PROBE.replace("WITH_LIBRARY", str(with_library)).replace(
        "CODE_DIR", repr(str(spec.code_dir))
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**cold_start_environment(spec), "PATH": os.environ.get("PATH", "")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=spec.code_dir,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def under_snapstart(template: dict[str, Any]) -> dict[str, Any]:
    return _probe(template, with_library=True)


def test_the_ingest_function_registers_its_hooks_with_the_runtimes_library(
    under_snapstart: dict[str, Any],
) -> None:
    assert under_snapstart["registered"] == {
        "before": ["newsroom.api.snapstart.before_snapshot"],
        "after": ["newsroom.api.snapstart.after_restore"],
    }


def test_before_the_snapshot_every_model_is_built_and_every_lazy_import_done(
    under_snapstart: dict[str, Any],
) -> None:
    # The import alone leaves the API's models for their first request (defer_build)...
    assert len(under_snapstart["incomplete_at_import"]) >= 10
    assert "ArticleDraft" in under_snapstart["incomplete_at_import"]
    assert "newsroom.api.openapi" not in under_snapstart["lazy_at_import"]
    assert "markdown_it" not in under_snapstart["lazy_at_import"]
    # ... the snapshot holds them built, with the modules, the site's configuration and the
    # AWS clients the requests use.
    assert under_snapstart["incomplete_at_snapshot"] == []
    assert under_snapstart["lazy_at_snapshot"] == list(LAZY_MODULES)
    assert under_snapstart["site_config_read"] == 1
    assert under_snapstart["clients_at_snapshot"] == 4


def test_environments_restored_from_one_snapshot_draw_their_own_randomness_and_credentials(
    under_snapstart: dict[str, Any],
) -> None:
    first, second = under_snapstart["restored"]
    # Without the hook, two environments resumed from one snapshot draw the same numbers.
    same, again = under_snapstart["draws_without_hook"]
    assert same == again
    assert len({first["draw"], second["draw"], same}) == 3
    # Credentials are read again from each environment, into new clients; the service
    # descriptions read before the snapshot are kept.
    assert [first["access_key"], second["access_key"]] == ["restored-first", "restored-second"]
    for restored in (first, second):
        assert restored["new_client"] is True
        assert restored["models_kept"] is True
        assert restored["clients"] == 4


def test_without_snapstart_the_function_starts_as_before(template: dict[str, Any]) -> None:
    plain = _probe(template, with_library=False)
    assert plain["registered"] == {"before": [], "after": []}
    assert len(plain["incomplete_at_import"]) >= 10
