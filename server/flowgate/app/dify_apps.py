"""Apps as Dify's Workflow App API sees them: an app key selects one app (a document);
a run runs its newest published release or one named release, for an end user the
caller names, numbered per app; runs are read, stopped and listed per app."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from flowgate.app.release_resolver import RunTarget
from flowgate.app.runs import RunHandle, RunUseCases
from flowgate.domain.errors import (
    AppUnavailable,
    DraftRelease,
    MalformedId,
    NotFound,
    ReleaseNotFound,
    TooManyActiveRuns,
    Unauthenticated,
)
from flowgate.domain.models import Graph, JSONValue, Principal, Release, Run, RunStatus
from flowgate.domain.queries import RunFilter
from flowgate.store.uow import SessionFactory, UnitOfWork

INVALID_KEY = "Access token is invalid"


@dataclass(frozen=True, slots=True)
class AppRun:
    """A started run, with what the family's events show beyond the run's own events."""

    handle: RunHandle
    run: Run
    graph: Graph
    sequence_number: int


@dataclass(frozen=True, slots=True)
class AppInfo:
    """The app as its newest published release shows it."""

    name: str
    description: str
    author_name: str
    """The owning team's name."""
    graph: Graph


@dataclass(frozen=True, slots=True)
class LogEntry:
    run: Run
    version: str
    """The version of the release the run ran."""
    hidden: frozenset[str]
    """Internal blocks of that release (not counted as steps)."""


@dataclass(frozen=True, slots=True)
class LogPage:
    entries: list[LogEntry]
    total: int


def _uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


class ActiveRuns:
    """The runs of each app going on this replica, capped at `limit` per app (0: no cap).
    A run counts from before it starts until its log ends, whoever follows it."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._going: dict[str, int] = {}
        self._watchers: set[asyncio.Task[None]] = set()

    def admit(self, document_id: str) -> None:
        if self.limit and self._going.get(document_id, 0) >= self.limit:
            raise TooManyActiveRuns(self.limit)
        self._going[document_id] = self._going.get(document_id, 0) + 1

    def release(self, document_id: str) -> None:
        left = self._going.get(document_id, 0) - 1
        if left > 0:
            self._going[document_id] = left
        else:
            self._going.pop(document_id, None)

    def follow(self, document_id: str, handle: RunHandle) -> None:
        """Count the started run until its log ends."""

        async def until_done() -> None:
            try:
                async for _ in handle.channel.subscribe():
                    pass
            finally:
                self.release(document_id)

        task = asyncio.get_running_loop().create_task(until_done())
        self._watchers.add(task)
        task.add_done_callback(self._watchers.discard)

    def going(self, document_id: str) -> int:
        return self._going.get(document_id, 0)


class DifyApps:
    def __init__(self, factory: SessionFactory, runs: RunUseCases, *, max_active_runs: int = 0) -> None:
        self._factory = factory
        self._runs = runs
        self.active = ActiveRuns(max_active_runs)

    async def app_of(self, authorization: str | None) -> Principal:
        """The caller, who must hold an app key (a team key selects no app)."""
        principal = await self._runs.authenticate(authorization)
        if not principal.app_document_id:
            raise Unauthenticated(INVALID_KEY)
        return principal

    @staticmethod
    async def _newest(uow: UnitOfWork, document_id: str) -> Release:
        releases = await uow.releases.list_document(document_id)
        if not releases:
            raise AppUnavailable()
        return releases[0]

    @staticmethod
    async def _pinned(uow: UnitOfWork, document_id: str, deployment_id: str) -> Release:
        """The app's published release `deployment_id`; a draft's id (the app's document or
        workflow id) or a malformed id is a bad request, any other id unknown."""
        if not _uuid(deployment_id):
            raise MalformedId(f"Invalid workflow_id format: '{deployment_id}'")
        releases = await uow.releases.list_document(document_id, live_only=False)
        if deployment_id == document_id or deployment_id in {r.workflow_id for r in releases}:
            raise DraftRelease(deployment_id)
        for release in releases:
            if release.deployment_id == deployment_id and release.retired_at is None:
                return release
        raise ReleaseNotFound(deployment_id)

    async def start(
        self, principal: Principal, inputs: Mapping[str, JSONValue], user: str, *, deployment_id: str = ""
    ) -> AppRun:
        """Start a run of the caller's app: its newest published release, or the one named."""
        document_id = principal.app_document_id
        async with UnitOfWork(self._factory) as uow:
            if deployment_id:
                release = await self._pinned(uow, document_id, deployment_id)
            else:
                release = await self._newest(uow, document_id)
        target = RunTarget(deployment_id=release.deployment_id)
        self.active.admit(document_id)
        try:
            handle = await self._runs.start_as(principal, target, inputs, end_user=user)
        except BaseException:
            self.active.release(document_id)
            raise
        self.active.follow(document_id, handle)
        resolved = await self._runs.resolver.resolve(target)  # compiled and kept by the start
        async with UnitOfWork(self._factory) as uow:
            number = await uow.app_runs.next_sequence(document_id)
            await uow.commit()
        if handle.run is None:  # only a re-attach has none, and this start takes no key
            raise RuntimeError("a started run has no run")
        return AppRun(handle, handle.run, resolved.compiled.graph, number)

    async def run(self, principal: Principal, run_id: str) -> tuple[Run, frozenset[str]]:
        """A run of the caller's app and its release's internal blocks."""
        run = await self._runs.get_as(principal, run_id)
        return run, await self._runs.resolver.hidden(run.deployment_id)

    async def stop(self, principal: Principal, run_id: str, user: str) -> None:
        """Stop a run of the caller's app started for `user`. Whatever the run is (unknown,
        ended, another end user's), nothing is said: the caller learns nothing of it."""
        try:
            run = await self._runs.get_as(principal, run_id)
        except NotFound:
            return
        if run.end_user == user and run.status is RunStatus.RUNNING:
            await self._runs.cancel_run(run)

    async def logs(
        self,
        principal: Principal,
        where: RunFilter,
        page: int,
        limit: int,
    ) -> LogPage:
        """The app's runs, newest first: page `page` (from 1) of `limit` entries."""
        await self._runs.write_rows()
        async with UnitOfWork(self._factory) as uow:
            runs, total = await uow.app_runs.page(
                principal.app_document_id, principal.team_id, where, (page - 1) * limit, limit
            )
            versions: dict[str, str] = {}
            for run in runs:
                if run.deployment_id not in versions:
                    versions[run.deployment_id] = (await uow.releases.get(run.deployment_id)).version
        hidden = {d: await self._runs.resolver.hidden(d) for d in versions}
        return LogPage([LogEntry(r, versions[r.deployment_id], hidden[r.deployment_id]) for r in runs], total)

    async def info(self, principal: Principal) -> AppInfo:
        """The caller's app as its newest published release shows it."""
        async with UnitOfWork(self._factory) as uow:
            release = await self._newest(uow, principal.app_document_id)
            _, snapshot = await uow.releases.get_with_snapshot(release.deployment_id)
            team = await uow.teams.get(release.team_id)
        resolved = await self._runs.resolver.resolve(RunTarget(deployment_id=release.deployment_id))
        name = snapshot.get("name") if snapshot else None
        description = snapshot.get("description") if snapshot else None
        return AppInfo(
            name if isinstance(name, str) else "",
            description if isinstance(description, str) else "",
            team.name,
            resolved.compiled.graph,
        )
