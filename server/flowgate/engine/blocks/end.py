"""end / output: chooses and names the run's outputs."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from flowgate.domain.models import JSONValue
from flowgate.engine.blocks.base import BlockConfig, BlockContext, BlockFailed
from flowgate.engine.references import REFERENCE


class EndConfig(BlockConfig):
    outputs: dict[str, str] = Field(default_factory=dict)
    """Output name → `{reference}` (keeps the value's type) or template text; empty means:
    the output of the block(s) feeding this one."""


class EndBlock:
    name: ClassVar[str] = "end"
    config_model: ClassVar[type[BlockConfig]] = EndConfig

    async def run(self, ctx: BlockContext) -> JSONValue:
        config: EndConfig = ctx.config
        if not config.outputs:
            return ctx.state.upstream_outputs(ctx.node.id)
        result: dict[str, JSONValue] = {}
        for key, source in config.outputs.items():
            ref = REFERENCE.fullmatch(source.strip())
            try:
                # A lone reference keeps its value's type; anything else renders as text.
                result[key] = ctx.resolve(ref.group(1)) if ref else ctx.render(source)
            except BlockFailed as exc:
                raise BlockFailed(f"output {key!r}: {exc}") from None
        return result


class OutputBlock(EndBlock):
    name: ClassVar[str] = "output"
