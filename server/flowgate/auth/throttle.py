"""Failed sign-ins, counted on this replica per (user name, client address) and per name.

- **Per name and address.** After `max_failures` failed attempts for one name from one
  address within `window_seconds` (counted from the first of them), that pair is paused: further attempts are refused
  (without checking the password) for `window_seconds`. Each further pause of the same
  pair doubles, up to `max_pause_seconds`; the pair's history is forgotten after a
  success, or once it has been quiet for `max_pause_seconds` after its last pause. So a
  stranger guessing from one address pauses only themselves: the account's owner, from
  their own address, signs in as usual.
- **Per name, every address.** After `name_max_failures` failures for one name within
  `window_seconds` (counted from the first), from whatever addresses, the name is paused
  for everyone until that window ends. This ceiling bounds the guesses many addresses
  together can make; a success does not reset it.

Names are compared case-insensitively. Names that do not exist are counted the same
way, so guessing which names exist gains nothing, and the Argon2 work callers can make
the server do is bounded. At most `max_names` names and as many pairs are remembered
(the least recently failed are forgotten first); each costs a few hundred bytes.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K")


class _Count:
    """Failures in a window that opened at the first of them; and, for a pair, its pauses."""

    __slots__ = ("failures", "paused_until", "pauses", "since")

    def __init__(self, now: float) -> None:
        self.since = now
        self.failures = 0
        self.pauses = 0
        self.paused_until = 0.0


class LoginThrottle:
    def __init__(
        self,
        max_failures: int = 10,
        window_seconds: float = 300.0,
        *,
        name_max_failures: int = 100,
        max_pause_seconds: float = 3600.0,
        max_names: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._max_failures = max(1, max_failures)
        self._name_max_failures = max(1, name_max_failures)
        self._window = window_seconds
        self._max_pause = max(max_pause_seconds, window_seconds)
        self._max_names = max_names
        self._clock = clock
        self._pairs: OrderedDict[tuple[str, str], _Count] = OrderedDict()
        self._names: OrderedDict[str, _Count] = OrderedDict()

    @staticmethod
    def _key(name: str) -> str:
        return name.strip().lower()

    def retry_after(self, name: str, address: str = "") -> float:
        """Seconds until `name` may try again from `address` (0: now)."""
        now = self._clock()
        wait = 0.0
        pair = self._pairs.get((self._key(name), address))
        if pair is not None:
            wait = pair.paused_until - now
        named = self._names.get(self._key(name))
        if named is not None and named.failures >= self._name_max_failures:
            wait = max(wait, named.since + self._window - now)
        return max(0.0, wait)

    def _count(self, table: OrderedDict[K, _Count], key: K, now: float) -> _Count:
        """`key`'s count with one more failure, moved to the most recent end of `table`."""
        count = table.pop(key, None)
        if count is None:
            count = _Count(now)
        if now - count.since >= self._window:  # a new window
            count.since, count.failures = now, 0
        count.failures += 1
        table[key] = count
        while len(table) > self._max_names:
            table.popitem(last=False)
        return count

    def failed(self, name: str, address: str = "") -> None:
        now = self._clock()
        key = self._key(name)
        pair = self._count(self._pairs, (key, address), now)
        if pair.pauses and now - pair.paused_until >= self._max_pause:
            pair.pauses = 0  # quiet long enough after its last pause: a fresh start
        if pair.failures >= self._max_failures:
            pair.pauses += 1
            pair.paused_until = now + min(self._window * 2 ** (pair.pauses - 1), self._max_pause)
            pair.since, pair.failures = now, 0
        self._count(self._names, key, now)

    def succeeded(self, name: str, address: str = "") -> None:
        self._pairs.pop((self._key(name), address), None)
