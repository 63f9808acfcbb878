"""What the servicers read a run's events from: the feed a run use case hands back
(`RunHandle.channel`, `RunUseCases.watch`), by the one method they call."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol

from flowgate.domain.events import Sequenced


class RunEvents(Protocol):
    def subscribe(self, after_seq: int = 0, heartbeat_seconds: float | None = None) -> AsyncIterator[list[Sequenced]]:
        """Batches of the run's events after `after_seq` until it completes; an empty
        batch after `heartbeat_seconds` without events."""
        ...
