"""The local stack as a subprocess (`newsroom dev` on free ports, a temporary data dir).

`local_stack` is started once per test session (per xdist worker) and shared; tests
drive it over HTTP. It exposes `api_url`, `site_url`, `cloud_endpoint` (moto, for
boto3 where a test must look inside), `data_dir`, `token(role)`, `client(service)`,
`restart()` and `output()` (what the stack printed). Mark tests that use it with
`pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("local_stack")]` so they share
one stack.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from newsroom_local.client import EditorClient
from newsroom_local.launch import StackProcess


@pytest.fixture(scope="session")
def local_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StackProcess]:
    data_dir: Path = tmp_path_factory.mktemp("newsroom-data")
    stack = StackProcess.start(data_dir)
    try:
        yield stack
    finally:
        stack.stop()


@pytest.fixture
def editor(local_stack: StackProcess) -> Iterator[EditorClient]:
    """The API as an editor sees it."""
    client = EditorClient(local_stack.api_url, local_stack.token("editor"))
    yield client
    client.close()
