"""Failed sign-ins, counted on this replica per (user name, client address) and per name.

- **Per name and address.** After `max_failures` failed attempts for one name from one
  address within `window_seconds`, that pair is paused: further attempts are refused
  (without checking the password) for `window_seconds`. Each further pause of the same
  pair doubles, up to `max_pause_seconds`; the pair's history is forgotten after a
  success, or once it has been quiet for `max_pause_seconds` after its last pause. So a
  stranger guessing from one address pauses only themselves: the account's owner, from
  their own address, signs in as usual.
- **Per name, every address.** After `name_max_failures` failures for one name within
  `window_seconds`, from whatever addresses, the name is paused for everyone until the
  oldest of them leaves the window. This ceiling bounds the guesses many addresses
  together can make; a success does not reset it.

Names are compared case-insensitively. Names that do not exist are counted the same
way, so guessing which names exist gains nothing, and the Argon2 work callers can make
the server do is bounded. At most `max_names` names and as many pairs are remembered
(the least recently failed are forgotten first).
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(slots=True)
class _Pair:
    failures: deque[float]
    pauses: int = 0
    paused_until: float = 0.0


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
        self._pairs: OrderedDict[tuple[str, str], _Pair] = OrderedDict()
        self._names: OrderedDict[str, deque[float]] = OrderedDict()

    @staticmethod
    def _key(name: str) -> str:
        return name.strip().lower()

    def retry_after(self, name: str, address: str = "") -> float:
        """Seconds until `name` may try again from `address` (0: now)."""
        now = self._clock()
        wait = 0.0
        pair = self._pairs.get((self._key(name), address))
        if pair is not None:
            wait = max(wait, pair.paused_until - now)
        failures = self._names.get(self._key(name))
        if failures is not None and len(failures) >= self._name_max_failures:
            wait = max(wait, failures[0] + self._window - now)
        return max(0.0, wait)

    def failed(self, name: str, address: str = "") -> None:
        now = self._clock()
        key = self._key(name)
        pair = self._pairs.pop((key, address), None)
        if pair is None:
            pair = _Pair(deque(maxlen=self._max_failures))
        if pair.pauses and now - pair.paused_until >= self._max_pause:
            pair.pauses = 0  # quiet long enough: a fresh start
        while pair.failures and pair.failures[0] <= now - self._window:
            pair.failures.popleft()
        pair.failures.append(now)
        if len(pair.failures) >= self._max_failures:
            pair.pauses += 1
            pair.paused_until = now + min(self._window * 2 ** (pair.pauses - 1), self._max_pause)
            pair.failures.clear()
        self._pairs[(key, address)] = pair  # most recent last
        failures = self._names.pop(key, None)
        if failures is None:
            failures = deque(maxlen=self._name_max_failures)
        failures.append(now)
        self._names[key] = failures
        while len(self._pairs) > self._max_names:
            self._pairs.popitem(last=False)
        while len(self._names) > self._max_names:
            self._names.popitem(last=False)

    def succeeded(self, name: str, address: str = "") -> None:
        self._pairs.pop((self._key(name), address), None)
