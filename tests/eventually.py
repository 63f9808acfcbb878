"""Waiting in tests for something that happens in the background: `eventually(check)` calls
`check` again and again until it holds, instead of a hand-written polling loop or a fixed
sleep that hopes the wait was long enough.

A check holds when it returns a truthy value without raising AssertionError; that value is
returned. So a check can be a predicate (`lambda: pid not in pool.idle_pids()`), a lookup
(the stored row, or None while there is none; the list of charges, empty until written) or
an assertion that also returns what it checked. Any other exception is a real failure and
ends the wait at once. When the time is up, AssertionError says what the check last gave.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar, overload

T = TypeVar("T")

TIMEOUT = 10.0
"""Default seconds to wait: generous, since a loaded machine is slow, and never a duration
a test asserts (a check that holds returns at once)."""
INTERVAL = 0.05
"""Default seconds between two calls of the check."""


@overload
async def eventually(
    check: Callable[[], Awaitable[T | None]],
    *,
    timeout: float = TIMEOUT,  # noqa: ASYNC109 - the bound of the whole wait, applied with asyncio.timeout
    interval: float = INTERVAL,
) -> T: ...


@overload
async def eventually(
    check: Callable[[], T | None],
    *,
    timeout: float = TIMEOUT,  # noqa: ASYNC109 - the bound of the whole wait, applied with asyncio.timeout
    interval: float = INTERVAL,
) -> T: ...


async def eventually(
    check: Callable[[], Awaitable[T | None]] | Callable[[], T | None],
    *,
    timeout: float = TIMEOUT,  # noqa: ASYNC109 - the bound of the whole wait, applied with asyncio.timeout
    interval: float = INTERVAL,
) -> T:
    """What `check` (sync or async) returns once it holds; AssertionError after `timeout` s,
    also when a call of the check itself is still waiting then."""
    failure: AssertionError | None = None
    result: object = None
    waiting = False
    scope = asyncio.timeout(timeout)
    try:
        async with scope:
            while True:
                waiting = True
                try:
                    value = check()
                    if inspect.isawaitable(value):
                        value = await value
                except AssertionError as exc:
                    failure = exc
                else:
                    failure, result = None, value
                    if value:
                        return value
                waiting = False
                await asyncio.sleep(interval)
    except TimeoutError:
        if not scope.expired():
            raise  # the check's own
        if waiting:
            raise AssertionError(f"{_name(check)}: a call was still waiting after {timeout:g} s") from None
        raise _timed_out(check, timeout, failure, result) from failure  # its traceback is shown too


def eventually_sync(check: Callable[[], T | None], *, timeout: float = TIMEOUT, interval: float = INTERVAL) -> T:
    """`eventually` for a test that runs no event loop: sleeps between the calls."""
    deadline = time.monotonic() + timeout
    while True:
        failure: AssertionError | None = None
        result: object = None
        try:
            result = check()
        except AssertionError as exc:
            failure = exc
        else:
            if result:
                return result
        if time.monotonic() >= deadline:
            raise _timed_out(check, timeout, failure, result) from failure
        time.sleep(interval)


def _timed_out(check: object, timeout: float, failure: AssertionError | None, result: object) -> AssertionError:
    last = f"{type(failure).__name__}: {failure}" if failure is not None else f"it returned {result!r}"
    return AssertionError(f"{_name(check)} did not hold within {timeout:g} s; last time {last}")


def _name(check: object) -> str:
    return str(getattr(check, "__qualname__", repr(check)))
