"""Failed sign-ins, counted per user name on this replica.

After `max_failures` failed attempts for one name within `window_seconds`, further
attempts for that name are refused (without checking the password) until the oldest of
those failures is older than the window. A success clears the name's count. Names that
do not exist are counted the same way, so guessing which names exist gains nothing, and
the Argon2 work an attacker can make the server do is bounded per name. At most
`max_names` names are remembered (the least recently failed are forgotten first).
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable


class LoginThrottle:
    def __init__(
        self,
        max_failures: int = 10,
        window_seconds: float = 300.0,
        *,
        max_names: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._max_failures = max(1, max_failures)
        self._window = window_seconds
        self._max_names = max_names
        self._clock = clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    @staticmethod
    def _key(name: str) -> str:
        return name.strip().lower()

    def retry_after(self, name: str) -> float:
        """Seconds until `name` may try again (0: now)."""
        failures = self._failures.get(self._key(name))
        if failures is None or len(failures) < self._max_failures:
            return 0.0
        return max(0.0, failures[0] + self._window - self._clock())

    def failed(self, name: str) -> None:
        key = self._key(name)
        failures = self._failures.pop(key, None)
        if failures is None:
            failures = deque(maxlen=self._max_failures)
        failures.append(self._clock())
        self._failures[key] = failures  # most recent last
        while len(self._failures) > self._max_names:
            self._failures.popitem(last=False)

    def succeeded(self, name: str) -> None:
        self._failures.pop(self._key(name), None)
