"""The site configuration as a built function reads it: `site.toml` shipped as JSON."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from newsroom.site import config
from newsroom_local.template import PROJECT_ROOT

from tests.scripts import load_script

PACKAGE = PROJECT_ROOT / "infra" / "lambda" / "package.py"


def _package_module() -> ModuleType:
    return load_script(PACKAGE, "lambda_package")


def _layer_with(tmp_path: Path, site_toml: str) -> Path:
    site = tmp_path / "python" / "newsroom" / "site"
    site.mkdir(parents=True)
    (site / "site.toml").write_text(site_toml, encoding="utf-8")
    return tmp_path / "python"


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    config.load_site_config.cache_clear()
    yield
    config.load_site_config.cache_clear()


def test_the_built_json_holds_the_same_site_as_site_toml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_cache: None
) -> None:
    layer = _layer_with(tmp_path, config.DEFAULT_CONFIG.read_text(encoding="utf-8"))
    _package_module().compile_site_config(layer)
    built = layer / "newsroom" / "site" / "site.json"
    assert "Sở" in built.read_text(encoding="utf-8")  # Vietnamese kept as it is, not \u escapes

    from_toml = config.load_site_config()
    monkeypatch.delenv("SITE_CONFIG", raising=False)
    monkeypatch.setattr(config, "COMPILED_CONFIG", built)
    config.load_site_config.cache_clear()
    from_json = config.load_site_config()
    assert from_json == from_toml
    assert [c.name for c in from_json.categories] == [c.name for c in from_toml.categories]


def test_a_configuration_named_by_the_environment_wins_over_the_built_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_cache: None
) -> None:
    built = tmp_path / "site.json"
    built.write_text('{"name": "không dùng"}', encoding="utf-8")  # would not even validate
    own = tmp_path / "own.toml"
    own.write_text(
        config.DEFAULT_CONFIG.read_text(encoding="utf-8").replace(
            'short_name = "', 'short_name = "Riêng ', 1
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(config, "COMPILED_CONFIG", built)
    monkeypatch.setenv("SITE_CONFIG", str(own))
    assert config.load_site_config().short_name.startswith("Riêng ")


def test_a_site_toml_that_json_cannot_hold_stops_the_build_saying_why(tmp_path: Path) -> None:
    package = _package_module()
    layer = _layer_with(tmp_path, 'name = "Sở"\nupdated = 2026-11-29\n')
    with pytest.raises(package.PackagingError, match=r"site\.toml cannot be shipped as JSON"):
        package.compile_site_config(layer)
    broken = _layer_with(tmp_path / "b", 'name = "Sở\n')
    with pytest.raises(package.PackagingError, match=r"site\.toml cannot be shipped as JSON"):
        package.compile_site_config(broken)
