"""Graph validation and compilation into the form the executor runs."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from flowgate.domain.errors import FieldViolation, InvalidWorkflow
from flowgate.domain.models import Edge, Graph, Node
from flowgate.engine.blocks import END_TYPES, START_TYPES, BlockRegistry
from flowgate.engine.blocks.base import BlockType
from flowgate.engine.blocks.start import StartConfig
from flowgate.engine.limits import EngineLimits
from flowgate.engine.references import references, split_path
from flowgate.engine.state import normalize_name


@dataclass(frozen=True, slots=True)
class CompiledNode:
    node: Node
    block: BlockType
    config: Any
    incoming: tuple[Edge, ...]
    outgoing: tuple[Edge, ...]
    body: CompiledGraph | None = None


@dataclass(frozen=True, slots=True)
class CompiledGraph:
    graph: Graph
    nodes: dict[str, CompiledNode]
    order: tuple[str, ...]
    entries: tuple[str, ...]
    start_id: str = ""
    names: dict[str, str] = field(default_factory=dict)
    """Display name → block id."""
    upstream: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Block id → ids of the blocks with an edge into it."""


@dataclass
class _Scope:
    """What references inside one (sub-)graph may name, beyond its own upstream blocks."""

    outer_blocks: frozenset[str] = frozenset()  # normalized names and ids of enclosing graphs' blocks
    loop_vars: frozenset[str] = frozenset()
    input_names: frozenset[str] | None = None  # None: inputs are not declared, anything goes


def compile_graph(graph: Graph, registry: BlockRegistry, limits: EngineLimits) -> CompiledGraph:
    """Validate `graph` and compile it; raises InvalidWorkflow naming every offending block and field."""
    total = _count_nodes(graph)
    if total > limits.max_nodes:
        raise InvalidWorkflow(
            f"graph has {total} blocks; the limit is {limits.max_nodes}",
            violations=[FieldViolation("nodes", f"at most {limits.max_nodes} blocks")],
        )
    if len(graph.edges) > limits.max_edges:
        raise InvalidWorkflow(
            f"graph has {len(graph.edges)} edges; the limit is {limits.max_edges}",
            violations=[FieldViolation("edges", f"at most {limits.max_edges} edges")],
        )
    problems: list[FieldViolation] = []
    compiled = _Compiler(registry, limits, problems, set()).compile(graph, "", _Scope(), top=True)
    if problems:
        raise InvalidWorkflow("Workflow validation failed", violations=problems)
    if compiled is None:
        raise RuntimeError("a graph without problems compiles")
    return compiled


def _count_nodes(graph: Graph) -> int:
    count = 0
    for node in graph.nodes:
        count += 1
        body = node.data.get("body")
        if isinstance(body, dict):
            count += _count_nodes(Graph.from_json(body))
    return count


class _Compiler:
    def __init__(
        self, registry: BlockRegistry, limits: EngineLimits, problems: list[FieldViolation], ids: set[str]
    ) -> None:
        self.registry = registry
        self.limits = limits
        self.problems = problems
        self.ids = ids  # block ids must be unique across the whole graph, bodies included

    def problem(self, where: str, message: str) -> None:
        self.problems.append(FieldViolation(where, message))

    def compile(self, graph: Graph, prefix: str, scope: _Scope, *, top: bool) -> CompiledGraph | None:
        before = len(self.problems)
        nodes: dict[str, Node] = {}
        blocks: dict[str, BlockType] = {}
        configs: dict[str, Any] = {}
        seen_names: dict[str, str] = {}
        for node in graph.nodes:
            where = f"{prefix}nodes[{node.id}]"
            if not node.id:
                self.problem(f"{prefix}nodes[].id", "every block needs an id")
                continue
            if node.id in nodes or node.id in self.ids:
                self.problem(f"{where}.id", "duplicate block id")
                continue
            self.ids.add(node.id)
            nodes[node.id] = node
            key = normalize_name(node.name)
            if key in seen_names:
                self.problem(f"{where}.data.label", f"duplicate block name (also {seen_names[key]})")
            seen_names[key] = node.id
            block = self.registry.get(node.type)
            if block is None:
                self.problem(f"{where}.type", f"unknown block type {node.type!r}")
                continue
            blocks[node.id] = block
            try:
                configs[node.id] = block.config_model.model_validate(node.data)
            except ValidationError as exc:
                for err in exc.errors():
                    loc = ".".join(str(p) for p in err["loc"])
                    self.problem(f"{where}.data.{loc}" if loc else f"{where}.data", err["msg"])

        incoming: dict[str, list[Edge]] = defaultdict(list)
        outgoing: dict[str, list[Edge]] = defaultdict(list)
        for i, edge in enumerate(graph.edges):
            label = f"{prefix}edges[{edge.id or i}]"
            bad = False
            for end, ref in (("source", edge.source), ("target", edge.target)):
                if ref not in nodes:
                    self.problem(f"{label}.{end}", f"no block with id {ref!r}")
                    bad = True
            if not bad:
                outgoing[edge.source].append(edge)
                incoming[edge.target].append(edge)

        starts = [n.id for n in graph.nodes if n.type in START_TYPES and n.id in nodes]
        if top:
            ends = [n.id for n in graph.nodes if n.type in END_TYPES and n.id in nodes]
            if len(starts) != 1:
                self.problem("nodes", f"needs exactly one start block, found {len(starts)}")
            if not ends:
                self.problem("nodes", "needs at least one end block")
            for s in starts:
                if incoming.get(s):
                    self.problem(f"nodes[{s}]", "a start block cannot have incoming edges")
            entries = starts[:1]
        else:
            if starts:
                self.problem(f"{prefix}nodes[{starts[0]}]", "a loop body has no start block")
            entries = [n for n in nodes if not incoming.get(n)]
            if nodes and not entries:
                self.problem(f"{prefix}nodes", "a loop body needs a block with no incoming edges")

        order = _topological(list(nodes), incoming, outgoing)
        if order is None:
            self.problem(f"{prefix}edges", "the graph has a cycle (loop over items with a loop block instead)")
        elif entries:
            reachable: set[str] = set()
            for entry in entries:
                reachable |= _reachable(entry, outgoing)
            for node_id in nodes:
                if node_id not in reachable:
                    self.problem(f"{prefix}nodes[{node_id}]", "unreachable from the start block")

        if top and len(starts) == 1 and isinstance(configs.get(starts[0]), StartConfig):
            declared = configs[starts[0]].inputs
            scope = _Scope(
                scope.outer_blocks, scope.loop_vars, frozenset(i.name for i in declared) if declared else None
            )

        bodies: dict[str, CompiledGraph] = {}
        for node_id, config in configs.items():
            body_of = getattr(blocks[node_id], "body_of", None)
            body_json = body_of(config) if body_of is not None else None
            if body_json is not None:
                loop_vars = frozenset(getattr(blocks[node_id], "variables_of", lambda _c: ())(config))
                inner = _Scope(
                    scope.outer_blocks | self._visible_names(nodes, node_id, incoming),
                    scope.loop_vars | loop_vars,
                    scope.input_names,
                )
                body = self.compile(
                    Graph.from_json(body_json), f"{prefix}nodes[{node_id}].data.body.", inner, top=False
                )
                if body is not None:
                    bodies[node_id] = body

        if order is not None:
            for node_id in order:
                if node_id in configs:
                    self._check_references(prefix, nodes[node_id], configs[node_id], nodes, incoming, scope)
        for node_id, config in configs.items():
            handles_of = getattr(blocks[node_id], "handles_of", None)
            if handles_of is None:
                continue  # not a routing block: every edge but "error" ones is followed
            known = handles_of(config) | {"", "error"}
            for edge in outgoing.get(node_id, ()):
                if edge.source_handle not in known:
                    self.problem(
                        f"{prefix}edges[{edge.id}].sourceHandle",
                        f"block {node_id!r} has no output {edge.source_handle!r} (it has: {sorted(known - {''})})",
                    )

        if len(self.problems) > before or order is None:
            return None
        upstream = {node_id: tuple(e.source for e in incoming.get(node_id, ())) for node_id in order}
        return CompiledGraph(
            graph=graph,
            nodes={
                node_id: CompiledNode(
                    node=nodes[node_id],
                    block=blocks[node_id],
                    config=configs[node_id],
                    incoming=tuple(incoming.get(node_id, ())),
                    outgoing=tuple(outgoing.get(node_id, ())),
                    body=bodies.get(node_id),
                )
                for node_id in order
            },
            order=tuple(order),
            entries=tuple(entries),
            start_id=starts[0] if top and starts else "",
            names={nodes[n].name: n for n in order},
            upstream=upstream,
        )

    def _visible_names(self, nodes: dict[str, Node], node_id: str, incoming: dict[str, list[Edge]]) -> frozenset[str]:
        """Ids and normalized names of `node_id`'s ancestors."""
        seen: set[str] = set()
        stack = [e.source for e in incoming.get(node_id, ())]
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            stack.extend(e.source for e in incoming.get(current, ()))
        return frozenset(seen | {normalize_name(nodes[n].name) for n in seen if n in nodes})

    def _check_references(
        self,
        prefix: str,
        node: Node,
        config: BaseModel,
        nodes: dict[str, Node],
        incoming: dict[str, list[Edge]],
        scope: _Scope,
    ) -> None:
        visible = self._visible_names(nodes, node.id, incoming) | scope.outer_blocks
        all_blocks = set(nodes) | {normalize_name(n.name) for n in nodes.values()}
        block = self.registry.get(node.type)
        local_names_of = getattr(block, "local_names_of", None)
        local_names = frozenset(local_names_of(config)) if local_names_of is not None else frozenset()
        extra = getattr(block, "references_of", None)
        found = list(_config_references(config, skip_body=hasattr(block, "body_of")))
        if extra is not None:
            found += [("items_path", path) for path in extra(config)]
        for where, path in found:
            parts = split_path(path)
            head = parts[0] if parts else ""
            if not isinstance(head, str) or head in scope.loop_vars or head in ("inputs", "input"):
                continue
            if head in local_names:  # names the block itself binds (agent tool arguments)
                continue
            if head in visible or normalize_name(head) in visible:
                continue
            location = f"{prefix}nodes[{node.id}].data.{where}"
            if head in all_blocks or normalize_name(head) in all_blocks:
                self.problem(location, f"{{{path}}} refers to block {head!r}, which does not run before this one")
            elif scope.input_names is not None and head not in scope.input_names:
                self.problem(location, f"{{{path}}} names no upstream block, declared input or loop variable")


def _config_references(config: BaseModel, *, skip_body: bool) -> Iterator[tuple[str, str]]:
    """(field path, reference path) for every `{reference}` in a config's text fields.
    Sub-graph bodies (loops) are checked on their own, so then `body` is not searched here."""

    def walk(value: Any, where: str) -> Iterator[tuple[str, str]]:
        if isinstance(value, str):
            for ref in references(value):
                yield where, ref
        elif isinstance(value, dict):
            for k, v in value.items():
                yield from walk(v, f"{where}.{k}" if where else str(k))
        elif isinstance(value, list | tuple):
            for i, v in enumerate(value):
                yield from walk(v, f"{where}[{i}]")
        elif isinstance(value, BaseModel):
            yield from walk(value.model_dump(), where)

    data = config.model_dump()
    if skip_body:
        data.pop("body", None)
    yield from walk(data, "")


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


def warnings(compiled: CompiledGraph, *, body: bool = False) -> list[FieldViolation]:
    """Things that run but are probably not meant: blocks whose output goes nowhere, and
    branches of a condition that lead nowhere. (In a loop body, the last blocks' outputs
    are the iteration's result: they are used.)"""
    found: list[FieldViolation] = []
    for node_id, c in compiled.nodes.items():
        if not c.outgoing and c.node.type not in END_TYPES and not body:
            found.append(FieldViolation(f"nodes[{node_id}]", "its output is not used: no edge leaves it"))
        handles_of = getattr(c.block, "handles_of", None)
        if handles_of is not None and c.outgoing:
            used = {e.source_handle for e in c.outgoing}
            if "" not in used:
                found.extend(
                    FieldViolation(f"nodes[{node_id}]", f"branch {handle!r} has no edge: taking it ends the path")
                    for handle in sorted(handles_of(c.config) - used)
                )
        if c.body is not None:
            found.extend(warnings(c.body, body=True))
    return found


def internal_blocks(compiled: CompiledGraph) -> frozenset[str]:
    """Blocks that only steer the run (block types with `internal = True`, such as
    condition) or that the author marked `"internal": true`: API callers do not see them."""
    found: set[str] = set()
    for node_id, c in compiled.nodes.items():
        if getattr(c.block, "internal", False) or c.node.data.get("internal") is True:
            found.add(node_id)
        if c.body is not None:
            found |= internal_blocks(c.body)
    return frozenset(found)
