"""Database values as JSON."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import math
from collections.abc import Mapping, Sequence
from typing import Any

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
