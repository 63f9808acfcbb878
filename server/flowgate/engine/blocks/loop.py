"""loop: runs a body sub-graph once per item of a list.

`items_path` names the list (a reference path such as `items`, `inputs.items` or
`Fetch.body.results`); each iteration sees the item as `{item}` (or `item_variable`) and
its index as `{index}`. `error_handling`: "stop" fails the loop at the first failing
iteration, "continue" records `{"error": message}` for it and goes on. `parallelism`
runs that many iterations at once. The output is the list of iteration outputs (the
output of the body's last block, or {name: output} when it has several).
"""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar, Literal

from pydantic import Field, field_validator

from flowgate.domain.events import LoopIteration
from flowgate.domain.models import BlockStatus, JSONValue, RunError
from flowgate.engine.blocks.base import BlockConfig, BlockContext, BlockFailed


class LoopConfig(BlockConfig):
    items_path: str = Field(min_length=1, max_length=1000)
    item_variable: str = Field(default="item", pattern=r"^[A-Za-z_]\w*$")
    index_variable: str = Field(default="index", pattern=r"^[A-Za-z_]\w*$")
    error_handling: Literal["continue", "stop"] = "stop"
    parallelism: int = Field(default=1, ge=1, le=64)
    body: dict[str, Any]

    @field_validator("body")
    @classmethod
    def _has_nodes(cls, value: dict[str, Any]) -> dict[str, Any]:
        if not isinstance(value.get("nodes"), list) or not value["nodes"]:
            raise ValueError("a loop needs a body with at least one block")
        return value


class LoopBlock:
    name: ClassVar[str] = "loop"
    config_model: ClassVar[type[BlockConfig]] = LoopConfig

    @staticmethod
    def body_of(config: LoopConfig) -> dict[str, Any]:
        return config.body

    @staticmethod
    def variables_of(config: LoopConfig) -> tuple[str, ...]:
        return (config.item_variable, config.index_variable)

    @staticmethod
    def references_of(config: LoopConfig) -> list[str]:
        return [config.items_path.strip().strip("{}").strip()]

    async def run(self, ctx: BlockContext) -> JSONValue:
        config: LoopConfig = ctx.config
        if ctx.body is None or ctx.run_subgraph is None:
            raise BlockFailed("loop body is not available")
        items = ctx.resolve(config.items_path)
        if not isinstance(items, list):
            raise BlockFailed(f"{config.items_path!r} is not a list (got {type(items).__name__})")
        if len(items) > ctx.limits.max_loop_iterations:
            raise BlockFailed(f"{len(items)} items; a loop runs at most {ctx.limits.max_loop_iterations} iterations")
        body, run_body = ctx.body, ctx.run_subgraph
        results: list[JSONValue] = [None] * len(items)
        width = min(config.parallelism, ctx.limits.max_loop_parallelism)
        gate = asyncio.Semaphore(width)

        async def iteration(index: int, item: JSONValue) -> None:
            async with gate:
                ctx.emit(LoopIteration(ctx.node.id, index, BlockStatus.RUNNING))
                try:
                    results[index] = await run_body(body, {config.item_variable: item, config.index_variable: index})
                except BlockFailed as exc:
                    ctx.emit(
                        LoopIteration(
                            ctx.node.id, index, BlockStatus.FAILED, RunError("ITERATION_FAILED", str(exc), ctx.node.id)
                        )
                    )
                    if config.error_handling == "stop":
                        raise BlockFailed(f"iteration {index}: {exc}") from None
                    results[index] = {"error": str(exc)}
                    return
                ctx.emit(LoopIteration(ctx.node.id, index, BlockStatus.COMPLETED))

        if width == 1:  # sequential: no task per iteration
            for index, item in enumerate(items):
                await iteration(index, item)
            return results
        try:
            async with asyncio.TaskGroup() as group:
                for index, item in enumerate(items):
                    group.create_task(iteration(index, item))
        except* BlockFailed as failed:
            raise failed.exceptions[0] from None
        return results
