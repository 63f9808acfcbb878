"""end / output: chooses and names the run's outputs."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from flowgate.domain.models import JSONValue
from flowgate.engine import templates
from flowgate.engine.blocks.base import BlockConfig, BlockContext, BlockFailed


class EndConfig(BlockConfig):
    outputs: dict[str, str] = Field(default_factory=dict)
    """Output name → template; empty means: the outputs of the blocks feeding this one."""


class EndBlock:
    name: ClassVar[str] = "end"
    config_model: ClassVar[type[BlockConfig]] = EndConfig

    async def run(self, ctx: BlockContext) -> JSONValue:
        config: EndConfig = ctx.config
        if not config.outputs:
            return ctx.state.upstream_outputs(ctx.node.id)
        context = ctx.state.template_context()
        result: dict[str, JSONValue] = {}
        for key, source in config.outputs.items():
            try:
                result[key] = templates.render(source, context, max_bytes=ctx.limits.max_output_bytes)
            except templates.TemplateError as exc:
                raise BlockFailed(f"output {key!r}: {exc}") from None
        return result


class OutputBlock(EndBlock):
    name: ClassVar[str] = "output"
