"""start / input: declares the app's inputs and checks run inputs against them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Literal

from pydantic import BaseModel, Field

from flowgate.domain.errors import FieldViolation
from flowgate.domain.models import JSONValue
from flowgate.engine.blocks.base import BlockConfig, BlockContext

InputType = Literal["string", "number", "integer", "boolean", "object", "array"]


class InputField(BaseModel):
    name: str = Field(min_length=1)
    type: InputType = "string"
    required: bool = False
    default: JSONValue = None
    options: list[JSONValue] | None = None
    description: str = ""


class StartConfig(BlockConfig):
    inputs: list[InputField] = Field(default_factory=list)


_CHECKS: dict[str, type | tuple[type, ...]] = {
    "string": str,
    "number": (int, float),
    "integer": int,
    "boolean": bool,
    "object": dict,
    "array": list,
}


def check_inputs(
    config: StartConfig, inputs: Mapping[str, JSONValue]
) -> tuple[dict[str, JSONValue], list[FieldViolation]]:
    """Apply defaults and check types, required fields and options. Undeclared inputs pass through."""
    values: dict[str, JSONValue] = dict(inputs)
    problems: list[FieldViolation] = []
    for spec in config.inputs:
        value = values.get(spec.name)
        if value is None:
            if spec.default is not None:
                values[spec.name] = spec.default
            elif spec.required:
                problems.append(FieldViolation(spec.name, "is required"))
            continue
        expected = _CHECKS[spec.type]
        is_bool = isinstance(value, bool)
        if not isinstance(value, expected) or (is_bool and spec.type != "boolean"):
            problems.append(FieldViolation(spec.name, f"must be of type {spec.type}"))
            continue
        if spec.options is not None and value not in spec.options:
            problems.append(FieldViolation(spec.name, f"must be one of {spec.options}"))
    return values, problems


class StartBlock:
    name: ClassVar[str] = "start"
    config_model: ClassVar[type[BlockConfig]] = StartConfig

    async def run(self, ctx: BlockContext) -> JSONValue:
        # Inputs were checked before the run started (see Executor.prepare_inputs).
        return dict(ctx.state.inputs)


class InputBlock(StartBlock):
    name: ClassVar[str] = "input"
