"""The scheduler: a background task that starts the runs of due cron schedules.

Every replica may run one. A due schedule is claimed by moving its `next_run_at` from
the value read to the next cron time in one conditional UPDATE (committed before the run
starts): of several replicas that read the same slot, exactly one claims it. A slot
missed while no scheduler ran is run once, not once per missed time."""

from __future__ import annotations

import logging
from datetime import datetime

from flowgate.app.periodic import Periodic
from flowgate.app.runs import RunTarget, RunUseCases
from flowgate.app.schedules import as_utc, next_fire, schedule_principal
from flowgate.domain.errors import FlowgateError
from flowgate.domain.models import Schedule
from flowgate.store.uow import SessionFactory, UnitOfWork

log = logging.getLogger(__name__)


class Scheduler:
    def __init__(self, factory: SessionFactory, runs: RunUseCases, interval_seconds: float) -> None:
        self._factory = factory
        self._runs = runs
        self._periodic = Periodic("flowgate-scheduler", interval_seconds, self.run_due, "scheduler tick failed")

    async def start(self) -> None:
        self._periodic.start()

    async def stop(self) -> None:
        """Stop looking for due schedules (runs already started go on)."""
        await self._periodic.stop()

    async def run_due(self, now: datetime) -> list[str]:
        """Start the runs of the schedules due at `now`; the ids of the runs started here.
        One schedule's failure is logged and does not stop the others."""
        async with UnitOfWork(self._factory) as uow:
            due = await uow.schedules.due(as_utc(now))
        started = []
        for schedule in due:
            try:
                run_id = await self.run_schedule(schedule, now)
            except Exception:
                log.exception("scheduled run failed", extra={"schedule_id": schedule.id})
                continue
            if run_id:
                started.append(run_id)
        return started

    async def run_schedule(self, schedule: Schedule, now: datetime) -> str | None:
        """Claim `schedule`'s slot (as read) and start its run; the run id, or None when
        another replica claimed the slot first or the run could not start (logged)."""
        if schedule.next_run_at is None:
            return None
        following = next_fire(schedule.cron, max(as_utc(now), as_utc(schedule.next_run_at)))
        async with UnitOfWork(self._factory) as uow:
            claimed = await uow.schedules.claim(schedule.id, schedule.next_run_at, following)
            await uow.commit()
        if not claimed:
            return None
        try:
            handle = await self._runs.start_as(
                schedule_principal(schedule), RunTarget(deployment_id=schedule.deployment_id), schedule.inputs
            )
        except FlowgateError as err:  # retired deployment, inputs, credits: the slot is spent
            log.warning(
                "scheduled run refused: %s",
                err.message,
                extra={"schedule_id": schedule.id, "reason": err.reason},
            )
            return None
        async with UnitOfWork(self._factory) as uow:
            await uow.schedules.record_run(schedule.id, handle.run_id)
            await uow.commit()
        log.info("scheduled run started", extra={"schedule_id": schedule.id, "run_id": handle.run_id})
        return handle.run_id
