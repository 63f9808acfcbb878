"""Engine limits, passed in by the composition root (the engine reads no settings)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EngineLimits:
    max_nodes: int = 500
    max_edges: int = 2000
    max_output_bytes: int = 1_000_000
    max_template_bytes: int = 100_000
