"""Block types and their explicit registry (no registration by import side effects)."""

from __future__ import annotations

from collections.abc import Iterable

from flowgate.engine.blocks.agent import AgentBlock
from flowgate.engine.blocks.base import BlockType
from flowgate.engine.blocks.code import CodeBlock
from flowgate.engine.blocks.condition import ConditionBlock
from flowgate.engine.blocks.data_source import DataSourceBlock
from flowgate.engine.blocks.end import EndBlock, OutputBlock
from flowgate.engine.blocks.http import HttpBlock
from flowgate.engine.blocks.llm import LlmBlock
from flowgate.engine.blocks.loop import LoopBlock
from flowgate.engine.blocks.start import InputBlock, StartBlock
from flowgate.engine.blocks.transform import TransformBlock


class BlockRegistry:
    """Block types by name."""

    def __init__(self, types: Iterable[BlockType]) -> None:
        self._types: dict[str, BlockType] = {}
        for block_type in types:
            if block_type.name in self._types:
                raise ValueError(f"block type {block_type.name!r} registered twice")
            self._types[block_type.name] = block_type

    def get(self, name: str) -> BlockType | None:
        return self._types.get(name)

    def names(self) -> list[str]:
        return sorted(self._types)


START_TYPES = frozenset({"start", "input"})
END_TYPES = frozenset({"end", "output"})


def default_registry(*extra: BlockType) -> BlockRegistry:
    """Every built-in block type, plus `extra` ones of your own (an extra type replaces a
    built-in one of the same name)."""
    builtin: list[BlockType] = [
        StartBlock(),
        InputBlock(),
        EndBlock(),
        OutputBlock(),
        TransformBlock(),
        ConditionBlock(),
        LoopBlock(),
        LlmBlock(),
        AgentBlock(),
        CodeBlock(),
        HttpBlock(),
        DataSourceBlock(),
    ]
    names = {b.name for b in extra}
    return BlockRegistry([*(b for b in builtin if b.name not in names), *extra])
