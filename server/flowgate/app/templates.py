"""The built-in workflow templates: small, runnable workflows to start from.

Each one validates as it is and runs once its outside service (if any) is configured:
the LLM template needs an LLM provider (FLOWGATE_LLM_PROVIDERS), the HTTP template a
reachable URL; the others need nothing."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from flowgate.domain.models import Graph


@dataclass(frozen=True, slots=True)
class Template:
    id: str
    name: str
    description: str
    category: str
    raw: dict[str, Any]

    def graph(self) -> Graph:
        return Graph.from_json(copy.deepcopy(self.raw))


def _node(node_id: str, node_type: str, x: float, data: dict[str, Any], y: float = 0) -> dict[str, Any]:
    return {"id": node_id, "type": node_type, "position": {"x": x, "y": y}, "data": data}


def _edge(edge_id: str, source: str, target: str, handle: str = "") -> dict[str, Any]:
    edge = {"id": edge_id, "source": source, "target": target}
    if handle:
        edge["sourceHandle"] = handle
    return edge


TEXT_SUMMARY = Template(
    id="text-summary",
    name="Text summary",
    description="Summarizes a text with an LLM. Needs an LLM provider (FLOWGATE_LLM_PROVIDERS).",
    category="ai",
    raw={
        "nodes": [
            _node(
                "start-1",
                "start",
                0,
                {
                    "label": "Start",
                    "inputs": [{"name": "text", "type": "string", "required": True, "description": "the text"}],
                },
            ),
            _node(
                "llm-1",
                "llm",
                250,
                {
                    "label": "Summarize",
                    "prompt": "Summarize the following text in at most three sentences:\n\n{text}",
                    "temperature": 0.3,
                    "max_tokens": 400,
                },
            ),
            _node("end-1", "end", 500, {"label": "End", "outputs": {"summary": "{Summarize.text}"}}),
        ],
        "edges": [_edge("e1", "start-1", "llm-1"), _edge("e2", "llm-1", "end-1")],
    },
)

SCORE_ROUTER = Template(
    id="score-router",
    name="Score router",
    description="Routes by a condition: a score of 60 or more passes, anything else fails.",
    category="logic",
    raw={
        "nodes": [
            _node(
                "start-1",
                "start",
                0,
                {
                    "label": "Start",
                    "inputs": [
                        {"name": "name", "type": "string", "required": True},
                        {"name": "score", "type": "number", "required": True},
                    ],
                },
            ),
            _node("condition-1", "condition", 250, {"label": "Passed", "expression": "{score} >= 60"}),
            _node(
                "transform-1",
                "transform",
                500,
                {
                    "label": "Congratulate",
                    "mapping": {"result": "pass", "message": "Well done, {name}: {score} points."},
                },
                y=-100,
            ),
            _node(
                "transform-2",
                "transform",
                500,
                {
                    "label": "Encourage",
                    "mapping": {"result": "fail", "message": "Keep going, {name}: {score} points is below 60."},
                },
                y=100,
            ),
            _node("end-1", "end", 750, {"label": "Pass", "outputs": {"verdict": "{Congratulate}"}}, y=-100),
            _node("end-2", "end", 750, {"label": "Fail", "outputs": {"verdict": "{Encourage}"}}, y=100),
        ],
        "edges": [
            _edge("e1", "start-1", "condition-1"),
            _edge("e2", "condition-1", "transform-1", "true"),
            _edge("e3", "condition-1", "transform-2", "false"),
            _edge("e4", "transform-1", "end-1"),
            _edge("e5", "transform-2", "end-2"),
        ],
    },
)

BATCH_FORMAT = Template(
    id="batch-format",
    name="Batch format",
    description="Loops over a list and formats every item; failed items are reported, not fatal.",
    category="data",
    raw={
        "nodes": [
            _node(
                "start-1",
                "start",
                0,
                {
                    "label": "Start",
                    "inputs": [
                        {"name": "items", "type": "array", "required": True, "description": "a list of strings"}
                    ],
                },
            ),
            _node(
                "loop-1",
                "loop",
                250,
                {
                    "label": "Each item",
                    "items_path": "items",
                    "item_variable": "item",
                    "error_handling": "continue",
                    "body": {
                        "nodes": [
                            _node(
                                "format-1",
                                "transform",
                                0,
                                {
                                    "label": "Format",
                                    "template": "{{ index + 1 }}. {{ item | string | trim | capitalize }}",
                                },
                            )
                        ],
                        "edges": [],
                    },
                },
            ),
            _node(
                "end-1",
                "end",
                500,
                {
                    "label": "End",
                    "outputs": {"lines": "{Each item}", "count": "{{ inputs['items'] | length }}"},
                },
            ),
        ],
        "edges": [_edge("e1", "start-1", "loop-1"), _edge("e2", "loop-1", "end-1")],
    },
)

TEXT_STATS = Template(
    id="text-stats",
    name="Text statistics",
    description="Counts characters, words and lines of a text and finds its most frequent words (a code block).",
    category="code",
    raw={
        "nodes": [
            _node(
                "start-1",
                "start",
                0,
                {
                    "label": "Start",
                    "inputs": [{"name": "text", "type": "string", "required": True}],
                },
            ),
            _node(
                "code-1",
                "code",
                250,
                {
                    "label": "Stats",
                    "inputs": {"text": "{text}"},
                    "code": (
                        "def main(text):\n"
                        "    words = [w.strip('.,;:!?()\\\"').lower() for w in text.split()]\n"
                        "    words = [w for w in words if w]\n"
                        "    counts = {}\n"
                        "    for w in words:\n"
                        "        counts[w] = counts.get(w, 0) + 1\n"
                        "    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]\n"
                        "    return {\n"
                        "        'characters': len(text),\n"
                        "        'words': len(words),\n"
                        "        'lines': len(text.splitlines()) or 1,\n"
                        "        'top_words': [{'word': w, 'count': c} for w, c in top],\n"
                        "    }\n"
                    ),
                },
            ),
            _node("end-1", "end", 500, {"label": "End", "outputs": {"stats": "{Stats}"}}),
        ],
        "edges": [_edge("e1", "start-1", "code-1"), _edge("e2", "code-1", "end-1")],
    },
)

HTTP_FETCH = Template(
    id="http-fetch",
    name="Fetch JSON over HTTP",
    description="GETs a URL and returns its status and JSON body. Private addresses need "
    "FLOWGATE_OUTBOUND_ALLOWED_NETWORKS.",
    category="integration",
    raw={
        "nodes": [
            _node(
                "start-1",
                "start",
                0,
                {
                    "label": "Start",
                    "inputs": [{"name": "url", "type": "string", "required": True}],
                },
            ),
            _node(
                "http-1",
                "http",
                250,
                {
                    "label": "Fetch",
                    "method": "GET",
                    "url": "{url}",
                    "timeout_seconds": 20,
                },
            ),
            _node(
                "end-1",
                "end",
                500,
                {
                    "label": "End",
                    "outputs": {"status": "{Fetch.status}", "body": "{Fetch.body}"},
                },
            ),
        ],
        "edges": [_edge("e1", "start-1", "http-1"), _edge("e2", "http-1", "end-1")],
    },
)

GREETING = Template(
    id="greeting",
    name="Greeting",
    description="The smallest useful workflow: an input, a template, an output.",
    category="basics",
    raw={
        "nodes": [
            _node(
                "start-1",
                "start",
                0,
                {
                    "label": "Start",
                    "inputs": [{"name": "name", "type": "string", "required": True}],
                },
            ),
            _node("transform-1", "transform", 250, {"label": "Greet", "template": "Hello, {{ inputs.name }}!"}),
            _node("end-1", "end", 500, {"label": "End", "outputs": {"greeting": "{Greet}"}}),
        ],
        "edges": [_edge("e1", "start-1", "transform-1"), _edge("e2", "transform-1", "end-1")],
    },
)

TEMPLATES: tuple[Template, ...] = (GREETING, TEXT_SUMMARY, SCORE_ROUTER, BATCH_FORMAT, TEXT_STATS, HTTP_FETCH)
