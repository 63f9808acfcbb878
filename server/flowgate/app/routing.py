"""Which endpoint of a release's router tree a request names, and its text inputs typed."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from flowgate.domain.models import JSONValue, Route
from flowgate.engine.blocks.start import StartConfig
from flowgate.engine.graph import CompiledGraph


def match_route(routes: tuple[Route, ...], method: str, path: str) -> tuple[Route, dict[str, str]] | None:
    """The endpoint for `method path` and the values of its `{name}` segments."""
    wanted = [p for p in path.strip("/").split("/") if p]
    for route in routes:
        if route.method.upper() != method.upper():
            continue
        pattern = [p for p in route.path.strip("/").split("/") if p]
        if len(pattern) != len(wanted):
            continue
        params: dict[str, str] = {}
        for want, got in zip(pattern, wanted, strict=True):
            m = re.fullmatch(r"\{(\w+)\}", want)
            if m:
                params[m.group(1)] = got
            elif want != got:
                break
        else:
            return route, params
    return None


def coerce_text_inputs(compiled: CompiledGraph, values: Mapping[str, JSONValue]) -> dict[str, JSONValue]:
    """Query-string values are text: turn those the input schema declares as numbers,
    booleans, objects or arrays into them (when they parse; otherwise validation says so)."""
    start = compiled.nodes.get(compiled.start_id)
    if start is None or not isinstance(start.config, StartConfig):
        return dict(values)
    types = {spec.name: spec.type for spec in start.config.inputs}
    out = dict(values)
    for name, value in values.items():
        kind = types.get(name)
        if not isinstance(value, str) or kind in (None, "string"):
            continue
        try:
            if kind == "integer":
                out[name] = int(value)
            elif kind == "number":
                number = float(value)
                out[name] = int(number) if number.is_integer() and "." not in value else number
            elif kind == "boolean" and value.lower() in ("true", "false", "1", "0"):
                out[name] = value.lower() in ("true", "1")
            elif kind in ("object", "array"):
                out[name] = json.loads(value)
        except ValueError:
            continue
    return out
