"""The idle-connection keeper of data-source queries: reuse per key, expiry, the cap, forgetting."""

from __future__ import annotations

import asyncio

import pytest

from flowgate.app.idle_connections import IdleConnections

pytestmark = pytest.mark.asyncio(loop_scope="session")


class Closed:
    def __init__(self) -> None:
        self.names: list[str] = []

    async def __call__(self, connection: str) -> None:
        self.names.append(connection)


async def settle() -> None:
    for _ in range(3):
        await asyncio.sleep(0)


async def test_a_kept_connection_serves_its_key_only_and_once() -> None:
    closed = Closed()
    idle: IdleConnections[str] = IdleConnections(closed, max_idle=4, idle_seconds=60)
    idle.give(("a", 1), "c1")
    assert idle.take(("b", 1)) is None
    assert idle.take(("a", 2)) is None  # the source was updated: another key
    assert idle.take(("a", 1)) == "c1"
    assert idle.take(("a", 1)) is None
    idle.give(("a", 1), "c1")
    idle.give(("a", 1), "c2")
    assert idle.take(("a", 1)) == "c2"  # the most recently used first
    await settle()
    assert closed.names == []


async def test_the_oldest_goes_when_the_cap_is_reached() -> None:
    closed = Closed()
    idle: IdleConnections[str] = IdleConnections(closed, max_idle=2, idle_seconds=60)
    for name in ("c1", "c2", "c3"):
        idle.give((name,), name)
    await settle()
    assert closed.names == ["c1"]
    assert len(idle) == 2


async def test_connections_expire_and_are_closed() -> None:
    closed = Closed()
    idle: IdleConnections[str] = IdleConnections(closed, max_idle=4, idle_seconds=0.05)
    idle.give(("a",), "c1")
    await asyncio.sleep(0.1)  # past idle_seconds: the time passing is what is tested
    assert idle.take(("a",)) is None
    await settle()
    assert closed.names == ["c1"]


async def test_forget_and_close() -> None:
    closed = Closed()
    idle: IdleConnections[str] = IdleConnections(closed, max_idle=4, idle_seconds=60)
    idle.give(("a", 1), "a1")
    idle.give(("b", 1), "b1")
    idle.forget(lambda key: isinstance(key, tuple) and key[0] == "a")
    await settle()
    assert closed.names == ["a1"]
    await idle.close()
    assert closed.names == ["a1", "b1"]
    assert len(idle) == 0


async def test_disabled_keeps_nothing() -> None:
    closed = Closed()
    idle: IdleConnections[str] = IdleConnections(closed, max_idle=0, idle_seconds=60)
    assert not idle.enabled
    idle.give(("a",), "c1")
    assert idle.take(("a",)) is None
    await idle.close()
    assert closed.names == ["c1"]


async def test_a_failing_close_is_quiet() -> None:
    async def fail(connection: str) -> None:
        raise OSError("gone")

    idle: IdleConnections[str] = IdleConnections(fail, max_idle=1, idle_seconds=60)
    idle.give(("a",), "c1")
    idle.give(("b",), "c2")  # closes c1, which fails: nothing is raised
    await idle.close()
    assert len(idle) == 0
