"""Fixtures: a full stack (gRPC server + real Envoy) over SQLite, and over PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from flowgate.engine.blocks import default_registry
from tests.blocks_for_tests import PauseBlock
from tests.harness import Stack, require_postgres, reset_postgres, sqlite_url, start_stack, stop_stack

BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("data")


@pytest_asyncio.fixture(scope="session", loop_scope="session", params=BACKENDS)
async def stack(request: pytest.FixtureRequest, data_dir: Path) -> AsyncIterator[Stack]:
    """gRPC server + Envoy, once per database backend."""
    if request.param == "postgres":
        url = require_postgres()
        await reset_postgres(url)
    else:
        url = sqlite_url(data_dir)
    s = await start_stack(url, with_envoy=True)
    try:
        yield s
    finally:
        await stop_stack(s)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def slow_stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    """A stack whose registry has the pause block (SQLite; Envoy in front), per module."""
    directory = tmp_path_factory.mktemp("slow")
    s = await start_stack(sqlite_url(directory), with_envoy=True, blocks=default_registry(PauseBlock()))
    try:
        yield s
    finally:
        await stop_stack(s)
