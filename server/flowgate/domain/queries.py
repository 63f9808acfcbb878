"""What callers ask the stores for and get back as summaries: list queries and the log
summary of an execution (plain values; the store and the use cases share them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flowgate.domain.models import ExecutionLog, LogLevel, RunStatus


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


@dataclass(frozen=True, slots=True)
class RunFilter:
    """Which of an app's runs to list (empty values: no filter)."""

    keyword: str = ""
    """Matched (case-insensitively, as a substring) in the inputs, outputs and end user."""
    status: RunStatus | None = None
    created_before: datetime | None = None
    created_after: datetime | None = None
    end_user: str = ""
