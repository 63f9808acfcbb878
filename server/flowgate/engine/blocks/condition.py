"""condition: if / else-if / else over CEL expressions. Only the taken branch's edges are
followed; blocks reachable only through untaken branches are skipped, not failed.

Either one `expression` (edges leave by source handle "true" or "false"), or an ordered
list of `conditions` (each with an `id` used as the source handle; the first that holds
wins) and the handle "else" when none does. Edges with no source handle are always followed.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, Field, field_validator, model_validator

from flowgate.domain.models import JSONValue
from flowgate.engine import expressions
from flowgate.engine.blocks.base import BlockConfig, BlockContext, BlockFailed


class Branch(BaseModel):
    id: str = Field(min_length=1, max_length=100)
    expression: str = Field(min_length=1)

    @field_validator("expression")
    @classmethod
    def _compiles(cls, value: str) -> str:
        expressions.check(value)
        return value


class ConditionConfig(BlockConfig):
    expression: str | None = None
    conditions: list[Branch] | None = None

    @model_validator(mode="after")
    def _one_of(self) -> ConditionConfig:
        if (self.expression is None) == (self.conditions is None):
            raise ValueError("set exactly one of 'expression' or 'conditions'")
        if self.expression is not None:
            expressions.check(self.expression)
        ids = [b.id for b in self.conditions or ()]
        if len(ids) != len(set(ids)) or "else" in ids or "error" in ids:
            raise ValueError("condition ids must be unique and not 'else' or 'error'")
        return self


class ConditionBlock:
    name: ClassVar[str] = "condition"
    internal: ClassVar[bool] = True
    """It only steers the run: released-app API callers do not see its events."""
    config_model: ClassVar[type[BlockConfig]] = ConditionConfig

    async def run(self, ctx: BlockContext) -> JSONValue:
        config: ConditionConfig = ctx.config
        if config.expression is not None:
            result = self._truth(config.expression, ctx)
            return {"result": result, "branch": "true" if result else "false"}
        for branch in config.conditions or ():
            if self._truth(branch.expression, ctx):
                return {"result": True, "branch": branch.id}
        return {"result": False, "branch": "else"}

    @staticmethod
    def _truth(expression: str, ctx: BlockContext) -> bool:
        try:
            value = expressions.evaluate_in(
                expression,
                ctx.state,
                ctx.node.id,
                max_seconds=ctx.limits.max_eval_seconds,
                max_bytes=ctx.limits.max_render_bytes,
            )
        except expressions.ExpressionError as exc:
            raise BlockFailed(str(exc)) from None
        if not isinstance(value, bool):
            shown = repr(value) if not isinstance(value, list | dict) else f"a {type(value).__name__}"
            if len(shown) > 100:
                shown = shown[:99] + "…"
            raise BlockFailed(f"condition {expression!r} gave {shown}, not true or false")
        return value

    @staticmethod
    def route(config: ConditionConfig, output: JSONValue) -> str | None:
        return str(output["branch"]) if isinstance(output, dict) else None

    @staticmethod
    def handles_of(config: ConditionConfig) -> set[str]:
        if config.expression is not None:
            return {"true", "false"}
        return {b.id for b in config.conditions or ()} | {"else"}
