"""Where runs run: their task registry, their event logs (`RunLog`) and the commands to
them (`CommandChannel`). `Runtime.in_process` is the one-process default; a scaled-out
runtime (Redis Streams for the logs, a cancel key + publish for commands) is another
`Runtime` with the same engine and use cases."""

from __future__ import annotations

from dataclasses import dataclass

from flowgate.runtime.commands import CommandChannel, LocalCommands
from flowgate.runtime.eventlog import InProcessRunLogs, RunLogs
from flowgate.runtime.registry import RunRegistry


@dataclass(frozen=True, slots=True)
class Runtime:
    tasks: RunRegistry
    """The run tasks of this process."""
    logs: RunLogs
    commands: CommandChannel

    @classmethod
    def in_process(cls, retention_seconds: float = 300.0) -> Runtime:
        tasks = RunRegistry()
        return cls(tasks, InProcessRunLogs(retention_seconds), LocalCommands(tasks))
