"""Engine limits, passed in by the composition root (the engine reads no settings)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EngineLimits:
    max_nodes: int = 500
    """Blocks in a graph, loop bodies included."""
    max_edges: int = 2000
    max_output_bytes: int = 1_000_000
    """A block output larger than this (as JSON) is truncated and flagged."""
    max_render_bytes: int = 10_000_000
    """A template that renders more text than this fails (protects memory); no value a
    template builds, and no string or list a condition builds with `+`, may be larger."""
    max_eval_seconds: float = 0.1
    """A template render or condition evaluation that computes longer than this fails."""
    max_loop_iterations: int = 1000
    max_loop_parallelism: int = 16
    max_events: int = 200_000
    """Events of one run; a run that would emit more fails."""
    chunk_interval_seconds: float = 0.025
    """Streamed deltas of a block are coalesced into one chunk per interval (0: none)."""
    max_chunk_bytes: int = 16_384
    """A pending chunk this large is sent at once."""
    max_retries: int = 10
