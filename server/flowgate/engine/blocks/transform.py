"""transform: renders a template (Jinja2 sandbox + `{references}`) or a structured mapping."""

from __future__ import annotations

from typing import ClassVar

from pydantic import model_validator

from flowgate.domain.models import JSONValue
from flowgate.engine import templates
from flowgate.engine.blocks.base import BlockConfig, BlockContext
from flowgate.engine.references import REFERENCE


class TransformConfig(BlockConfig):
    template: str | None = None
    """Text output: Jinja2 (`{{ inputs.text | upper }}`) and references (`{text}`)."""
    mapping: dict[str, str] | None = None
    """Object output: key → `{reference}` (keeps the value's type) or template text."""

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
        if config.template is not None:
            return ctx.render(config.template)
        result: dict[str, JSONValue] = {}
        for key, source in (config.mapping or {}).items():
            ref = REFERENCE.fullmatch(source.strip())
            result[key] = ctx.resolve(ref.group(1)) if ref else ctx.render(source)
        return result
