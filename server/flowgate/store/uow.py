"""Unit of work: one transaction, with a repository per aggregate."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from flowgate.store.aliases import AliasRepository
from flowgate.store.api_keys import ApiKeyRepository
from flowgate.store.app_runs import AppRunRepository
from flowgate.store.data_sources import DataSourceRepository
from flowgate.store.executions import ExecutionRepository
from flowgate.store.idempotency import IdempotencyRepository
from flowgate.store.memberships import MembershipRepository
from flowgate.store.releases import ReleaseRepository
from flowgate.store.runs import RunRepository
from flowgate.store.schedules import ScheduleRepository
from flowgate.store.teams import TeamRepository
from flowgate.store.uploads import UploadRepository
from flowgate.store.users import UserRepository
from flowgate.store.workflows import WorkflowRepository

SessionFactory = async_sessionmaker[AsyncSession]


class UnitOfWork:
    """`async with uow:` opens a transaction; `commit()` makes it durable; leaving without
    committing rolls back, so a failed use case leaves nothing half-written."""

    teams: TeamRepository
    api_keys: ApiKeyRepository
    workflows: WorkflowRepository
    releases: ReleaseRepository
    runs: RunRepository
    aliases: AliasRepository
    schedules: ScheduleRepository
    idempotency: IdempotencyRepository
    users: UserRepository
    members: MembershipRepository
    executions: ExecutionRepository
    data_sources: DataSourceRepository
    app_runs: AppRunRepository
    uploads: UploadRepository

    def __init__(self, factory: SessionFactory) -> None:
        self._factory = factory
        self._session: AsyncSession | None = None

    async def __aenter__(self) -> UnitOfWork:
        session = self._factory()
        self._session = session
        self.teams = TeamRepository(session)
        self.api_keys = ApiKeyRepository(session)
        self.workflows = WorkflowRepository(session)
        self.releases = ReleaseRepository(session)
        self.runs = RunRepository(session)
        self.aliases = AliasRepository(session)
        self.schedules = ScheduleRepository(session)
        self.idempotency = IdempotencyRepository(session)
        self.users = UserRepository(session)
        self.members = MembershipRepository(session)
        self.executions = ExecutionRepository(session)
        self.data_sources = DataSourceRepository(session)
        self.app_runs = AppRunRepository(session)
        self.uploads = UploadRepository(session)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._session is None:
            raise RuntimeError("the unit of work is used outside `async with`")
        try:
            # close() rolls back what was not committed (the pool resets the connection on
            # its return): one round trip, not a rollback and then a reset.
            await self._session.close()
        finally:
            self._session = None

    async def commit(self) -> None:
        if self._session is None:
            raise RuntimeError("the unit of work is used outside `async with`")
        await self._session.commit()
