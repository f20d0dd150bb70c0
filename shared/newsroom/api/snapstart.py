"""The editors' API under Lambda SnapStart: what is done once before the snapshot, and
what is made anew after each restore.

With SnapStart (template.yaml: `ApiSnapStart`), Lambda initialises the ingest function
once, when a version is published, and snapshots its memory; each cold start then resumes
from the snapshot instead of importing and building everything again. Whatever is done
before the snapshot is therefore free at every cold start: `before_snapshot` imports what
requests import lazily, builds every pydantic model the newsroom declares (the API's models
are built on first use otherwise: `defer_build`), reads the site configuration that
category checks read, and makes the AWS clients the adapters call.

A snapshot is shared by every execution environment restored from it, so what must differ
between them is made again by `after_restore`: the `random` module's state (`secrets`
and the ids read the operating system at each call already), and the AWS clients with
their botocore session, whose credentials belong to the environment that made them.

The hooks run where `snapshot_restore_py` registers them (functions/ingest/app.py); they
call no AWS API, so they also run locally and in tests.
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable, Iterator
from typing import Any

from pydantic import BaseModel

from newsroom.aws import clients

# Imported by some requests only (the idempotency store, the API's description, the site
# configuration): before the snapshot, so that no request pays for them.
LAZY_MODULES = (
    "markdown_it",
    "newsroom.api.idempotency",
    "newsroom.api.openapi",
    "newsroom.api.preview",
    "newsroom.editorial.preview",
    "newsroom.site.config",
    "nh3",
    "pydantic.json_schema",
)
# The clients the ingest function's adapters use (tables, uploads, queues, schedules).
CLIENTS: tuple[Callable[[], Any], ...] = (
    clients.dynamodb,
    clients.s3,
    clients.sqs,
    clients.scheduler,
)


def newsroom_models() -> Iterator[type[BaseModel]]:
    """Every pydantic model declared in a module of the newsroom that is imported now."""
    seen: set[type[BaseModel]] = set()
    pending = list(BaseModel.__subclasses__())
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        pending.extend(model.__subclasses__())
        if model.__module__.startswith("newsroom."):
            yield model


def build_models() -> list[str]:
    """Build every newsroom model that is not built yet; the names of those built."""
    built = []
    for model in sorted(newsroom_models(), key=lambda m: (m.__module__, m.__qualname__)):
        if not model.__pydantic_complete__ and model.model_rebuild():
            built.append(f"{model.__module__}.{model.__qualname__}")
    return built


def before_snapshot() -> list[str]:
    """Import, build, read and connect what the API's requests will use; the models built."""
    for name in LAZY_MODULES:
        importlib.import_module(name)
    from newsroom.site.config import load_site_config

    load_site_config()
    built = build_models()
    for make_client in CLIENTS:
        make_client()
    return built


def after_restore() -> None:
    """Make anew what must not be shared by environments restored from one snapshot."""
    random.seed()  # from os.urandom: each environment its own sequence
    clients.renew_session()  # the session and its credentials, and every client
    for make_client in CLIENTS:
        make_client()
