"""What a running block can see: run inputs and upstream outputs, by id or by name."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flowgate.domain.models import JSONValue


def normalize_name(name: str) -> str:
    """Block names match case-insensitively with spaces ignored ("Agent 1" == "agent1")."""
    return "".join(name.split()).lower()


class RunState:
    """Inputs and block outputs of one run, shared by its blocks."""

    __slots__ = ("_display", "_names", "_upstream", "inputs", "outputs")

    def __init__(
        self,
        inputs: Mapping[str, JSONValue],
        names: Mapping[str, str],
        upstream: Mapping[str, tuple[str, ...]],
    ) -> None:
        """`names` maps each block's display name to its id; `upstream` each id to its predecessors."""
        self.inputs: dict[str, JSONValue] = dict(inputs)
        self.outputs: dict[str, JSONValue] = {}
        self._names = {normalize_name(name): block_id for name, block_id in names.items()}
        self._display = {block_id: name for name, block_id in names.items()}
        self._upstream = upstream

    def upstream_outputs(self, block_id: str) -> JSONValue:
        """The output of the one block feeding `block_id`, or {name: output} for several."""
        done = [b for b in self._upstream.get(block_id, ()) if b in self.outputs]
        if len(done) == 1:
            return self.outputs[done[0]]
        return {self._display.get(b, b): self.outputs[b] for b in done}

    def resolve_block(self, ref: str) -> str | None:
        """The block id a reference names: an id, or a block name."""
        if ref in self.outputs:
            return ref
        return self._names.get(normalize_name(ref))

    def template_context(self) -> dict[str, Any]:
        """Variables for templates: `inputs`, `blocks[id]`, and each block by normalized name."""
        ctx: dict[str, Any] = {}
        for name, block_id in self._names.items():
            if block_id in self.outputs and name.isidentifier():
                ctx[name] = self.outputs[block_id]
        ctx["blocks"] = dict(self.outputs)
        ctx["inputs"] = self.inputs
        return ctx
