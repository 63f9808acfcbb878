"""Running released apps: authorize, resolve the release, check inputs and credits,
start the engine; re-attach, cancel and read runs."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import math
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from flowgate.app.credits import CreditLedger
from flowgate.app.liveness import Liveness
from flowgate.app.release_resolver import ReleaseResolver, RunTarget
from flowgate.app.routing import coerce_text_inputs
from flowgate.app.run_lifecycle import RunLifecycle
from flowgate.app.run_rows import RunRecord, RunRows, stored_channel
from flowgate.auth.keys import (
    APP_PREFIX,
    KEY_PREFIX,
    SCHEDULE_PREFIX,
    ApiKeyAuthenticator,
    KeyCache,
    bearer_token,
    hash_key,
)
from flowgate.domain.errors import (
    DeploymentMismatch,
    FlowgateError,
    IdempotencyConflict,
    InvalidArgument,
    NotFound,
    OtherApp,
    PrivateApp,
    Unauthenticated,
)
from flowgate.domain.events import RunCompleted
from flowgate.domain.models import JSONValue, Principal, Release, Run, RunStatus, Visibility
from flowgate.engine.blocks import BlockRegistry
from flowgate.engine.executor import Executor, RunSpec
from flowgate.engine.limits import EngineLimits
from flowgate.engine.services import AppRunner, Services
from flowgate.runtime import Runtime
from flowgate.runtime.eventlog import RunLog
from flowgate.store.uow import SessionFactory, UnitOfWork

__all__ = ["DOCUMENT_ROUTE_KEYS_ONLY", "RunHandle", "RunPolicy", "RunTarget", "RunUseCases", "request_fingerprint"]

log = logging.getLogger(__name__)


RUNNING_ROW_DELAY = 1.0
"""Seconds a run runs before its "running" row is written (quick runs are written once)."""

ROW_FLUSH_SECONDS = 0.1
"""Run rows are written in batches this often (see RunRows)."""


@dataclass(frozen=True, slots=True)
class RunPolicy:
    default_timeout_seconds: float
    max_timeout_seconds: float


DOCUMENT_ROUTE_KEYS_ONLY = "Unauthorized: Document ID route only supports API key authentication"


@dataclass(frozen=True, slots=True)
class RunHandle:
    run_id: str
    release: Release
    channel: RunLog
    hidden: frozenset[str] = frozenset()
    """Internal blocks (API callers see no events of them)."""
    resumed: bool = False
    """True when an idempotency key re-attached to an earlier run."""
    run: Run | None = None
    """The run as it started (its inputs, creation time, end user); None on a re-attach."""


def request_fingerprint(target: RunTarget, inputs: Mapping[str, JSONValue], extra: Mapping[str, Any]) -> str:
    """What makes two requests "the same" for an idempotency key."""
    canonical = json.dumps(
        {"target": _target_dict(target), "inputs": inputs, **extra},
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _target_dict(target: RunTarget) -> dict[str, str]:
    return {
        "deployment_id": target.deployment_id,
        "document_id": target.document_id,
        "version": target.version,
        "alias": target.alias,
        "method": target.method,
        "path": target.path,
    }


class RunUseCases:
    """Starting released-app runs, re-attaching to them, reading and cancelling them.
    Which release a target names is the resolver's; where runs run, their logs and the
    commands to them are the runtime's; a run's row and charge observe its lifecycle."""

    def __init__(
        self,
        factory: SessionFactory,
        registry: BlockRegistry,
        limits: EngineLimits,
        services: Services,
        runtime: Runtime,
        policy: RunPolicy,
        keys: KeyCache | None = None,
        credits: CreditLedger | None = None,
        liveness: Liveness | None = None,
        resolver: ReleaseResolver | None = None,
    ) -> None:
        self._factory = factory
        self._runtime = runtime
        self._policy = policy
        self._credits = credits or CreditLedger(factory)
        self._executor = Executor(limits, services)
        self._lifecycle = RunLifecycle(self._executor, runtime)
        self.resolver = resolver or ReleaseResolver(factory, registry, limits)
        self._keys = keys
        self._live: dict[str, Run] = {}
        self._rows = RunRows(
            factory, self._row_written, running_after=RUNNING_ROW_DELAY, interval=ROW_FLUSH_SECONDS, liveness=liveness
        )
        self._starting: set[str] = set()

    def use_apps(self, apps: AppRunner) -> None:
        """Let agent blocks call published apps (wired after construction: apps run through us)."""
        self._executor.services = replace(self._executor.services, apps=apps)

    def forget_deployment(self, deployment_id: str) -> None:
        """Drop a cached deployment (it was retired)."""
        self.resolver.forget_deployment(deployment_id)

    def _deadline(self, requested: float | None) -> float:
        if requested is None:
            return self._policy.default_timeout_seconds
        if math.isnan(requested) or requested <= 0:
            raise InvalidArgument("timeout must be a positive number of seconds")
        return min(requested, self._policy.max_timeout_seconds)

    # -- starting -----------------------------------------------------------------------

    async def authenticate(self, authorization: str | None, *, schedule_tokens: bool = False) -> Principal:
        if self._keys is not None and authorization:  # a recently verified key: no session at all
            token = authorization.strip().partition(" ")[2].strip()
            known = self._keys.get(hash_key(token)) if token.startswith((KEY_PREFIX, APP_PREFIX)) else None
            if known is not None:
                return known
        async with UnitOfWork(self._factory) as uow:
            return await ApiKeyAuthenticator(uow, self._keys).authenticate(
                authorization, schedule_tokens=schedule_tokens, app_keys=True
            )

    @staticmethod
    def refuse_schedule_tokens(authorization: str | None, target: RunTarget) -> None:
        """Only deployment targets take schedule tokens (bound to one deployment); on the
        others one gets the documented 401. `start` checks; a servicer asks before it
        parses a request body (that 401 comes before any complaint about the body)."""
        if target.deployment_id:
            return
        try:
            token = bearer_token(authorization)
        except FlowgateError:
            return  # no usable credentials at all: authentication says so
        if token.startswith(SCHEDULE_PREFIX):
            raise Unauthenticated(DOCUMENT_ROUTE_KEYS_ONLY if target.document_id else "Unauthorized")

    async def start(
        self,
        authorization: str | None,
        target: RunTarget,
        inputs: Mapping[str, JSONValue],
        timeout_seconds: float | None = None,
        *,
        idempotency_key: str = "",
    ) -> RunHandle:
        self.refuse_schedule_tokens(authorization, target)
        principal = await self.authenticate(authorization, schedule_tokens=bool(target.deployment_id))
        return await self.start_as(
            principal,
            target,
            inputs,
            timeout_seconds,
            idempotency_key=idempotency_key,
        )

    async def start_as(
        self,
        principal: Principal,
        target: RunTarget,
        inputs: Mapping[str, JSONValue],
        timeout_seconds: float | None = None,
        *,
        idempotency_key: str = "",
        end_user: str = "",
    ) -> RunHandle:
        """Start a run for an already authenticated caller (`end_user`: the end user the
        caller named, recorded on the run)."""
        if len(idempotency_key) > 200:
            raise InvalidArgument("an idempotency key has at most 200 characters")
        fingerprint = ""
        if idempotency_key:
            fingerprint = request_fingerprint(target, inputs, {"timeout": timeout_seconds})
            earlier = await self._replay(principal, idempotency_key, fingerprint)
            if earlier is not None:
                return earlier
        deadline = self._deadline(timeout_seconds)
        resolved = await self.resolver.resolve(target)
        release, compiled, params = resolved.release, resolved.compiled, resolved.params
        if principal.is_schedule:
            if release.deployment_id != principal.schedule_deployment_id:
                raise DeploymentMismatch()
        elif principal.app_document_id and release.document_id != principal.app_document_id:
            raise OtherApp()
        elif release.visibility is Visibility.PRIVATE and release.team_id != principal.team_id:
            raise PrivateApp()
        raw = {**inputs, **params}
        if target.alias and target.method.upper() == "GET":
            raw = coerce_text_inputs(compiled, raw)
        values = self._executor.prepare_inputs(compiled, raw)
        run = Run(
            id=str(uuid.uuid4()),
            deployment_id=release.deployment_id,
            document_id=release.document_id,
            team_id=release.team_id,
            caller_team_id=principal.team_id,
            status=RunStatus.RUNNING,
            inputs=values,
            created_at=datetime.now(UTC),
            end_user=end_user,
        )
        if idempotency_key:
            self._starting.add(run.id)  # from the claim on, callers with the key wait for this run
            earlier = await self._claim_key(principal, idempotency_key, fingerprint, run)
            if earlier is not None:
                self._starting.discard(run.id)
                return earlier
        try:
            await self._credits.reserve(principal.team_id, run.id)
        except BaseException:
            if idempotency_key:  # the run never started: the key is free again
                self._starting.discard(run.id)
                async with UnitOfWork(self._factory) as uow:
                    await uow.idempotency.release(principal.team_id, idempotency_key, run.id)
                    await uow.runs.remove_running(run.id)
                    await uow.commit()
                self._rows.forget(run.id)
            raise
        self._live[run.id] = run
        self._starting.discard(run.id)
        spec = RunSpec(run.id, release.document_id, release.deployment_id, release.version, deadline, principal.team_id)
        record = RunRecord(self._rows, run, self._live, self._charge)
        started = self._lifecycle.start(compiled, spec, values, (record,), run.created_at)
        hidden = self.resolver.internal(release.deployment_id, compiled)
        return RunHandle(run.id, release, started.log, hidden, run=run)

    def _charge(self, run: Run, completed: RunCompleted) -> None:
        self._credits.charge(run.caller_team_id, run.id, completed)

    async def _replay(self, principal: Principal, key: str, fingerprint: str) -> RunHandle | None:
        async with UnitOfWork(self._factory) as uow:
            found = await uow.idempotency.find(principal.team_id, key)
        if found is None:
            return None
        stored_fingerprint, run_id = found
        if stored_fingerprint != fingerprint:
            raise IdempotencyConflict()
        handle = await self._handle_of(run_id)
        if principal.app_document_id and handle.release.document_id != principal.app_document_id:
            raise OtherApp()  # the team's run of another app: not this key's to re-attach to
        return handle

    async def _claim_key(self, principal: Principal, key: str, fingerprint: str, run: Run) -> RunHandle | None:
        """Store the key for this run, and the run's running row with it (a retry finds
        the run even if this process dies in its first second); if a concurrent request
        stored the key first, its run."""
        async with UnitOfWork(self._factory) as uow:
            stored = await uow.idempotency.add(principal.team_id, key, fingerprint, run.id)
            if stored:
                await uow.runs.add(run, now=datetime.now(UTC))
            await uow.commit()
        if stored:
            self._rows.stored_running(run.id)
            return None
        return await self._replay(principal, key, fingerprint)

    async def _handle_of(self, run_id: str) -> RunHandle:
        """A handle on an earlier run: its live or kept event log, or (when the log is gone)
        a log rebuilt from the stored result: run_start, then run_complete."""
        for _ in range(200):  # a concurrent caller holding the key is still starting the run
            if run_id not in self._starting:
                break
            await asyncio.sleep(0.01)
        channel = self._runtime.logs.get(run_id)
        run = await self._current(run_id)
        async with UnitOfWork(self._factory) as uow:
            release = await uow.releases.get(run.deployment_id)
        if channel is None:
            channel = stored_channel(run, release)
        return RunHandle(run_id, release, channel, await self.resolver.hidden(run.deployment_id), resumed=True)

    async def close(self) -> None:
        """Write what is queued (run rows, charges) and give unused leased credits back
        (on shutdown, after the runs have ended)."""
        await self._rows.close()
        await self.return_leases()

    async def write_rows(self) -> None:
        """Write the queued run rows now (a listing of runs then shows this replica's
        finished runs at once)."""
        await self._rows.flush()

    async def return_leases(self) -> None:
        """Write pending charges and give unused leased credits back."""
        await self._credits.return_leases()

    async def answer_refused(self, handle: RunHandle, completed: RunCompleted) -> None:
        """The run's answer could not be delivered (refused as too large): it costs nothing.
        Its queued charge becomes the return of its reservation; one already written is
        given back by another entry. A replay (`handle.resumed`) was never charged again."""
        if handle.resumed:
            return
        live = self._live.get(handle.run_id)
        await self._credits.waive(handle.run_id, completed, live.caller_team_id if live is not None else None)

    def _row_written(self, run_id: str) -> None:
        self._live.pop(run_id, None)  # the store answers for it now

    # -- reading, re-attaching, cancelling ----------------------------------------------------

    async def get(self, authorization: str | None, run_id: str) -> Run:
        principal = await self.authenticate(authorization)
        return await self._readable(principal, run_id)

    async def get_as(self, principal: Principal, run_id: str) -> Run:
        """A run the (already authenticated) caller may read."""
        return await self._readable(principal, run_id)

    async def _current(self, run_id: str) -> Run:
        """The run from memory while this process has it, else from the store — where a
        run whose process died is ended (failed, PROCESS_LOST) on this first read."""
        run = self._live.get(run_id)
        if run is None:
            async with UnitOfWork(self._factory) as uow:
                run = await uow.runs.get(run_id)
            if run.id not in self._live and run.id not in self._starting:
                run = await self._rows.settle(run)
        return run

    async def _readable(self, principal: Principal, run_id: str) -> Run:
        run = await self._current(run_id)
        if principal.team_id not in (run.team_id, run.caller_team_id) or (
            principal.app_document_id and run.document_id != principal.app_document_id
        ):
            raise NotFound(f"Run {run_id!r} not found")
        return run

    async def watch(self, authorization: str | None, run_id: str, after_seq: int = 0) -> RunLog:
        """The run's event log, to replay and follow (caller's or owner's team only). When
        its events are no longer kept (or its process died), what the store knows: its
        end, numbered after `after_seq`."""
        principal = await self.authenticate(authorization)
        run = await self._readable(principal, run_id)
        channel = self._runtime.logs.get(run_id)
        if channel is None:
            async with UnitOfWork(self._factory) as uow:
                release = await uow.releases.get(run.deployment_id)
            channel = stored_channel(run, release, after_seq)
        return channel

    # -- heartbeats and lost runs (see liveness.py) ---------------------------------------

    async def beat(self, uow: UnitOfWork, now: datetime) -> None:
        await self._rows.beat(uow, now)

    async def sweep(self, uow: UnitOfWork, silent_since: datetime, now: datetime) -> int:
        return await self._rows.sweep(uow, silent_since, now, self._live)

    async def hidden_blocks(self, run_id: str) -> frozenset[str]:
        """The internal blocks of a run's deployment (API callers see no events of them)."""
        run = self._live.get(run_id)
        deployment_id = run.deployment_id if run is not None else ""
        if not deployment_id:
            async with UnitOfWork(self._factory) as uow:
                deployment_id = (await uow.runs.get(run_id)).deployment_id
        return await self.resolver.hidden(deployment_id)

    async def cancel(self, authorization: str | None, run_id: str) -> RunStatus:
        """Ask a run to stop; its stream ends with a cancelled run_completed. The status the
        run had when asked (RUNNING: cancellation is under way)."""
        return await self.cancel_run(await self.get(authorization, run_id))

    async def cancel_run(self, run: Run) -> RunStatus:
        """Ask a run the caller may read (see `get_as`) to stop: as `cancel`."""
        if run.status is RunStatus.RUNNING and (await self._runtime.commands.cancel(run.id)).reached:
            return RunStatus.RUNNING
        return run.status
