"""Failed sign-ins are counted per (name, client address) through the real Envoy: a
stranger cannot pause the account's owner, nor pick the owner's count with a forged
X-Forwarded-For; the per-name ceiling pauses every address. Envoy runs as
shipped: `use_remote_address: true` (it appends the address it was connected from), and
the server trusts loopback by default; the clients connect from different loopback
addresses."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio

from tests.harness import Stack, sqlite_url, start_stack, stop_stack
from tests.integration.mgmt import assert_error, unique

pytestmark = pytest.mark.asyncio(loop_scope="session")

STRANGER, OWNER, ANOTHER = "127.0.0.2", "127.0.0.3", "127.0.0.4"


async def behind_envoy(directory: Path, **settings: Any) -> Stack:
    """The stack as shipped: envoy.yaml's use_remote_address, loopback trusted by default."""
    return await start_stack(sqlite_url(directory), with_envoy=True, **settings)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    s = await behind_envoy(tmp_path_factory.mktemp("addresses"), login_max_failures=3, login_name_max_failures=6)
    try:
        yield s
    finally:
        await stop_stack(s)


def client_from(stack: Stack, address: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=stack.http_base, timeout=30, transport=httpx.AsyncHTTPTransport(local_address=address)
    )


async def login(client: httpx.AsyncClient, name: str, password: str, **headers: str) -> httpx.Response:
    return await client.post("/api/v1/auth/login", data={"username": name, "password": password}, headers=headers)


async def test_a_stranger_pauses_only_themselves_whatever_x_forwarded_for_says(stack: Stack) -> None:
    name = unique("owner")
    await stack.server.accounts.register(name, f"{name}@example.com", "password123")
    async with client_from(stack, STRANGER) as stranger, client_from(stack, OWNER) as owner:
        for _ in range(3):  # claiming to be the owner's address
            wrong = await login(stranger, name.upper(), "wrong-password", **{"X-Forwarded-For": OWNER})
            assert_error(wrong, 401, "UNAUTHENTICATED")
        paused = await login(stranger, name, "password123", **{"X-Forwarded-For": "192.0.2.77"})
        body = assert_error(paused, 429, "TOO_MANY_ATTEMPTS")
        assert (
            body["detail"] == f"Too many failed sign-ins for this user: try again in {paused.headers['retry-after']} s"
        )
        assert 0 < int(paused.headers["retry-after"]) <= 300
        signed_in = await login(owner, name, "password123")
        assert signed_in.status_code == 200, signed_in.text
        assert signed_in.json()["token_type"] == "bearer"


async def test_the_per_name_ceiling_pauses_every_address(stack: Stack) -> None:
    name = unique("popular")
    await stack.server.accounts.register(name, f"{name}@example.com", "password123")
    async with client_from(stack, STRANGER) as one, client_from(stack, ANOTHER) as two:
        for client in (one, two):
            for _ in range(3):
                assert_error(await login(client, name, "wrong-password"), 401, "UNAUTHENTICATED")
    async with client_from(stack, OWNER) as owner:
        paused = await login(owner, name, "password123")  # the right password, from a third address
        assert_error(paused, 429, "TOO_MANY_ATTEMPTS")
        assert int(paused.headers["retry-after"]) > 0
