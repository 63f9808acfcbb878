"""What callers ask the stores for and get back as summaries: list queries and the log
summary of an execution (plain values; the store and the use cases share them)."""

from __future__ import annotations

from dataclasses import dataclass

from flowgate.domain.models import ExecutionLog, LogLevel


@dataclass(frozen=True, slots=True)
class WorkflowQuery:
    skip: int = 0
    limit: int = 100
    search: str = ""
    status: str = ""
    sort_by: str = "created_at"
    descending: bool = True


@dataclass(frozen=True, slots=True)
class ExecutionQuery:
    skip: int = 0
    limit: int = 100
    workflow_id: str = ""
    status: str = ""
    search: str = ""


@dataclass(frozen=True, slots=True)
class NodeLogCount:
    node_id: str
    node_type: str
    log_count: int
    total_duration_ms: int


@dataclass(frozen=True, slots=True)
class LogSummary:
    total: int
    per_level: dict[LogLevel, int]
    per_node: list[NodeLogCount]
    errors: list[ExecutionLog]
