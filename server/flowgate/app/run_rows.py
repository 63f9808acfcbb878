"""Run rows, written in batches (and event logs rebuilt from them).

A run's row is not on its event path: a run still going after `running_after` seconds
gets a "running" row, and every run's result is written when it ends — a quick run's as
one insert of the finished row, a long run's as an update of its running row. Those
writes are queued and go out together every `interval` seconds, in one transaction (one
multi-row INSERT and one UPDATE by primary key): per run that is a small share of a
commit instead of one or two commits of its own, which on SQLite also means far fewer
pages written to the WAL. Until a finished run's row is written, the run stays in the
caller's memory (`live`), so GetRun on this replica always finds it.

The rows of running runs carry a heartbeat (see liveness.py): this process refreshes
those of its runs in one UPDATE per interval (`beat`); a running row nobody refreshes
any more is ended as failed (`settle` when it is read, `sweep` in the background).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Container, MutableMapping
from dataclasses import replace
from datetime import UTC, datetime

from flowgate.app.liveness import LOST_REASON, SWEEP_BATCH, Liveness
from flowgate.app.run_lifecycle import unfinished_end
from flowgate.domain.errors import RunEventsExpired
from flowgate.domain.events import BlockOutput, RunCompleted, RunStarted, Sequenced
from flowgate.domain.models import BlockStatus, Release, Run, RunStatus
from flowgate.runtime.eventlog import RunChannel
from flowgate.store.uow import SessionFactory, UnitOfWork

log = logging.getLogger(__name__)

MAX_BACKLOG = 10_000
"""Past this many rows waiting, the run that adds one writes the batch itself."""

LOST_MESSAGE = "the run was lost: the server process running it stopped"
"""The error of a running run whose heartbeat stopped (its reason: LOST_REASON)."""


class RunRows:
    def __init__(
        self,
        factory: SessionFactory,
        written: Callable[[str], None],
        *,
        running_after: float = 1.0,
        interval: float = 0.1,
        liveness: Liveness | None = None,
    ) -> None:
        self._factory = factory
        self._liveness = liveness or Liveness()
        self._written = written  # called with a finished run's id once its row is stored
        self._running_after = running_after
        self._interval = interval
        self._inserts: dict[str, Run] = {}  # rows to insert: running, or finished quick runs
        self._updates: dict[str, Run] = {}  # finished runs whose running row is queued or stored
        self._has_row: set[str] = set()  # running rows queued or stored, of runs not yet finished
        self._unwritten: set[str] = set()  # finished runs whose row is not stored yet
        self._flusher: asyncio.Task[None] | None = None

    def started(self, run: Run) -> asyncio.TimerHandle:
        """The run began: its running row is queued after `running_after` seconds (cancel
        the returned handle when it ends)."""
        return asyncio.get_running_loop().call_later(self._running_after, self._queue_running, run)

    def stored_running(self, run_id: str) -> None:
        """The run's running row was written with its start (a run with an idempotency key)."""
        self._has_row.add(run_id)

    def forget(self, run_id: str) -> None:
        """The run never started (its stored running row was removed)."""
        self._has_row.discard(run_id)

    def _queue_running(self, run: Run) -> None:
        if run.id in self._has_row:  # written when it started
            return
        self._inserts[run.id] = run
        self._has_row.add(run.id)
        self._schedule()

    def finished(self, run: Run) -> None:
        """The run ended: its finished row is queued (an insert, or an update of its running row)."""
        self._unwritten.add(run.id)
        if run.id in self._inserts:  # the running row is not written yet: write the finished one
            self._inserts[run.id] = run
        elif run.id in self._has_row:
            self._updates[run.id] = run
        else:
            self._inserts[run.id] = run
        self._has_row.discard(run.id)
        self._schedule()

    def is_open(self, run_id: str) -> bool:
        """True while the run's end is not recorded and a running row is queued or stored."""
        queued = self._inserts.get(run_id)
        return run_id in self._has_row or (queued is not None and queued.status is RunStatus.RUNNING)

    def unwritten(self, run_id: str) -> bool:
        return run_id in self._unwritten

    @property
    def backlog(self) -> int:
        return len(self._inserts) + len(self._updates)

    def _schedule(self) -> None:
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.get_running_loop().create_task(self._flush_later())

    async def _flush_later(self) -> None:
        while True:  # until nothing waits (rows queued while a batch is written go next)
            await asyncio.sleep(self._interval)
            await self.flush()
            if not self.backlog:
                return

    async def flush(self) -> None:
        """Write what is queued: one transaction; if the database refuses the batch, each
        row on its own, so one bad row does not cost the others."""
        inserts, self._inserts = self._inserts, {}
        updates, self._updates = self._updates, {}
        if not inserts and not updates:
            return
        try:
            async with UnitOfWork(self._factory) as uow:
                if inserts:
                    await uow.runs.add_many(list(inserts.values()), now=datetime.now(UTC))
                if updates:
                    await uow.runs.save_results(list(updates.values()))
                await uow.commit()
        except asyncio.CancelledError:
            self._inserts = {**inserts, **self._inserts}  # the next flush writes them
            self._updates = {**updates, **self._updates}
            raise
        except Exception:
            log.exception(
                "could not store %d run rows in one batch; storing them one by one", len(inserts) + len(updates)
            )
            await self._one_by_one(inserts, updates)
        for run in (*inserts.values(), *updates.values()):
            if run.status is not RunStatus.RUNNING:
                self._unwritten.discard(run.id)
                self._written(run.id)

    async def _one_by_one(self, inserts: dict[str, Run], updates: dict[str, Run]) -> None:
        for run in inserts.values():
            try:
                async with UnitOfWork(self._factory) as uow:
                    await uow.runs.add(run, now=datetime.now(UTC))
                    await uow.commit()
            except Exception:
                log.exception("could not store run %s", run.id)
                self._has_row.discard(run.id)  # its end will be an insert, not an update
        for run in updates.values():
            try:
                async with UnitOfWork(self._factory) as uow:
                    await uow.runs.save_result(run)
                    await uow.commit()
            except Exception:
                log.exception("could not store the result of run %s", run.id)

    # -- heartbeats and lost runs ------------------------------------------------------------

    async def beat(self, uow: UnitOfWork, now: datetime) -> None:
        """Refresh the heartbeat of every running row of this process (one UPDATE)."""
        if self._has_row:
            await uow.runs.beat(self._has_row, now)

    async def sweep(self, uow: UnitOfWork, silent_since: datetime, now: datetime, live: Container[str]) -> int:
        """End the running rows whose heartbeat stopped (none of `live`); how many."""
        ended = 0
        for run in await uow.runs.silent(silent_since, SWEEP_BATCH):
            if run.id not in live and run.id not in self._has_row:
                ended += await uow.runs.end_if_lost(run, silent_since, LOST_REASON, LOST_MESSAGE, now)
        return ended

    async def settle(self, run: Run) -> Run:
        """A stored run as it stands: a running one whose process is gone (its heartbeat
        stopped; the caller checked it does not run here) is ended as failed first."""
        now = datetime.now(UTC)
        if run.status is not RunStatus.RUNNING or not self._liveness.is_lost(run.heartbeat_at, run.created_at, now):
            return run
        async with UnitOfWork(self._factory) as uow:
            if await uow.runs.end_if_lost(run, self._liveness.silent_since(now), LOST_REASON, LOST_MESSAGE, now):
                await uow.commit()
                log.warning("run %s was lost with its process; marked failed", run.id)
            return await uow.runs.get(run.id)

    async def close(self) -> None:
        """Write everything queued (on shutdown, after the runs have ended)."""
        if self._flusher is not None and not self._flusher.done():
            self._flusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._flusher
        await self.flush()


def ended_run(run: Run, completed: RunCompleted) -> Run:
    """The run as its end leaves it."""
    return replace(
        run,
        status=completed.status,
        outputs=completed.outputs,
        sessions=completed.sessions,
        duration_ms=completed.duration_ms,
        timed_out=completed.timed_out,
        error_reason=completed.error_reason,
        error_message=completed.error_message,
        ended_at=datetime.now(UTC),
    )


class RunRecord:
    """One run's row (and charge) as an observer of its lifecycle (a `RunObserver`, see
    run_lifecycle.py). Neither the first nor the last event waits for the database: the
    rows are queued in `rows`; until a finished run's row is written, the run is in
    `live`, so a caller that saw the end of the stream always finds the result."""

    follows_events = False

    def __init__(
        self,
        rows: RunRows,
        run: Run,
        live: MutableMapping[str, Run],
        charge: Callable[[Run, RunCompleted], None],
    ) -> None:
        self._rows = rows
        self._run = run
        self._live = live
        self._charge = charge
        self._running_row: asyncio.TimerHandle | None = None

    async def on_started(self) -> bool:
        self._live[self._run.id] = self._run
        self._running_row = self._rows.started(self._run)
        return True

    def on_event(self, item: Sequenced) -> None:
        """Not called (`follows_events` is False)."""

    async def on_ending(self, completed: RunCompleted) -> None:
        self._record(completed)

    async def on_ended(self, completed: RunCompleted) -> None:
        if self._rows.backlog >= MAX_BACKLOG:  # the database is behind: wait for it
            await self._rows.flush()

    async def on_broken(self, end: RunCompleted, error: BaseException) -> None:
        """The run is not left running (this process's heartbeat would keep it so): its
        row is written with `end`, its reservation is settled."""
        self._record(end)

    def _record(self, completed: RunCompleted) -> None:
        if self._running_row is not None:
            self._running_row.cancel()
        finished = ended_run(self._run, completed)
        self._live[self._run.id] = finished
        self._charge(self._run, completed)
        self._rows.finished(finished)

    def on_closed(self, ran: bool, cancelled: bool) -> None:
        if self._running_row is not None:
            self._running_row.cancel()
        if self._rows.is_open(self._run.id):  # cancelled before it ran: its end was never recorded
            self._record(
                unfinished_end(
                    self._run.id, RunStatus.CANCELLED if cancelled else RunStatus.FAILED, self._run.created_at
                )
            )
        if not self._rows.unwritten(self._run.id):  # else kept until its row is written
            self._live.pop(self._run.id, None)


def stored_channel(run: Run, release: Release, after_seq: int = 0) -> RunChannel:
    """A closed event log rebuilt from a stored run (its live events are no longer kept):
    run_start and the run's end; for a caller that saw `after_seq` events, only the end,
    numbered `after_seq + 1` (the events in between are gone; the outcome is not)."""
    if run.status is RunStatus.RUNNING:  # running on another replica: its log is there
        raise RunEventsExpired()
    channel = RunChannel(run.id, first_seq=after_seq + 1 if after_seq > 0 else 1)
    if after_seq <= 0:
        channel.append(RunStarted(run.id, run.document_id, run.deployment_id, release.version))
    channel.append(
        RunCompleted(
            run_id=run.id,
            status=run.status,
            global_ctx=tuple(
                BlockOutput(s.block_id, s.block_type, s.block_name, s.output)
                for s in run.sessions
                if s.status is BlockStatus.COMPLETED
            ),
            sessions=run.sessions,
            duration_ms=run.duration_ms,
            timed_out=run.timed_out,
            outputs=run.outputs,
            error_reason=run.error_reason,
            error_message=run.error_message,
        )
    )
    return channel
