"""What a running block can see: run inputs, upstream outputs (by id or by name) and loop
variables — and the one implementation of reference lookup (see `references`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flowgate.domain.models import JSONValue
from flowgate.engine.references import ReferenceError, split_path, walk


def normalize_name(name: str) -> str:
    """Block names match case-insensitively with spaces ignored ("Agent 1" == "agent1")."""
    return "".join(name.split()).lower()


class RunState:
    """Inputs and block outputs of one run (or of one loop iteration, with a parent)."""

    __slots__ = ("_display", "_names", "_upstream", "inputs", "locals", "outputs", "parent")

    def __init__(
        self,
        inputs: Mapping[str, JSONValue],
        names: Mapping[str, str],
        upstream: Mapping[str, tuple[str, ...]],
        *,
        parent: RunState | None = None,
        local: Mapping[str, JSONValue] | None = None,
    ) -> None:
        """`names` maps each block's display name to its id; `upstream` each id to its predecessors."""
        self.inputs: dict[str, JSONValue] = dict(inputs)
        self.outputs: dict[str, JSONValue] = {}
        self.locals: dict[str, JSONValue] = dict(local or {})
        self.parent = parent
        self._names = {normalize_name(name): block_id for name, block_id in names.items()}
        self._display = {block_id: name for name, block_id in names.items()}
        self._upstream = upstream

    def child(
        self, names: Mapping[str, str], upstream: Mapping[str, tuple[str, ...]], local: Mapping[str, JSONValue]
    ) -> RunState:
        """A scope for one loop iteration: its own block outputs, these loop variables, and
        everything this scope sees."""
        return RunState(self.inputs, names, upstream, parent=self, local=local)

    # -- lookup ---------------------------------------------------------------------

    def _local(self, name: str) -> tuple[bool, JSONValue]:
        scope: RunState | None = self
        while scope is not None:
            if name in scope.locals:
                return True, scope.locals[name]
            scope = scope.parent
        return False, None

    def _block(self, ref: str) -> tuple[bool, JSONValue]:
        scope: RunState | None = self
        key = normalize_name(ref)
        while scope is not None:
            if ref in scope.outputs:
                return True, scope.outputs[ref]
            block_id = scope._names.get(key)
            if block_id is not None and block_id in scope.outputs:
                return True, scope.outputs[block_id]
            scope = scope.parent
        return False, None

    def knows_block(self, ref: str) -> bool:
        """Is `ref` the id or name of a block of this graph (run or not)?"""
        scope: RunState | None = self
        while scope is not None:
            if ref in scope._display or normalize_name(ref) in scope._names:
                return True
            scope = scope.parent
        return False

    def resolve(self, path: str, block_id: str | None = None) -> JSONValue:
        """The value a reference path names, seen from block `block_id`."""
        parts = split_path(path)
        if not parts or not isinstance(parts[0], str):
            raise ReferenceError(f"{{{path}}} is not a reference")
        head, rest = parts[0], parts[1:]
        found, value = self._local(head)
        if not found and head == "inputs":
            found, value = True, self.inputs
        if not found:
            found, value = self._block(head)
            if not found and self.knows_block(head):
                raise ReferenceError(f"{{{path}}}: block {head!r} has no output (it has not run)")
        if not found and head in self.inputs:
            found, value = True, self.inputs[head]
        if not found and head == "input" and block_id is not None:
            found, value = True, self.upstream_outputs(block_id)
        if not found:
            raise ReferenceError(f"{{{path}}}: no input, block or variable named {head!r}")
        return walk(value, rest, path)

    def upstream_outputs(self, block_id: str) -> JSONValue:
        """The output of the one block feeding `block_id`, or {name: output} for several."""
        done = [b for b in self._upstream.get(block_id, ()) if b in self.outputs]
        if len(done) == 1:
            return self.outputs[done[0]]
        return {self._display.get(b, b): self.outputs[b] for b in done}

    def template_context(self) -> dict[str, Any]:
        """Jinja variables: `inputs`, `blocks[id]`, each block by normalized name, loop variables."""
        chain: list[RunState] = []
        scope: RunState | None = self
        while scope is not None:
            chain.append(scope)
            scope = scope.parent
        ctx: dict[str, Any] = {}
        blocks: dict[str, Any] = {}
        for s in reversed(chain):  # inner scopes win
            for name, block_id in s._names.items():
                if block_id in s.outputs and name.isidentifier():
                    ctx[name] = s.outputs[block_id]
            blocks.update(s.outputs)
            ctx.update({k: v for k, v in s.locals.items() if k.isidentifier()})
        ctx["blocks"] = blocks
        ctx["inputs"] = self.inputs
        return ctx
