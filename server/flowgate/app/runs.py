"""Running released apps: authorize, resolve the release, check inputs and credits,
start the engine; re-attach, cancel and read runs."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import math
import uuid
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from flowgate.app.compiling import compile_graph_off_loop
from flowgate.app.credits import CreditLedger
from flowgate.app.liveness import Liveness
from flowgate.app.releases import content_hash
from flowgate.app.routing import coerce_text_inputs, match_route
from flowgate.app.run_rows import MAX_BACKLOG, RunRows, stored_channel
from flowgate.auth.keys import KEY_PREFIX, SCHEDULE_PREFIX, ApiKeyAuthenticator, KeyCache, bearer_token, hash_key
from flowgate.domain.errors import (
    AliasNotFound,
    DeploymentMismatch,
    DeploymentNotFound,
    EndpointNotFound,
    EndpointWithoutDeployment,
    FlowgateError,
    IdempotencyConflict,
    InvalidArgument,
    InvalidSnapshot,
    NotFound,
    PrivateApp,
    Unauthenticated,
    VersionNotFound,
)
from flowgate.domain.events import RunCompleted
from flowgate.domain.models import (
    Graph,
    JSONValue,
    Principal,
    Release,
    Run,
    RunStatus,
    Visibility,
)
from flowgate.domain.versions import newest_matching, parse_semver
from flowgate.engine.blocks import BlockRegistry
from flowgate.engine.executor import Executor, RunSpec
from flowgate.engine.graph import CompiledGraph, internal_blocks
from flowgate.engine.limits import EngineLimits
from flowgate.engine.services import AppRunner, Services
from flowgate.runtime.eventlog import RunChannel
from flowgate.runtime.registry import RunRegistry
from flowgate.store.uow import SessionFactory, UnitOfWork

log = logging.getLogger(__name__)


RUNNING_ROW_DELAY = 1.0
"""Seconds a run runs before its "running" row is written (quick runs are written once)."""

ROW_FLUSH_SECONDS = 0.1
"""Run rows are written in batches this often (see RunRows)."""

UNFINISHED = {
    RunStatus.FAILED: ("INTERNAL", "internal error: the run could not be completed"),
    RunStatus.CANCELLED: ("RUN_CANCELLED", "the run was cancelled"),
}
"""The end of a run whose task stopped without recording one."""


@dataclass(frozen=True, slots=True)
class RunPolicy:
    default_timeout_seconds: float
    max_timeout_seconds: float


@dataclass(frozen=True, slots=True)
class RunTarget:
    """Which released app to run: a deployment id, or a document id plus version selector,
    or a release alias + version + method + path (the router tree)."""

    deployment_id: str = ""
    document_id: str = ""
    version: str = ""
    alias: str = ""
    method: str = ""
    path: str = ""


DOCUMENT_ROUTE_KEYS_ONLY = "Unauthorized: Document ID route only supports API key authentication"


@dataclass(frozen=True, slots=True)
class RunHandle:
    run_id: str
    release: Release
    channel: RunChannel
    hidden: frozenset[str] = frozenset()
    """Internal blocks (API callers see no events of them)."""
    resumed: bool = False
    """True when an idempotency key re-attached to an earlier run."""


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
    def __init__(
        self,
        factory: SessionFactory,
        registry: BlockRegistry,
        limits: EngineLimits,
        services: Services,
        runs: RunRegistry,
        policy: RunPolicy,
        keys: KeyCache | None = None,
        credits: CreditLedger | None = None,
        liveness: Liveness | None = None,
    ) -> None:
        self._factory = factory
        self._registry = registry
        self._limits = limits
        self._runs = runs
        self._policy = policy
        self._credits = credits or CreditLedger(factory)
        self._executor = Executor(limits, services)
        self._compiled: OrderedDict[str, tuple[Release, CompiledGraph]] = OrderedDict()
        self._hidden: dict[str, frozenset[str]] = {}
        self._keys = keys
        self._live: dict[str, Run] = {}
        self._rows = RunRows(
            factory, self._row_written, running_after=RUNNING_ROW_DELAY, interval=ROW_FLUSH_SECONDS, liveness=liveness
        )
        self._starting: set[str] = set()

    def use_apps(self, apps: AppRunner) -> None:
        """Let agent blocks call published apps (wired after construction: apps run through us)."""
        self._executor.services = replace(self._executor.services, apps=apps)

    def _internal(self, deployment_id: str, compiled: CompiledGraph) -> frozenset[str]:
        """internal_blocks(compiled), computed once per deployment (snapshots are immutable)."""
        hidden = self._hidden.get(deployment_id)
        if hidden is None:
            if len(self._hidden) > 1024:
                self._hidden.clear()
            hidden = self._hidden[deployment_id] = internal_blocks(compiled)
        return hidden

    def forget_deployment(self, deployment_id: str) -> None:
        """Drop a cached deployment (it was retired)."""
        self._compiled.pop(deployment_id, None)

    def _deadline(self, requested: float | None) -> float:
        if requested is None:
            return self._policy.default_timeout_seconds
        if math.isnan(requested) or requested <= 0:
            raise InvalidArgument("timeout must be a positive number of seconds")
        return min(requested, self._policy.max_timeout_seconds)

    # -- resolving what to run ----------------------------------------------------------

    async def _resolve(self, uow: UnitOfWork, target: RunTarget) -> tuple[Release, dict[str, str]]:
        """The release to run, and path parameters (for router-tree endpoints)."""
        if target.alias:
            alias = await uow.aliases.get(target.alias)
            if alias is None:
                raise AliasNotFound(target.alias)
            candidates = [(parse_semver(r.version), r) for r in await uow.releases.list_document(alias.document_id)]
            version = newest_matching(target.version, candidates)
            if version is None:
                raise VersionNotFound(target.version)
            found = match_route(version.routes, target.method, target.path)
            if found is None:
                raise EndpointNotFound(target.method.upper(), "/" + target.path.strip("/"))
            route, params = found
            if route.deployment_id is None or not route.deployment_id:
                raise EndpointWithoutDeployment(route.name or route.path)
            release = await uow.releases.get(route.deployment_id)
            if release.retired_at is not None:
                raise DeploymentNotFound()
            return release, params
        if target.deployment_id:
            release = await uow.releases.get(target.deployment_id)
            if not target.version:
                if release.retired_at is not None:
                    raise DeploymentNotFound()
                return release, {}
            document_id = release.document_id
        elif target.document_id:
            document_id = target.document_id
        else:
            raise InvalidArgument("a deployment id or a document id is required")
        candidates = [(parse_semver(r.version), r) for r in await uow.releases.list_document(document_id)]
        chosen = newest_matching(target.version, candidates)
        if chosen is None:
            raise DeploymentNotFound()
        return chosen, {}

    async def _deployment(self, target: RunTarget) -> tuple[Release, CompiledGraph, dict[str, str]]:
        """The release to run and its compiled graph. Snapshots are immutable, so a verified,
        compiled one is kept (LRU) and a run by deployment id needs no database round trip."""
        if target.deployment_id and not target.version:
            hit = self._compiled.get(target.deployment_id)
            if hit is not None:
                self._compiled.move_to_end(target.deployment_id)
                return (*hit, {})
        async with UnitOfWork(self._factory) as uow:
            release, params = await self._resolve(uow, target)
            hit = self._compiled.get(release.deployment_id)
            if hit is not None:
                return (*hit, params)
            release, snapshot = await uow.releases.get_with_snapshot(release.deployment_id)
        graph_json = snapshot.get("graph") if snapshot else None
        if not isinstance(graph_json, dict) or content_hash(snapshot) != release.content_hash:
            raise InvalidSnapshot()
        compiled = await compile_graph_off_loop(Graph.from_json(graph_json), self._registry, self._limits)
        self._compiled[release.deployment_id] = (release, compiled)
        if len(self._compiled) > 512:
            self._compiled.popitem(last=False)
        return release, compiled, params

    # -- starting -----------------------------------------------------------------------

    async def authenticate(self, authorization: str | None, *, schedule_tokens: bool = False) -> Principal:
        if self._keys is not None and authorization:  # a recently verified key: no session at all
            token = authorization.strip().partition(" ")[2].strip()
            if token.startswith(KEY_PREFIX) and (known := self._keys.get(hash_key(token))) is not None:
                return known
        async with UnitOfWork(self._factory) as uow:
            return await ApiKeyAuthenticator(uow, self._keys).authenticate(
                authorization, schedule_tokens=schedule_tokens
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
    ) -> RunHandle:
        """Start a run for an already authenticated caller."""
        if len(idempotency_key) > 200:
            raise InvalidArgument("an idempotency key has at most 200 characters")
        fingerprint = ""
        if idempotency_key:
            fingerprint = request_fingerprint(target, inputs, {"timeout": timeout_seconds})
            earlier = await self._replay(principal, idempotency_key, fingerprint)
            if earlier is not None:
                return earlier
        deadline = self._deadline(timeout_seconds)
        release, compiled, params = await self._deployment(target)
        if principal.is_schedule:
            if release.deployment_id != principal.schedule_deployment_id:
                raise DeploymentMismatch()
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
        channel = self._runs.open(run.id)
        self._live[run.id] = run
        self._starting.discard(run.id)
        spec = RunSpec(run.id, release.document_id, release.deployment_id, release.version, deadline, principal.team_id)
        task = self._runs.start(run.id, self._execute(compiled, spec, values, channel, run))
        task.add_done_callback(lambda t: self._task_done(run, t))  # also if it never got to run
        return RunHandle(run.id, release, channel, self._internal(release.deployment_id, compiled))

    async def _replay(self, principal: Principal, key: str, fingerprint: str) -> RunHandle | None:
        async with UnitOfWork(self._factory) as uow:
            found = await uow.idempotency.find(principal.team_id, key)
        if found is None:
            return None
        stored_fingerprint, run_id = found
        if stored_fingerprint != fingerprint:
            raise IdempotencyConflict()
        return await self._handle_of(run_id)

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
        channel = self._runs.get(run_id)
        run = await self._current(run_id)
        async with UnitOfWork(self._factory) as uow:
            release = await uow.releases.get(run.deployment_id)
        if channel is None:
            channel = stored_channel(run, release)
        return RunHandle(run_id, release, channel, await self._hidden_of(run.deployment_id), resumed=True)

    async def close(self) -> None:
        """Write what is queued (run rows, charges) and give unused leased credits back
        (on shutdown, after the runs have ended)."""
        await self._rows.close()
        await self.return_leases()

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

    # -- executing ----------------------------------------------------------------------

    async def _execute(
        self, compiled: CompiledGraph, spec: RunSpec, inputs: dict[str, JSONValue], channel: RunChannel, run: Run
    ) -> None:
        # Neither the first nor the last event waits for the database: run rows are
        # queued and written in batches (RunRows). Until a finished run's row is written
        # GetRun answers from memory (self._live): a caller that saw the end of the stream
        # always finds the result.
        self._live[run.id] = run
        running_row = self._rows.started(run)
        ended = False
        try:
            completed = await self._executor.run(compiled, spec, inputs, channel.append)
            finished = self._finished(run, completed)
            self._live[run.id] = finished
            channel.append(completed)
            self._credits.charge(run.caller_team_id, run.id, completed)
            self._rows.finished(finished)
            ended = True
            if self._rows.backlog >= MAX_BACKLOG:  # the database is behind: wait for it
                await self._rows.flush()
        except Exception:
            log.exception("run %s: the server failed while running it", run.id)
        finally:
            running_row.cancel()
            if not ended:
                self._end_unfinished(run, channel, RunStatus.FAILED)
            channel.close()
            self._forget_live(run.id)

    def _task_done(self, run: Run, task: asyncio.Task[Any]) -> None:
        """A run's task ended; one cancelled before it ran never recorded an end."""
        if self._rows.is_open(run.id):
            self._end_unfinished(run, None, RunStatus.CANCELLED if task.cancelled() else RunStatus.FAILED)
        self._forget_live(run.id)

    def _end_unfinished(self, run: Run, channel: RunChannel | None, status: RunStatus) -> None:
        """End a run whose task stopped without recording its end, so that it is not left
        running (this process's heartbeat would keep it so): its stream gets the end, its
        row is written, its reservation is settled."""
        reason, message = UNFINISHED[status]
        elapsed = int((datetime.now(UTC) - run.created_at).total_seconds() * 1000)
        completed = RunCompleted(run.id, status, (), (), max(elapsed, 0), False, None, reason, message)
        if channel is not None and not channel.closed:
            channel.append(completed)
        finished = self._finished(run, completed)
        self._live[run.id] = finished
        self._credits.charge(run.caller_team_id, run.id, completed)
        self._rows.finished(finished)

    def _forget_live(self, run_id: str) -> None:
        if not self._rows.unwritten(run_id):  # else kept until its row is written
            self._live.pop(run_id, None)

    def _row_written(self, run_id: str) -> None:
        self._live.pop(run_id, None)  # the store answers for it now

    @staticmethod
    def _finished(run: Run, completed: RunCompleted) -> Run:
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

    # -- reading, re-attaching, cancelling ----------------------------------------------------

    async def get(self, authorization: str | None, run_id: str) -> Run:
        principal = await self.authenticate(authorization)
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
        if principal.team_id not in (run.team_id, run.caller_team_id):
            raise NotFound(f"Run {run_id!r} not found")
        return run

    async def watch(self, authorization: str | None, run_id: str, after_seq: int = 0) -> RunChannel:
        """The run's event log, to replay and follow (caller's or owner's team only). When
        its events are no longer kept (or its process died), what the store knows: its
        end, numbered after `after_seq`."""
        principal = await self.authenticate(authorization)
        run = await self._readable(principal, run_id)
        channel = self._runs.get(run_id)
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
        return await self._hidden_of(deployment_id)

    async def _hidden_of(self, deployment_id: str) -> frozenset[str]:
        hidden = self._hidden.get(deployment_id)
        if hidden is None:
            _release, compiled, _params = await self._deployment(RunTarget(deployment_id=deployment_id))
            hidden = self._internal(deployment_id, compiled)
        return hidden

    async def cancel(self, authorization: str | None, run_id: str) -> RunStatus:
        """Ask a run to stop; its stream ends with a cancelled run_completed. The status the
        run had when asked (RUNNING: cancellation is under way)."""
        run = await self.get(authorization, run_id)
        if run.status is RunStatus.RUNNING and self._runs.cancel(run_id):
            return RunStatus.RUNNING
        return run.status
