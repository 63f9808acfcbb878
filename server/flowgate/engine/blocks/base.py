"""What every block type implements, and what a block sees while it runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from pydantic import BaseModel, ConfigDict

from flowgate.domain.models import JSONValue, Node
from flowgate.engine.limits import EngineLimits
from flowgate.engine.state import RunState


class BlockConfig(BaseModel):
    """Base of every block's typed configuration (the node's `data`)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    label: str = ""


class BlockFailed(Exception):
    """A block could not produce its output; the message is safe to show."""


@dataclass(slots=True)
class BlockContext:
    node: Node
    config: Any
    state: RunState
    limits: EngineLimits
    emit_chunk: Callable[[str], object]


class BlockType(Protocol):
    """A kind of block: its name, config model and behaviour."""

    name: ClassVar[str]
    config_model: ClassVar[type[BlockConfig]]

    async def run(self, ctx: BlockContext) -> JSONValue:
        """Produce the block's output, or raise BlockFailed."""
        ...
