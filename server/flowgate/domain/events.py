"""Typed run events. The engine emits them; transports render them.

Every event is wrapped in a `Sequenced` envelope whose `seq` starts at 1 and grows
by one per event of a run, so any subscriber can resume after the last one it saw.
"""

from __future__ import annotations

from dataclasses import dataclass

from flowgate.domain.models import BlockSession, BlockStatus, JSONValue, RunError, RunStatus


@dataclass(frozen=True, slots=True)
class RunStarted:
    run_id: str
    document_id: str
    deployment_id: str
    version: str


@dataclass(frozen=True, slots=True)
class BlockStarted:
    block_id: str
    block_type: str
    block_name: str


@dataclass(frozen=True, slots=True)
class BlockChunk:
    block_id: str
    delta: str


@dataclass(frozen=True, slots=True)
class BlockCompleted:
    block_id: str
    output: JSONValue
    truncated: bool = False


@dataclass(frozen=True, slots=True)
class BlockEnded:
    block_id: str
    status: BlockStatus
    error: RunError | None = None


@dataclass(frozen=True, slots=True)
class BlockOutput:
    block_id: str
    block_type: str
    block_name: str
    output: JSONValue


@dataclass(frozen=True, slots=True)
class RunCompleted:
    run_id: str
    status: RunStatus
    global_ctx: tuple[BlockOutput, ...]
    sessions: tuple[BlockSession, ...]
    duration_ms: int
    timed_out: bool
    outputs: JSONValue
    error_reason: str = ""
    error_message: str = ""
    error_block_id: str = ""


@dataclass(frozen=True, slots=True)
class Heartbeat:
    pass


@dataclass(frozen=True, slots=True)
class RunErrorEvent:
    reason: str
    message: str
    block_id: str = ""


@dataclass(frozen=True, slots=True)
class LoopIteration:
    """A loop block started (status RUNNING) or finished one iteration."""

    block_id: str
    index: int
    status: BlockStatus
    error: RunError | None = None


@dataclass(frozen=True, slots=True)
class AgentThought:
    block_id: str
    iteration: int
    text: str


@dataclass(frozen=True, slots=True)
class AgentToolCall:
    block_id: str
    iteration: int
    call_id: str
    name: str
    arguments: JSONValue


@dataclass(frozen=True, slots=True)
class AgentToolResult:
    block_id: str
    iteration: int
    call_id: str
    name: str
    result: JSONValue = None
    error: RunError | None = None


Event = (
    RunStarted
    | BlockStarted
    | BlockChunk
    | BlockCompleted
    | BlockEnded
    | RunCompleted
    | Heartbeat
    | RunErrorEvent
    | LoopIteration
    | AgentThought
    | AgentToolCall
    | AgentToolResult
)


@dataclass(frozen=True, slots=True)
class Sequenced:
    seq: int
    time: float
    """When the event was emitted: seconds since the Unix epoch."""
    event: Event
