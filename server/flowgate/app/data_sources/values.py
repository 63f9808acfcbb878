"""Database values as JSON."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

from flowgate.domain.errors import LimitExceeded
from flowgate.domain.models import JSONValue

_MAX_SAFE_INT = 2**53


def json_safe(value: Any) -> JSONValue:
    """A database value as JSON: Decimal → number when exact, else text; big integers →
    text; dates and times → ISO 8601; intervals → seconds; bytes → base64; anything else
    (UUID, network addresses, ranges, …) → its text."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value if -_MAX_SAFE_INT <= value <= _MAX_SAFE_INT else str(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, decimal.Decimal):
        if value.is_finite():
            if value == value.to_integral_value() and abs(value) <= _MAX_SAFE_INT:
                return int(value)
            as_float = float(value)
            if decimal.Decimal(repr(as_float)) == value:
                return as_float
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(json_safe(v) for v in value)
    return str(value)


def _row(names: Sequence[str], values: Sequence[Any]) -> dict[str, JSONValue]:
    """A row as an object; a repeated column name gets a suffix (`id`, `id_2`)."""
    row: dict[str, JSONValue] = {}
    for name, value in zip(names, values, strict=True):
        key, n = name, 1
        while key in row:
            n += 1
            key = f"{name}_{n}"
        row[key] = json_safe(value)
    return row


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


class ResultBudget:
    """Counts a result's rows in bytes (as compact JSON) while they are read, so that a
    query's answer is bounded by `max_bytes` however many rows `limit` allows."""

    FIRST_BATCH = 16
    MAX_BATCH = 1000

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.used = 0
        self.largest = 0

    def add(self, row: JSONValue) -> JSONValue:
        """`row`, counted; LimitExceeded when the rows so far pass the limit."""
        size = len(_COMPACT.encode(row).encode()) + 1
        self.used += size
        self.largest = max(self.largest, size)
        if self.used > self.max_bytes:
            raise LimitExceeded(
                f"the result is larger than {self.max_bytes} bytes (the server's data-source limit); "
                "select fewer rows or columns"
            )
        return row

    def rows_that_fit(self) -> int:
        """How many more rows to read at once: as many as would still fit were each as large
        as the largest so far (so that a batch stays near the limit in memory)."""
        if not self.largest:
            return self.FIRST_BATCH
        return max(1, min(self.MAX_BATCH, (self.max_bytes - self.used) // self.largest + 1))
