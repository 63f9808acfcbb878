"""schemathesis hooks for tests/integration/test_schemathesis.py (loaded via SCHEMATHESIS_HOOKS).

One rule of the management API cannot be written in JSON Schema: a workflow graph's block
ids are unique (`nodes[*].id`, checked when a draft is stored: a 422 otherwise). Generated
graphs repeat ids freely, so before each call a repeated *valid* id is renamed to an unused
one; nothing else about the request changes (and an invalid id, the point of a negative
case, is left as it is). schemathesis revalidates the case after the hook.
"""

from __future__ import annotations

from typing import Any

import schemathesis

GRAPH_BODIES = {
    ("POST", "/api/v1/workflows"),
    ("PUT", "/api/v1/workflows/{workflow_id}"),
    ("POST", "/api/v1/workflows/import"),
}
MAX_ID = 200


def _nodes(body: Any, path: str) -> Any:
    if not isinstance(body, dict):
        return None
    if path == "/api/v1/workflows/import":
        body = body.get("workflow")
        if not isinstance(body, dict):
            return None
    return body.get("nodes")


def _blocks(nodes: Any) -> list[dict[str, Any]]:
    """The block objects of `nodes` as the server sees them (nested lists are flattened)."""
    if isinstance(nodes, dict):
        return [nodes]
    if isinstance(nodes, list):
        return [block for item in nodes for block in _blocks(item)]
    return []


def unique_block_ids(nodes: Any) -> None:
    """Renames, in place, each repeated valid block id of `nodes` to an unused one."""
    blocks = _blocks(nodes) if isinstance(nodes, list) else []
    taken = {n["id"] for n in blocks if isinstance(n.get("id"), str)}
    seen: set[str] = set()
    counter = 0
    for node in blocks:
        block_id = node.get("id")
        if not isinstance(block_id, str) or not 1 <= len(block_id) <= MAX_ID:
            continue
        if block_id in seen:
            while f"b{counter}" in taken:
                counter += 1
            block_id = f"b{counter}"
            taken.add(block_id)
            node["id"] = block_id
        seen.add(block_id)


@schemathesis.hook
def before_call(context: schemathesis.HookContext, case: schemathesis.Case[Any], kwargs: dict[str, Any]) -> None:
    if (case.method.upper(), case.operation.path) in GRAPH_BODIES:
        unique_block_ids(_nodes(case.body, case.operation.path))
