"""The environment a function runs in, read and checked once at cold start.

Each setting is read from the environment variable of its name in capitals, as
`template.yaml` passes it (`articles_table` from `ARTICLES_TABLE`). A whole number that is
not one stops the cold start naming the variable and what it holds, as does a variable a
function needs and lacks (`Settings.require`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple


class SettingsError(RuntimeError):
    """An environment a function cannot run in, with the variables named."""


class Settings(NamedTuple):
    """Names of the resources a function talks to, and the figures it works by."""

    articles_table: str = ""
    idempotency_table: str = ""
    content_bucket: str = ""
    site_bucket: str = ""
    images_queue_url: str = ""
    render_queue_url: str = ""
    site_queue_url: str = ""
    site_base_url: str = "http://127.0.0.1:8080"
    distribution_id: str = ""
    upload_url_ttl_seconds: int = 900
    publish_queue_arn: str = ""
    scheduler_role_arn: str = ""
    schedule_group: str = "default"
    # A render of the shared files waits this long without a publish (at most the
    # second figure in all) before it begins: see `newsroom.site.settle`.
    site_render_quiet_ms: int = 0
    site_render_longest_wait_ms: int = 0

    def require(self, *names: str) -> None:
        """Fail at cold start, naming the variables, when a function lacks what it needs."""
        missing = [variable(n) for n in names if not getattr(self, n)]
        if missing:
            raise SettingsError(f"missing environment variables: {', '.join(missing)}")


def variable(setting: str) -> str:
    """The environment variable a setting is read from."""
    return setting.upper()


def _whole_number(name: str, text: str) -> int:
    try:
        number = int(text.strip())
    except ValueError:
        number = -1
    if number < 0:
        raise SettingsError(f"{name} must be a whole number, 0 or more; it is {text!r}")
    return number


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read the settings from `environ` (the process environment by default)."""
    source = os.environ if environ is None else environ
    found: dict[str, str | int] = {}
    for setting, default in Settings._field_defaults.items():
        name = variable(setting)
        if name in source:
            text = source[name]
            found[setting] = _whole_number(name, text) if isinstance(default, int) else text
    return Settings(**found)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def settings() -> Settings:
    """The process's settings, read once."""
    return load_settings()
