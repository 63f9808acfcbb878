"""Commands to a run wherever it runs: the `CommandChannel` seam, and its in-process
implementation. A scaled-out one sets a durable cancel key and publishes it; the process
running the run cancels its task (and checks the key when it picks a run up and on its
heartbeats, in case the message was lost)."""

from __future__ import annotations

import enum
from typing import Protocol

from flowgate.runtime.registry import RunRegistry


class Delivery(enum.Enum):
    """What became of a command."""

    DONE = "done"
    """The run is in this process: its task was told at once."""
    SENT = "sent"
    """Handed on to whichever process runs it (it may have ended meanwhile)."""
    NOT_FOUND = "not_found"
    """No process runs it."""

    @property
    def reached(self) -> bool:
        return self is not Delivery.NOT_FOUND


class CommandChannel(Protocol):
    async def cancel(self, run_id: str) -> Delivery:
        """Ask a run to stop: its engine ends it `cancelled` (its log gets that end)."""
        ...


class LocalCommands:
    """Commands to the runs of this process (one process runs every run)."""

    def __init__(self, tasks: RunRegistry) -> None:
        self._tasks = tasks

    async def cancel(self, run_id: str) -> Delivery:
        return Delivery.DONE if self._tasks.cancel(run_id) else Delivery.NOT_FOUND
