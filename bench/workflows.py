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


def llm_stream() -> dict[str, Any]:
    return {
        "nodes": [
            {"id": "start", "type": "start", "data": {"label": "Start"}},
            {
                "id": "llm",
                "type": "llm",
                "data": {"label": "LLM", "provider": "fake", "model": "{inputs.model}", "prompt": "go"},
            },
            {"id": "end", "type": "end", "data": {"label": "End"}},
        ],
        "edges": [{"id": "e1", "source": "start", "target": "llm"}, {"id": "e2", "source": "llm", "target": "end"}],
    }


WORKFLOWS: dict[str, dict[str, Any]] = {"linear100": linear_trivial(100)}
