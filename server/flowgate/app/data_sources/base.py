"""Errors and limits shared by the data-source modules."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flowgate.domain.errors import ErrorKind, FlowgateError, InvalidArgument, LimitExceeded


class QueryTimeout(LimitExceeded):
    reason = "QUERY_TIMEOUT"


class QueryRefused(InvalidArgument):
    """Not a read-only query, or the database refused it (syntax, permissions, read-only)."""

    reason = "QUERY_REFUSED"


class DataSourceUnavailable(FlowgateError):
    """Could not connect, authenticate or read the source."""

    kind = ErrorKind.UNAVAILABLE
    reason = "DATA_SOURCE_UNAVAILABLE"


@dataclass(frozen=True, slots=True)
class DataSourceLimits:
    max_rows: int = 1000
    timeout_seconds: float = 10.0
    json_dir: Path = Path("var/data-sources")
    max_bytes: int = 10_000_000
    connect_timeout_seconds: float = 10.0
    idle_connections: int = 32
    """Database connections kept open between queries (per driver; 0: one per query)."""
    idle_seconds: float = 60.0
    """How long a kept connection may wait for its next query."""
