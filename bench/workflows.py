"""The workflows the benchmarks run."""

from __future__ import annotations

import itertools
from typing import Any


def linear_trivial(blocks: int) -> dict[str, Any]:
    nodes: list[dict[str, Any]] = [{"id": "start", "type": "start", "data": {"label": "Start"}}]
    nodes += [{"id": f"t{i}", "type": "transform", "data": {"label": f"T{i}", "template": "ok"}} for i in range(blocks)]
    nodes.append({"id": "end", "type": "end", "data": {"label": "End", "outputs": {"last": f"{{T{blocks - 1}}}"}}})
    ids = [n["id"] for n in nodes]
    return {
        "nodes": nodes,
        "edges": [{"id": f"e{i}", "source": a, "target": b} for i, (a, b) in enumerate(itertools.pairwise(ids))],
    }


def llm_stream(tokens: int, every_ms: int = 0) -> dict[str, Any]:
    """An LLM block whose (fake) model streams `tokens` tokens as fast as it can, or one
    every `every_ms` milliseconds."""
    model = f"tokens-{tokens}-every-{every_ms}ms" if every_ms else f"tokens-{tokens}"
    return {
        "nodes": [
            {"id": "start", "type": "start", "data": {"label": "Start"}},
            {
                "id": "llm",
                "type": "llm",
                "data": {"label": "LLM", "provider": "fake", "model": model, "prompt": "go"},
            },
            {"id": "end", "type": "end", "data": {"label": "End"}},
        ],
        "edges": [{"id": "e1", "source": "start", "target": "llm"}, {"id": "e2", "source": "llm", "target": "end"}],
    }


def chatty(deltas: int) -> dict[str, Any]:
    """A block that streams `deltas` one-character deltas with no delay (bench/test only)."""
    return {
        "nodes": [
            {"id": "start", "type": "start", "data": {"label": "Start"}},
            {"id": "talk", "type": "chatty", "data": {"label": "Talk", "deltas": deltas}},
            {"id": "end", "type": "end", "data": {"label": "End", "outputs": {"n": "done"}}},
        ],
        "edges": [{"id": "e1", "source": "start", "target": "talk"}, {"id": "e2", "source": "talk", "target": "end"}],
    }


WORKFLOWS: dict[str, dict[str, Any]] = {
    "linear100": linear_trivial(100),
    "linear1": linear_trivial(1),
    "llm100k": llm_stream(100_000),
    "llm20x50ms": llm_stream(20, every_ms=50),  # P3
    "chatty100k": chatty(100_000),
}
