"""Running released apps: authorize, resolve the release, check inputs, start the engine."""

from __future__ import annotations

import asyncio
import logging
import math
import uuid
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from flowgate.app.releases import content_hash
from flowgate.auth.keys import ApiKeyAuthenticator, KeyCache
from flowgate.domain.errors import DeploymentNotFound, InvalidArgument, InvalidSnapshot, NotFound, PrivateApp
from flowgate.domain.events import RunCompleted
from flowgate.domain.models import Graph, JSONValue, Principal, Release, Run, RunStatus, Visibility
from flowgate.domain.versions import newest_matching, parse_semver
from flowgate.engine.blocks import BlockRegistry
from flowgate.engine.executor import Executor, RunSpec
from flowgate.engine.graph import CompiledGraph, compile_graph
from flowgate.engine.limits import EngineLimits
from flowgate.engine.services import AppRunner, Services
from flowgate.runtime.eventlog import RunChannel
from flowgate.runtime.registry import RunRegistry
from flowgate.store.uow import SessionFactory, UnitOfWork

log = logging.getLogger(__name__)


RUNNING_ROW_DELAY = 1.0
"""Seconds a run runs before its "running" row is written (quick runs are written once)."""


@dataclass(frozen=True, slots=True)
class RunPolicy:
    default_timeout_seconds: float
    max_timeout_seconds: float
    max_input_bytes: int = 1_000_000


@dataclass(frozen=True, slots=True)
class RunTarget:
    """Which released app to run: a deployment id, or a document id plus version selector."""

    deployment_id: str = ""
    document_id: str = ""
    version: str = ""


@dataclass(frozen=True, slots=True)
class RunHandle:
    run_id: str
    release: Release
    channel: RunChannel


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
    ) -> None:
        self._factory = factory
        self._registry = registry
        self._limits = limits
        self._runs = runs
        self._policy = policy
        self._executor = Executor(limits, services)
        self._compiled: OrderedDict[str, tuple[Release, CompiledGraph]] = OrderedDict()
        self._keys = keys
        self._live: dict[str, Run] = {}

    def _deadline(self, requested: float | None) -> float:
        if requested is None:
            return self._policy.default_timeout_seconds
        if math.isnan(requested) or requested <= 0:
            raise InvalidArgument("timeout must be a positive number of seconds")
        return min(requested, self._policy.max_timeout_seconds)

    async def _resolve(self, uow: UnitOfWork, target: RunTarget) -> Release:
        if target.deployment_id:
            release = await uow.releases.get(target.deployment_id)
            if not target.version:
                return release
            document_id = release.document_id
        elif target.document_id:
            document_id = target.document_id
        else:
            raise InvalidArgument("a deployment id or a document id is required")
        candidates = [(parse_semver(r.version), r) for r in await uow.releases.list_document(document_id)]
        chosen = newest_matching(target.version, candidates)
        if chosen is None:
            raise DeploymentNotFound()
        return chosen

    async def _deployment(self, target: RunTarget) -> tuple[Release, CompiledGraph]:
        """The release to run and its compiled graph. Snapshots are immutable, so a verified,
        compiled one is kept (LRU) and a run by deployment id needs no database round trip."""
        if target.deployment_id and not target.version:
            hit = self._compiled.get(target.deployment_id)
            if hit is not None:
                self._compiled.move_to_end(target.deployment_id)
                return hit
        async with UnitOfWork(self._factory) as uow:
            release = await self._resolve(uow, target)
            hit = self._compiled.get(release.deployment_id)
            if hit is not None:
                return hit
            release, snapshot = await uow.releases.get_with_snapshot(release.deployment_id)
        graph_json = snapshot.get("graph") if snapshot else None
        if not isinstance(graph_json, dict) or content_hash(snapshot) != release.content_hash:
            raise InvalidSnapshot()
        compiled = compile_graph(Graph.from_json(graph_json), self._registry, self._limits)
        self._compiled[release.deployment_id] = (release, compiled)
        if len(self._compiled) > 512:
            self._compiled.popitem(last=False)
        return release, compiled

    def use_apps(self, apps: AppRunner) -> None:
        """Let agent blocks call published apps (wired after construction: apps run through us)."""
        self._executor.services = replace(self._executor.services, apps=apps)

    async def start(
        self,
        authorization: str | None,
        target: RunTarget,
        inputs: Mapping[str, JSONValue],
        timeout_seconds: float | None = None,
    ) -> RunHandle:
        async with UnitOfWork(self._factory) as uow:
            principal = await ApiKeyAuthenticator(uow, self._keys).authenticate(authorization)
        return await self.start_as(principal, target, inputs, timeout_seconds)

    async def start_as(
        self,
        principal: Principal,
        target: RunTarget,
        inputs: Mapping[str, JSONValue],
        timeout_seconds: float | None = None,
    ) -> RunHandle:
        """Start a run for an already authenticated caller."""
        deadline = self._deadline(timeout_seconds)
        release, compiled = await self._deployment(target)
        if release.visibility is Visibility.PRIVATE and release.team_id != principal.team_id:
            raise PrivateApp()
        values = self._executor.prepare_inputs(compiled, inputs)
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
        channel = self._runs.open(run.id)
        spec = RunSpec(run.id, release.document_id, release.deployment_id, release.version, deadline, principal.team_id)
        self._runs.start(run.id, self._execute(compiled, spec, values, channel, run))
        return RunHandle(run.id, release, channel)

    async def _execute(
        self, compiled: CompiledGraph, spec: RunSpec, inputs: dict[str, JSONValue], channel: RunChannel, run: Run
    ) -> None:
        # Neither the first nor the last event waits for the database. A run still going
        # after RUNNING_ROW_DELAY gets its "running" row then; every run's result is written
        # right after `run_completed` is published (one insert for a quick run). Until then
        # GetRun answers from memory (self._live): a caller that saw the end of the stream
        # always finds the result.
        self._live[run.id] = run
        writing = asyncio.Event()  # set once the running row's insert has begun
        running_row = asyncio.create_task(self._insert_later(run, RUNNING_ROW_DELAY, writing))
        try:
            completed = await self._executor.run(compiled, spec, inputs, channel.append)
            finished = self._finished(run, completed)
            self._live[run.id] = finished
            channel.append(completed)
            if not writing.is_set():  # a quick run: one insert of the finished run
                running_row.cancel()
                await self._insert(finished)
            elif await running_row:
                await self._persist(finished)
        finally:
            if not running_row.done():
                running_row.cancel()
            channel.close()
            self._live.pop(run.id, None)

    async def _insert_later(self, run: Run, delay: float, writing: asyncio.Event) -> bool:
        await asyncio.sleep(delay)
        writing.set()
        return await self._insert(run)

    async def _insert(self, run: Run) -> bool:
        try:
            async with UnitOfWork(self._factory) as uow:
                await uow.runs.add(run)
                await uow.commit()
        except Exception:
            log.exception("could not store run %s", run.id)
            return False
        return True

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

    async def _persist(self, finished: Run) -> None:
        try:
            async with UnitOfWork(self._factory) as uow:
                await uow.runs.save_result(finished)
                await uow.commit()
        except Exception:
            log.exception("could not store the result of run %s", finished.id)

    async def cancel(self, authorization: str | None, run_id: str) -> RunStatus:
        """Ask a run to stop; its stream ends with a cancelled run_completed. The status the
        run had when asked (RUNNING: cancellation is under way)."""
        run = await self.get(authorization, run_id)
        if run.status is RunStatus.RUNNING and self._runs.cancel(run_id):
            return RunStatus.RUNNING
        return run.status

    async def get(self, authorization: str | None, run_id: str) -> Run:
        async with UnitOfWork(self._factory) as uow:
            principal = await ApiKeyAuthenticator(uow, self._keys).authenticate(authorization)
            run = self._live.get(run_id) or await uow.runs.get(run_id)
            if principal.team_id not in (run.team_id, run.caller_team_id):
                raise NotFound(f"Run {run_id!r} not found")
            return run
