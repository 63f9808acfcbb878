"""code: runs Python in the code sandbox (`Services.code`, a `CodeRunner`).

The code defines `def main(**inputs)`; the block calls it with its `inputs` (argument name →
`{reference}`, which keeps the value's type, or template text) and outputs what it returns
(a JSON value). Limits default to the block type's (set by the server); a block may lower
them, not raise them. See docs/blocks/code.md.
"""

from __future__ import annotations

import ast
import keyword
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from flowgate.domain.models import JSONValue
from flowgate.engine import templates
from flowgate.engine.blocks.base import BlockConfig, BlockContext, BlockFailed
from flowgate.engine.references import REFERENCE
from flowgate.engine.services import CodeError, CodeLimits

MIN_MEMORY_BYTES = 32 * 1024 * 1024
"""Below this the interpreter itself may not fit."""


class CodeLimitOverrides(BaseModel):
    """Lower limits for one block; a value above the server's limit is capped at it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    cpu_seconds: float | None = Field(default=None, gt=0)
    wall_seconds: float | None = Field(default=None, gt=0)
    memory_bytes: int | None = Field(default=None, ge=MIN_MEMORY_BYTES)
    max_output_bytes: int | None = Field(default=None, ge=1)
    max_file_bytes: int | None = Field(default=None, ge=0)


class CodeConfig(BlockConfig):
    language: Literal["python"] = "python"
    code: str = Field(min_length=1, exclude=True)
    """Python source defining `def main(**inputs)`. (Excluded from dumps so that braces in
    the code are not taken for `{references}` by the graph's reference check.)"""
    inputs: dict[str, str] = Field(default_factory=dict)
    """Argument name → `{reference}` (keeps the value's type) or template text."""
    limits: CodeLimitOverrides = Field(default_factory=CodeLimitOverrides)

    @field_validator("inputs")
    @classmethod
    def _inputs(cls, value: dict[str, str]) -> dict[str, str]:
        for name, source in value.items():
            if not name.isidentifier() or keyword.iskeyword(name):
                raise ValueError(f"input name {name!r} is not a Python identifier")
            if not REFERENCE.fullmatch(source.strip()):
                try:
                    templates.compile_template(source)
                except templates.TemplateError as exc:
                    raise ValueError(f"input {name!r}: {exc}") from None
        return value

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        try:
            tree = ast.parse(value, "<code>")
        except SyntaxError as exc:
            raise ValueError(f"line {exc.lineno}: SyntaxError: {exc.msg}") from None
        except ValueError as exc:  # e.g. NUL bytes in the source
            raise ValueError(f"the code cannot be compiled: {exc}") from None
        mains = [n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name == "main"]
        if not mains:
            raise ValueError("the code must define a top-level function: def main(**inputs)")
        if any(isinstance(n, ast.AsyncFunctionDef) for n in mains):
            raise ValueError("main must be a plain function (async def is not supported)")
        return value

    def main_signature_problem(self) -> str | None:
        """Why `main` cannot take exactly these inputs, when that is certain from the source."""
        tree = ast.parse(self.code)
        mains = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "main"]
        if len(mains) != 1 or mains[0].decorator_list:
            return None
        args = mains[0].args
        if args.posonlyargs:
            return "main() cannot have positional-only parameters: the inputs are passed by keyword"
        named = [a.arg for a in (*args.args, *args.kwonlyargs)]
        if args.kwarg is None:
            for name in self.inputs:
                if name not in named:
                    return f"main() has no parameter {name!r} (add it, or **kwargs)"
        positional = args.args
        required = [a.arg for a in positional[: len(positional) - len(args.defaults)]]
        required += [a.arg for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is None]
        for name in required:
            if name not in self.inputs:
                return f"main() needs {name!r}, which 'inputs' does not give"
        return None

    @model_validator(mode="after")
    def _main_takes_inputs(self) -> CodeConfig:
        problem = self.main_signature_problem()
        if problem is not None:
            raise ValueError(problem)
        return self


class CodeBlock:
    """The `code` block type. `limits` are the server's limits for every code block (a
    block may only lower them)."""

    name: ClassVar[str] = "code"
    config_model: ClassVar[type[BlockConfig]] = CodeConfig

    def __init__(self, limits: CodeLimits | None = None) -> None:
        self.limits = limits or CodeLimits()

    def limits_for(self, config: CodeConfig) -> CodeLimits:
        asked, ceiling = config.limits, self.limits
        return CodeLimits(
            cpu_seconds=min(asked.cpu_seconds or ceiling.cpu_seconds, ceiling.cpu_seconds),
            wall_seconds=min(asked.wall_seconds or ceiling.wall_seconds, ceiling.wall_seconds),
            memory_bytes=min(asked.memory_bytes or ceiling.memory_bytes, ceiling.memory_bytes),
            max_output_bytes=min(asked.max_output_bytes or ceiling.max_output_bytes, ceiling.max_output_bytes),
            max_file_bytes=min(
                ceiling.max_file_bytes if asked.max_file_bytes is None else asked.max_file_bytes,
                ceiling.max_file_bytes,
            ),
        )

    async def run(self, ctx: BlockContext) -> JSONValue:
        config: CodeConfig = ctx.config
        runner = ctx.services.code
        if runner is None:
            raise BlockFailed("code blocks are not available: this server has no code sandbox configured")
        inputs: dict[str, JSONValue] = {}
        for name, source in config.inputs.items():
            ref = REFERENCE.fullmatch(source.strip())
            try:
                inputs[name] = ctx.resolve(ref.group(1)) if ref else ctx.render(source)
            except BlockFailed as exc:
                raise BlockFailed(f"input {name!r}: {exc}") from None
        try:
            result = await runner.run(config.code, inputs, self.limits_for(config))
        except CodeError as exc:
            raise BlockFailed(f"line {exc.line}: {exc.message}" if exc.line is not None else exc.message) from None
        return result.output
