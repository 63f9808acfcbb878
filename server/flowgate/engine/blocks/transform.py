"""transform: renders a template (Jinja2 sandbox) or a structured mapping of templates."""

from __future__ import annotations

from typing import ClassVar

from pydantic import model_validator

from flowgate.domain.models import JSONValue
from flowgate.engine import templates
from flowgate.engine.blocks.base import BlockConfig, BlockContext, BlockFailed


class TransformConfig(BlockConfig):
    template: str | None = None
    mapping: dict[str, str] | None = None

    @model_validator(mode="after")
    def _one_of(self) -> TransformConfig:
        if (self.template is None) == (self.mapping is None):
            raise ValueError("set exactly one of 'template' or 'mapping'")
        for source in [self.template] if self.template is not None else (self.mapping or {}).values():
            templates.compile_template(source)
        return self


class TransformBlock:
    name: ClassVar[str] = "transform"
    config_model: ClassVar[type[BlockConfig]] = TransformConfig

    async def run(self, ctx: BlockContext) -> JSONValue:
        config: TransformConfig = ctx.config
        context = ctx.state.template_context()
        limit = ctx.limits.max_output_bytes
        try:
            if config.template is not None:
                return templates.render(config.template, context, max_bytes=limit)
            return {k: templates.render(v, context, max_bytes=limit) for k, v in (config.mapping or {}).items()}
        except templates.TemplateError as exc:
            raise BlockFailed(str(exc)) from None
