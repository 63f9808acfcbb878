"""What runs cost: reserving a run's credits (from leases a replica takes in blocks),
charging a finished run its actual cost, and writing those charges in batches."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from dataclasses import dataclass

from flowgate.domain.errors import InsufficientCredits, NotFound
from flowgate.domain.events import RunCompleted
from flowgate.domain.models import BlockStatus
from flowgate.store.uow import SessionFactory, UnitOfWork

log = logging.getLogger(__name__)

CHARGE_FLUSH_SECONDS = 0.5
"""Charges are written in batches this often (an abrupt stop loses at most this much)."""

CHARGE_RETRY_MAX_SECONDS = 30.0
"""Longest wait between attempts while the database refuses a batch of charges."""

MODEL_BLOCKS = frozenset({"llm", "agent"})
"""Block types whose output's `usage.total_tokens` is charged (each model call once)."""


@dataclass(frozen=True, slots=True)
class CreditPolicy:
    """What runs cost. A run reserves `reserve` before it starts (402 without it) and is
    then charged `per_block` per block that ran plus `per_1k_tokens` per 1000 LLM tokens."""

    enabled: bool = True
    reserve: int = 10
    per_block: int = 1
    per_1k_tokens: int = 1
    lease_runs: int = 20
    """Reservations a replica takes from the balance at once (1: one database update per run)."""


class CreditLedger:
    """A replica's credit accounting: leased reservations per team, and the queue of
    charges (one ledger entry per run) written every CHARGE_FLUSH_SECONDS."""

    def __init__(self, factory: SessionFactory, policy: CreditPolicy | None = None) -> None:
        self._factory = factory
        self.policy = policy or CreditPolicy(enabled=False)
        self._charges: list[tuple[str, str, int]] = []
        self._charge_flush: asyncio.Task[None] | None = None
        self._leased: dict[str, int] = {}
        self._lease_locks: dict[str, asyncio.Lock] = {}
        self._refills: dict[str, asyncio.Task[None]] = {}

    # -- reserving ----------------------------------------------------------------------

    async def reserve(self, team_id: str, run_id: str) -> None:
        """Reserve one run's credits. A replica leases `lease_runs` reservations at a time
        from the team's balance, so most runs need no database round trip; a team that
        cannot cover a lease is served one reservation at a time, so none overspends.
        A lease half used is renewed in the background, so a steady caller's runs never
        wait for one."""
        reserve = self.policy.reserve
        if not self.policy.enabled or reserve <= 0:
            return
        if self._leased.get(team_id, 0) >= reserve:
            self._leased[team_id] -= reserve
            if self.policy.lease_runs > 1 and self._leased[team_id] < reserve * (self.policy.lease_runs // 2):
                self._renew_lease_soon(team_id)
            return
        lock = self._lease_locks.setdefault(team_id, asyncio.Lock())
        async with lock:
            if self._leased.get(team_id, 0) >= reserve:
                self._leased[team_id] -= reserve
                return
            lease = reserve * self.policy.lease_runs
            for attempt in range(2):
                async with UnitOfWork(self._factory) as uow:
                    if lease > reserve and await uow.teams.take_credits(
                        team_id, lease, run_id=run_id, kind="lease", require=True
                    ):
                        self._leased[team_id] = self._leased.get(team_id, 0) + lease - reserve
                        taken = True
                    else:
                        taken = await uow.teams.take_credits(
                            team_id, reserve, run_id=run_id, kind="reserve", require=True
                        )
                    if taken:
                        await uow.commit()
                        return
                if attempt == 0 and any(t == team_id for t, _r, _a in self._charges):
                    await self.flush()  # refunds of earlier reservations are queued: write them first
                    continue
                raise InsufficientCredits()

    def _renew_lease_soon(self, team_id: str) -> None:
        if team_id not in self._refills:
            task = asyncio.create_task(self._renew_lease(team_id))
            self._refills[team_id] = task
            task.add_done_callback(lambda _t: self._refills.pop(team_id, None))

    async def _renew_lease(self, team_id: str) -> None:
        reserve = self.policy.reserve
        lease = reserve * self.policy.lease_runs
        async with self._lease_locks.setdefault(team_id, asyncio.Lock()):
            if self._leased.get(team_id, 0) >= reserve * (self.policy.lease_runs // 2):
                return  # renewed meanwhile
            try:
                async with UnitOfWork(self._factory) as uow:
                    if not await uow.teams.take_credits(team_id, lease, run_id="", kind="lease", require=True):
                        return  # not enough for a lease: runs reserve one at a time when it is used up
                    await uow.commit()
            except Exception:
                log.exception("could not renew the credit lease of team %s", team_id)
                return
            self._leased[team_id] = self._leased.get(team_id, 0) + lease

    async def return_leases(self) -> None:
        """Write pending charges and give unused leased credits back (on shutdown, after
        the runs have ended)."""
        if self._refills:
            await asyncio.gather(*self._refills.values(), return_exceptions=True)
        if self._charge_flush is not None and not self._charge_flush.done():
            self._charge_flush.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._charge_flush
        await self.flush()
        leased, self._leased = self._leased, {}
        for team_id, amount in leased.items():
            if amount > 0:
                try:
                    async with UnitOfWork(self._factory) as uow:
                        await uow.teams.take_credits(team_id, -amount, run_id="", kind="unlease", require=False)
                        await uow.commit()
                except Exception:
                    log.exception("could not return %d leased credits of team %s", amount, team_id)

    # -- charging -----------------------------------------------------------------------

    def _cost(self, completed: RunCompleted) -> int:
        blocks = sum(1 for s in completed.sessions if s.status in (BlockStatus.COMPLETED, BlockStatus.FAILED))
        tokens = 0
        for item in completed.global_ctx:
            if item.block_type not in MODEL_BLOCKS:  # an end or transform block may pass a model's usage on
                continue
            usage = item.output.get("usage") if isinstance(item.output, dict) else None
            if isinstance(usage, dict) and isinstance(usage.get("total_tokens"), int):
                tokens += usage["total_tokens"]
        return blocks * self.policy.per_block + math.ceil(tokens / 1000) * self.policy.per_1k_tokens

    def charge(self, team_id: str, run_id: str, completed: RunCompleted) -> None:
        """Settle the run's reservation against its actual cost. Charges are written in
        batches (every CHARGE_FLUSH_SECONDS, and on shutdown), one ledger entry per run."""
        if self.policy.enabled:
            self._queue(team_id, run_id, self._cost(completed) - self.policy.reserve)

    def _queue(self, team_id: str, run_id: str, amount: int) -> None:
        self._charges.append((team_id, run_id, amount))
        if self._charge_flush is None or self._charge_flush.done():
            self._charge_flush = asyncio.create_task(self._flush_later())

    async def waive(self, run_id: str, completed: RunCompleted, team_id: str | None) -> None:
        """The run costs nothing. Its queued charge becomes the return of its reservation;
        one already written is given back by another entry, for `team_id` (the caller's
        team; None: read from the run's row)."""
        if not self.policy.enabled:
            return
        for i, (queued_team, queued_run, _amount) in enumerate(self._charges):
            if queued_run == run_id:
                self._charges[i] = (queued_team, run_id, -self.policy.reserve)
                return
        if team_id is None:  # (here only when a flush came first)
            try:
                async with UnitOfWork(self._factory) as uow:
                    team_id = (await uow.runs.get(run_id)).caller_team_id
            except NotFound:
                return
        self._queue(team_id, run_id, -self._cost(completed))

    async def _flush_later(self) -> None:
        """Flush until nothing is queued: a charge queued while a batch is being written
        (or a batch that could not be written) goes out with the next one, not whenever
        another run happens to finish."""
        delay = CHARGE_FLUSH_SECONDS
        while True:
            await asyncio.sleep(delay)
            written = await self.flush()
            if not self._charges:
                return
            delay = CHARGE_FLUSH_SECONDS if written else min(delay * 2, CHARGE_RETRY_MAX_SECONDS)

    async def flush(self) -> bool:
        """Write the queued charges: one balance update per team, one ledger entry per run.
        False when they could not be written; they stay queued."""
        charges, self._charges = self._charges, []
        if not charges:
            return True
        try:
            async with UnitOfWork(self._factory) as uow:
                await uow.teams.apply_charges(charges)
                await uow.commit()
        except BaseException as e:
            self._charges[:0] = charges  # keep them for the next batch (also when cancelled)
            if not isinstance(e, Exception):
                raise
            log.exception("could not write %d credit charges", len(charges))
            return False
        return True
