"""The environment a function runs in, validated once at cold start."""

import os
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    """Names of the resources a function talks to, as `template.yaml` passes them."""

    model_config = ConfigDict(frozen=True)

    articles_table: str = Field(default="", alias="ARTICLES_TABLE")
    idempotency_table: str = Field(default="", alias="IDEMPOTENCY_TABLE")
    content_bucket: str = Field(default="", alias="CONTENT_BUCKET")
    site_bucket: str = Field(default="", alias="SITE_BUCKET")
    images_queue_url: str = Field(default="", alias="IMAGES_QUEUE_URL")
    render_queue_url: str = Field(default="", alias="RENDER_QUEUE_URL")
    site_queue_url: str = Field(default="", alias="SITE_QUEUE_URL")
    site_base_url: str = Field(default="http://127.0.0.1:8080", alias="SITE_BASE_URL")
    distribution_id: str = Field(default="", alias="DISTRIBUTION_ID")
    upload_url_ttl_seconds: int = Field(default=900, alias="UPLOAD_URL_TTL_SECONDS")
    publish_queue_arn: str = Field(default="", alias="PUBLISH_QUEUE_ARN")
    scheduler_role_arn: str = Field(default="", alias="SCHEDULER_ROLE_ARN")
    schedule_group: str = Field(default="default", alias="SCHEDULE_GROUP")
    # A render of the shared files waits this long without a publish (at most the
    # second figure in all) before it begins: see `newsroom.site.settle`.
    site_render_quiet_ms: int = Field(default=0, ge=0, alias="SITE_RENDER_QUIET_MS")
    site_render_longest_wait_ms: int = Field(default=0, ge=0, alias="SITE_RENDER_LONGEST_WAIT_MS")

    def require(self, *names: str) -> None:
        """Fail at cold start, naming the variables, when a function lacks what it needs."""
        missing = [n for n in names if not getattr(self, n)]
        if missing:
            aliases = [type(self).model_fields[n].alias or n for n in missing]
            raise RuntimeError(f"missing environment variables: {', '.join(aliases)}")


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Read the settings from `environ` (the process environment by default)."""
    source = dict(os.environ if environ is None else environ)
    known = {f.alias for f in Settings.model_fields.values() if f.alias}
    return Settings.model_validate({k: v for k, v in source.items() if k in known})


@lru_cache(maxsize=1)
def settings() -> Settings:
    """The process's settings, read once."""
    return load_settings()
