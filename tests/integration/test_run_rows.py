"""Run rows written in batches, against a real store (SQLite, and PostgreSQL when available):
quick runs, long runs (running row, then the result), a batch the database refuses, shutdown."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncEngine

from flowgate.app.run_rows import RunRows
from flowgate.domain.errors import NotFound
from flowgate.domain.models import Run, RunStatus
from flowgate.store import migrate
from flowgate.store.db import create_engine, session_factory
from flowgate.store.uow import UnitOfWork
from tests.eventually import eventually
from tests.harness import fresh_postgres_database, require_postgres, sqlite_url

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest_asyncio.fixture(loop_scope="session", params=["sqlite", "postgres"])
async def engine(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    if request.param == "sqlite":
        url = sqlite_url(tmp_path)
    else:  # a database of its own: the shared one serves the session's stack
        url = await fresh_postgres_database(require_postgres(), "flowgate_test_rows")
    db = create_engine(url)
    await migrate.upgrade(db)
    try:
        yield db
    finally:
        await db.dispose()


def run_of(status: RunStatus = RunStatus.RUNNING) -> Run:
    now = datetime.now(UTC)
    return Run(
        id=str(uuid.uuid4()),
        deployment_id="dep",
        document_id="doc",
        team_id="team",
        caller_team_id="team",
        status=status,
        inputs={"text": "x"},
        created_at=now,
    )


def ended(run: Run, status: RunStatus = RunStatus.SUCCEEDED) -> Run:
    return replace(run, status=status, outputs={"answer": 42}, duration_ms=5, ended_at=datetime.now(UTC))


async def stored(db: AsyncEngine, run_id: str) -> Run | None:
    async with UnitOfWork(session_factory(db)) as uow:
        try:
            return await uow.runs.get(run_id)
        except NotFound:
            return None


async def test_quick_and_long_runs_are_written_in_one_batch(engine: AsyncEngine) -> None:
    written: list[str] = []
    rows = RunRows(session_factory(engine), written.append, running_after=0.01, interval=60)
    quick, long, early = run_of(), run_of(), run_of()

    quick_timer = rows.started(quick)
    quick_timer.cancel()  # ended before its running row was due
    rows.finished(ended(quick))

    rows.started(long)
    early_timer = rows.started(early)
    await eventually(lambda: rows.backlog == 3)  # the quick run's row and both running rows are queued
    early_timer.cancel()
    rows.finished(ended(early, RunStatus.FAILED))  # ended before its running row was written
    await rows.flush()
    assert sorted(written) == sorted([quick.id, early.id])
    assert rows.unwritten(long.id) is False
    got_quick, got_early, got_long = [await stored(engine, r.id) for r in (quick, early, long)]
    assert got_quick is not None
    assert (got_quick.status, got_quick.outputs) == (RunStatus.SUCCEEDED, {"answer": 42})
    assert got_early is not None
    assert got_early.status is RunStatus.FAILED  # one insert of the finished row
    assert got_long is not None
    assert got_long.status is RunStatus.RUNNING

    rows.finished(ended(long))  # its running row is stored: an update
    assert rows.unwritten(long.id)
    await rows.close()
    got_long = await stored(engine, long.id)
    assert got_long is not None
    assert (got_long.status, got_long.duration_ms) == (RunStatus.SUCCEEDED, 5)
    assert long.id in written
    assert rows.backlog == 0


async def test_a_row_the_database_refuses_does_not_cost_the_others(engine: AsyncEngine) -> None:
    written: list[str] = []
    rows = RunRows(session_factory(engine), written.append, interval=60)
    duplicate, fine = ended(run_of()), ended(run_of())
    async with UnitOfWork(session_factory(engine)) as uow:  # a row with that id exists already
        await uow.runs.add(duplicate)
        await uow.commit()
    rows.finished(replace(duplicate, outputs={"other": True}))
    rows.finished(fine)
    await rows.flush()  # the batch fails on the duplicate; each row is then tried alone
    assert await stored(engine, fine.id) is not None
    kept = await stored(engine, duplicate.id)
    assert kept is not None
    assert kept.outputs == {"answer": 42}  # the refused row changed nothing
    assert sorted(written) == sorted([duplicate.id, fine.id])  # nothing is retried forever
    assert rows.backlog == 0


async def test_rows_queued_while_a_batch_is_written_go_out_next(engine: AsyncEngine) -> None:
    rows = RunRows(session_factory(engine), lambda _id: None, interval=0.01)
    first = ended(run_of())
    rows.finished(first)
    await eventually(lambda: rows.backlog == 0)
    second = ended(run_of())
    rows.finished(second)  # no other run will come along: it must be written anyway
    await eventually(lambda: not rows.unwritten(second.id))
    assert await stored(engine, second.id) is not None
