"""Block types that exist only to exercise the engine's rules (time, failures) through
the real server: registered next to the built-in ones, never in production."""

from __future__ import annotations

import asyncio
from typing import ClassVar

from flowgate.domain.models import JSONValue
from flowgate.engine.blocks.base import BlockConfig, BlockContext, BlockFailed


class PauseConfig(BlockConfig):
    seconds: float = 1.0


class PauseBlock:
    """Waits, then reports when it started and ended (loop-clock seconds)."""

    name: ClassVar[str] = "pause"
    config_model: ClassVar[type[BlockConfig]] = PauseConfig

    async def run(self, ctx: BlockContext) -> JSONValue:
        loop = asyncio.get_running_loop()
        started = loop.time()
        await asyncio.sleep(ctx.config.seconds)
        return {"started": started, "ended": loop.time()}


class FlakyConfig(BlockConfig):
    failures: int = 1
    """How many attempts fail before one succeeds (per run, counted by run id)."""


class FlakyBlock:
    """Fails its first `failures` attempts in each run."""

    name: ClassVar[str] = "flaky"
    config_model: ClassVar[type[BlockConfig]] = FlakyConfig

    def __init__(self) -> None:
        self.attempts: dict[str, int] = {}

    async def run(self, ctx: BlockContext) -> JSONValue:
        key = f"{ctx.run_id}/{ctx.node.id}"
        self.attempts[key] = self.attempts.get(key, 0) + 1
        if self.attempts[key] <= ctx.config.failures:
            raise BlockFailed(f"attempt {self.attempts[key]} failed")
        return {"attempts": self.attempts[key]}


class ChattyConfig(BlockConfig):
    deltas: int = 10


class ChattyBlock:
    """Streams `deltas` one-character deltas with no pause between them."""

    name: ClassVar[str] = "chatty"
    config_model: ClassVar[type[BlockConfig]] = ChattyConfig

    async def run(self, ctx: BlockContext) -> JSONValue:
        for i in range(ctx.config.deltas):
            ctx.emit_chunk(str(i % 10))
        await asyncio.sleep(0)
        return "".join(str(i % 10) for i in range(ctx.config.deltas))
