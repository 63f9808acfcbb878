"""Rows of JSON documents (`json` and `api` sources) and `api` query paths."""

from __future__ import annotations

import re

from flowgate.app.data_sources.base import QueryRefused
from flowgate.domain.models import JSONValue
from flowgate.engine.services import QueryResult

_SEGMENT = re.compile(r"[^.]+")


def _dotted(document: JSONValue, path: str) -> JSONValue:
    """The value at a dotted path (`items.0.name`; "" = the document); QueryRefused when absent."""
    path = path.strip()
    value = document
    if not path:
        return value
    for segment in path.split("."):
        if not _SEGMENT.fullmatch(segment):
            raise QueryRefused(f"invalid path {path[:200]!r}")
        if isinstance(value, dict) and segment in value:
            value = value[segment]
        elif isinstance(value, list) and segment.lstrip("-").isdigit() and -len(value) <= int(segment) < len(value):
            value = value[int(segment)]
        else:
            raise QueryRefused(f"nothing at {path[:200]!r} in the document")
    return value


def _rows_of(value: JSONValue, limit: int) -> QueryResult:
    rows = list(value) if isinstance(value, list) else [value]
    return QueryResult(rows[:limit], truncated=len(rows) > limit)


def _api_url(base_url: str, query: str) -> str:
    """`query` (a path with an optional query string) appended to `base_url`; no other host,
    no `..`."""
    query = query.strip()
    if "://" in query or query.startswith("//") or "#" in query or "\\" in query:
        raise QueryRefused("an api query is a path (and query string) relative to the data source's base_url")
    path = query.split("?", 1)[0]
    if any(seg in ("..", ".") or seg.lower().replace("%2e", ".") in ("..", ".") for seg in path.split("/")):
        raise QueryRefused("'.' and '..' are not allowed in an api query path")
    if not query:
        return base_url
    if query.startswith("?"):
        return base_url + ("&" + query[1:] if "?" in base_url else query)
    return base_url.rstrip("/") + "/" + query.lstrip("/")
