"""eventually(): retries a check until it holds, returns what it gave, and says what it last
gave when the time is up."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import pytest

from tests.eventually import eventually, eventually_sync


@pytest.mark.asyncio(loop_scope="session")
async def test_a_sync_check_that_holds_late_returns_its_value() -> None:
    calls: list[int] = []

    def check() -> list[int]:
        calls.append(1)
        return calls if len(calls) >= 3 else []

    assert await eventually(check, interval=0.01) == [1, 1, 1]
    assert len(calls) == 3


@pytest.mark.asyncio(loop_scope="session")
async def test_an_async_check_is_awaited_and_its_value_returned() -> None:
    calls: list[int] = []

    async def check() -> str | None:
        calls.append(1)
        return "found" if len(calls) >= 3 else None

    assert await eventually(check, interval=0.01) == "found"
    assert len(calls) == 3


@pytest.mark.asyncio(loop_scope="session")
async def test_an_assertion_is_retried_until_it_passes() -> None:
    calls: list[int] = []

    async def check() -> int:
        calls.append(1)
        assert len(calls) >= 4, f"only {len(calls)} calls"
        return len(calls)

    assert await eventually(check, interval=0.01) == 4


@pytest.mark.asyncio(loop_scope="session")
async def test_a_check_that_holds_at_once_is_called_once() -> None:
    calls: list[int] = []

    def check() -> bool:
        calls.append(1)
        return True

    started = time.monotonic()
    assert await eventually(check, interval=5) is True
    assert time.monotonic() - started < 1
    assert calls == [1]


@pytest.mark.asyncio(loop_scope="session")
async def test_time_up_names_the_last_assertion_failure() -> None:
    calls: list[int] = []

    def never() -> bool:
        calls.append(1)
        raise AssertionError(f"attempt {len(calls)} failed")

    started = time.monotonic()
    with pytest.raises(AssertionError) as failed:
        await eventually(never, timeout=0.2, interval=0.01)
    assert time.monotonic() - started >= 0.2
    assert len(calls) > 1
    message = str(failed.value)
    assert "did not hold within 0.2 s" in message
    assert f"AssertionError: attempt {len(calls)} failed" in message
    assert "never" in message
    assert isinstance(failed.value.__cause__, AssertionError)


@pytest.mark.asyncio(loop_scope="session")
async def test_time_up_names_the_last_value_returned() -> None:
    async def empty() -> list[str]:
        return []

    with pytest.raises(AssertionError, match=r"empty did not hold within 0.1 s; last time it returned \[\]"):
        await eventually(empty, timeout=0.1, interval=0.01)


@pytest.mark.asyncio(loop_scope="session")
async def test_a_call_that_never_returns_is_bounded_by_the_timeout_too() -> None:
    async def hangs() -> bool:
        await asyncio.Event().wait()
        return True

    with pytest.raises(AssertionError, match=r"hangs: a call was still waiting after 0.1 s"):
        await eventually(hangs, timeout=0.1)


@pytest.mark.asyncio(loop_scope="session")
async def test_another_exception_ends_the_wait_at_once() -> None:
    calls: list[int] = []

    def broken() -> bool:
        calls.append(1)
        raise KeyError("no such run")

    with pytest.raises(KeyError, match="no such run"):
        await eventually(broken, timeout=5, interval=0.01)
    assert calls == [1]


def test_the_sync_twin_retries_and_times_out_alike() -> None:
    calls: list[int] = []

    def check() -> int:
        calls.append(1)
        return len(calls) if len(calls) >= 3 else 0

    assert eventually_sync(check, interval=0.01) == 3
    with pytest.raises(AssertionError, match=r"did not hold within 0.1 s; last time it returned False"):
        eventually_sync(lambda: False, timeout=0.1, interval=0.01)
    with pytest.raises(AssertionError, match="AssertionError: still 2"):
        eventually_sync(_fails_with("still 2"), timeout=0.1, interval=0.01)


def _fails_with(message: str) -> Callable[[], bool]:
    def check() -> bool:
        raise AssertionError(message)

    return check
