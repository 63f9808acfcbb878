"""Graph validation and compilation into the form the executor runs."""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from flowgate.domain.errors import FieldViolation, InvalidWorkflow
from flowgate.domain.models import Edge, Graph, Node
from flowgate.engine.blocks import END_TYPES, START_TYPES, BlockRegistry
from flowgate.engine.blocks.base import BlockType
from flowgate.engine.limits import EngineLimits
from flowgate.engine.state import normalize_name


@dataclass(frozen=True, slots=True)
class CompiledNode:
    node: Node
    block: BlockType
    config: Any
    incoming: tuple[Edge, ...]
    outgoing: tuple[Edge, ...]


@dataclass(frozen=True, slots=True)
class CompiledGraph:
    graph: Graph
    nodes: dict[str, CompiledNode]
    order: tuple[str, ...]
    start_id: str

    @property
    def names(self) -> dict[str, str]:
        return {c.node.name: node_id for node_id, c in self.nodes.items()}

    @property
    def upstream(self) -> dict[str, tuple[str, ...]]:
        return {node_id: tuple(e.source for e in c.incoming) for node_id, c in self.nodes.items()}


def compile_graph(graph: Graph, registry: BlockRegistry, limits: EngineLimits) -> CompiledGraph:
    """Validate `graph` and compile it; raises InvalidWorkflow naming every offending block and field."""
    problems: list[FieldViolation] = []
    if len(graph.nodes) > limits.max_nodes:
        raise InvalidWorkflow(
            f"graph has {len(graph.nodes)} blocks; the limit is {limits.max_nodes}",
            violations=[FieldViolation("nodes", f"at most {limits.max_nodes} blocks")],
        )
    if len(graph.edges) > limits.max_edges:
        raise InvalidWorkflow(
            f"graph has {len(graph.edges)} edges; the limit is {limits.max_edges}",
            violations=[FieldViolation("edges", f"at most {limits.max_edges} edges")],
        )

    nodes: dict[str, Node] = {}
    blocks: dict[str, BlockType] = {}
    configs: dict[str, Any] = {}
    seen_names: dict[str, str] = {}
    for node in graph.nodes:
        where = f"nodes[{node.id}]"
        if not node.id:
            problems.append(FieldViolation("nodes[].id", "every block needs an id"))
            continue
        if node.id in nodes:
            problems.append(FieldViolation(f"{where}.id", "duplicate block id"))
            continue
        nodes[node.id] = node
        key = normalize_name(node.name)
        if key in seen_names:
            problems.append(FieldViolation(f"{where}.data.label", f"duplicate block name (also {seen_names[key]})"))
        seen_names[key] = node.id
        block = registry.get(node.type)
        if block is None:
            problems.append(FieldViolation(f"{where}.type", f"unknown block type {node.type!r}"))
            continue
        blocks[node.id] = block
        try:
            configs[node.id] = block.config_model.model_validate(node.data)
        except ValidationError as exc:
            for err in exc.errors():
                loc = ".".join(str(p) for p in err["loc"])
                field = f"{where}.data.{loc}" if loc else f"{where}.data"
                problems.append(FieldViolation(field, err["msg"]))

    incoming: dict[str, list[Edge]] = defaultdict(list)
    outgoing: dict[str, list[Edge]] = defaultdict(list)
    for i, edge in enumerate(graph.edges):
        label = f"edges[{edge.id or i}]"
        bad = False
        for end, ref in (("source", edge.source), ("target", edge.target)):
            if ref not in nodes:
                problems.append(FieldViolation(f"{label}.{end}", f"no block with id {ref!r}"))
                bad = True
        if not bad:
            outgoing[edge.source].append(edge)
            incoming[edge.target].append(edge)

    starts = [n.id for n in graph.nodes if n.type in START_TYPES and n.id in nodes]
    ends = [n.id for n in graph.nodes if n.type in END_TYPES and n.id in nodes]
    if len(starts) != 1:
        problems.append(FieldViolation("nodes", f"needs exactly one start block, found {len(starts)}"))
    if not ends:
        problems.append(FieldViolation("nodes", "needs at least one end block"))
    for s in starts:
        if incoming.get(s):
            problems.append(FieldViolation(f"nodes[{s}]", "a start block cannot have incoming edges"))

    order = _topological(list(nodes), incoming, outgoing)
    if order is None:
        problems.append(FieldViolation("edges", "the graph has a cycle"))
    elif len(starts) == 1:
        reachable = _reachable(starts[0], outgoing)
        problems.extend(
            FieldViolation(f"nodes[{node_id}]", "unreachable from the start block")
            for node_id in nodes
            if node_id not in reachable
        )

    if problems:
        raise InvalidWorkflow("Workflow validation failed", violations=problems)
    assert order is not None
    compiled = {
        node_id: CompiledNode(
            node=nodes[node_id],
            block=blocks[node_id],
            config=configs[node_id],
            incoming=tuple(incoming.get(node_id, ())),
            outgoing=tuple(outgoing.get(node_id, ())),
        )
        for node_id in order
    }
    return CompiledGraph(graph=graph, nodes=compiled, order=tuple(order), start_id=starts[0])


def _topological(ids: list[str], incoming: dict[str, list[Edge]], outgoing: dict[str, list[Edge]]) -> list[str] | None:
    indegree = {node_id: len(incoming.get(node_id, ())) for node_id in ids}
    queue = deque(node_id for node_id in ids if indegree[node_id] == 0)
    order: list[str] = []
    while queue:
        node_id = queue.popleft()
        order.append(node_id)
        for edge in outgoing.get(node_id, ()):
            indegree[edge.target] -= 1
            if indegree[edge.target] == 0:
                queue.append(edge.target)
    return order if len(order) == len(ids) else None


def _reachable(start: str, outgoing: dict[str, list[Edge]]) -> set[str]:
    seen = {start}
    stack = [start]
    while stack:
        for edge in outgoing.get(stack.pop(), ()):
            if edge.target not in seen:
                seen.add(edge.target)
                stack.append(edge.target)
    return seen
