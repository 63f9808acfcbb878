"""Cron schedules: creating them (cron checks, tokens stored hashed), the scheduler running
due ones exactly once across replicas, as the schedule — on SQLite and PostgreSQL.

Schedules here fire on leap days ("0 0 29 2 *"), and `run_due` is called with a `now`
past that slot: the servers' own background schedulers (real time) leave them alone."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import grpc
import httpx
import pytest
import pytest_asyncio
from sqlalchemy import func, select

from flowgate.app.scheduler import Scheduler
from flowgate.app.schedules import as_utc, next_fire
from flowgate.auth.keys import hash_key
from flowgate.domain.errors import DeploymentNotFound, InvalidArgument, NotFound
from flowgate.domain.models import Run, RunStatus, Schedule
from flowgate.store.db import create_engine, session_factory
from flowgate.store.tables import RunRow, ScheduleRow
from flowgate.store.uow import UnitOfWork
from flowgate.v1 import execution_pb2, execution_service_pb2, execution_service_pb2_grpc, release_service_pb2
from flowgate.v1 import release_service_pb2_grpc as release_grpc
from tests.eventually import eventually
from tests.harness import GREETER, Stack

pytestmark = pytest.mark.asyncio(loop_scope="session")

LEAP_DAY = "0 0 29 2 *"


@dataclass
class Team:
    name: str
    id: str
    key: str
    deployment_id: str


@pytest_asyncio.fixture(loop_scope="session")
async def team(stack: Stack) -> AsyncIterator[Team]:
    """A fresh team with a private greeter deployment; its schedules are deleted afterwards
    (so no other test's `run_due` finds them due)."""
    name = f"sched-{uuid.uuid4().hex[:8]}"
    release = await stack.publish(GREETER, team=name, public=False)
    found = await stack.server.teams.ensure_team(name)
    yield Team(name, found.id, await stack.key(name), release.deployment_id)
    for schedule in await stack.server.schedules.list(name):
        await stack.server.schedules.delete(name, schedule.id)


async def create(
    stack: Stack,
    team: Team,
    cron: str = LEAP_DAY,
    *,
    name: str = "",
    inputs: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> tuple[Schedule, str]:
    """A schedule of the team's deployment (inputs: {"text": "cron"} unless given)."""
    values = {"text": "cron"} if inputs is None else inputs
    return await stack.server.schedules.create(team.name, team.deployment_id, cron, name=name, inputs=values, now=now)


async def finished(stack: Stack, run_id: str) -> Run:
    """The stored run, once it has ended (runs are written when they end)."""
    factory = session_factory(stack.server.db)

    async def ended() -> Run | None:
        try:
            async with UnitOfWork(factory) as uow:
                run = await uow.runs.get(run_id)
        except NotFound:
            return None
        return run if run.status is not RunStatus.RUNNING else None

    return await eventually(ended, timeout=30)


async def stored_runs(stack: Stack, deployment_id: str) -> int:
    async with session_factory(stack.server.db)() as session:
        result = await session.execute(
            select(func.count()).select_from(RunRow).where(RunRow.deployment_id == deployment_id)
        )
        return int(result.scalar_one())


async def reload(stack: Stack, team: Team, schedule_id: str) -> Schedule:
    return await stack.server.schedules.get(team.name, schedule_id)


def after(schedule: Schedule) -> datetime:
    """A moment just past the schedule's next slot."""
    assert schedule.next_run_at is not None
    return as_utc(schedule.next_run_at) + timedelta(seconds=1)


# -- creating --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cron",
    ["*/5 * * *", "* * * * * *", "", "61 * * * *", "* 25 * * *", "every minute", "* * 31 2 *"],
)
async def test_create_checks_the_cron_expression(stack: Stack, team: Team, cron: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        await create(stack, team, cron)
    assert caught.value.message.startswith("cron: ")
    assert [v.field for v in caught.value.violations] == ["cron"]
    assert await stack.server.schedules.list(team.name) == []


async def test_create_needs_a_live_deployment_of_the_team(stack: Stack, team: Team) -> None:
    other = await stack.publish(GREETER, team=f"other-{uuid.uuid4().hex[:6]}", public=True)
    with pytest.raises(DeploymentNotFound):
        await stack.server.schedules.create(team.name, other.deployment_id, LEAP_DAY)
    with pytest.raises(DeploymentNotFound):
        await stack.server.schedules.create(team.name, str(uuid.uuid4()), LEAP_DAY)
    with pytest.raises(NotFound):
        await stack.server.schedules.create("no-such-team", team.deployment_id, LEAP_DAY)
    with pytest.raises(InvalidArgument, match="inputs"):
        await stack.server.schedules.create(team.name, team.deployment_id, LEAP_DAY, inputs=[1])  # type: ignore[arg-type]

    retiring = await stack.publish(GREETER, team=team.name, version="2.0.0")
    await release_grpc.ReleaseServiceStub(stack.channel).RetireRelease(
        release_service_pb2.RetireReleaseRequest(deployment_id=retiring.deployment_id),
        metadata=(("authorization", f"Bearer {team.key}"),),
    )
    with pytest.raises(DeploymentNotFound):
        await stack.server.schedules.create(team.name, retiring.deployment_id, LEAP_DAY)


async def test_the_token_is_shown_once_and_only_its_hash_is_stored(stack: Stack, team: Team) -> None:
    before = datetime.now(UTC)
    schedule, token = await create(stack, team, "  0  0 29 2 *  ", name="leap day")
    assert token.startswith("st-")
    assert len(token) > 40
    assert schedule.token_prefix == token[:10]
    assert schedule.cron == LEAP_DAY
    assert schedule.name == "leap day"
    assert schedule.enabled
    assert schedule.next_run_at == next_fire(LEAP_DAY, before)
    assert schedule.next_run_at is not None
    assert schedule.next_run_at.tzinfo is not None

    async with session_factory(stack.server.db)() as session:
        row = await session.get(ScheduleRow, schedule.id)
        assert row is not None
        assert row.token_hash == hash_key(token)
        stored = [getattr(row, c.key) for c in ScheduleRow.__table__.columns]
        assert not any(token in str(value) for value in stored)

    listed = await stack.server.schedules.list(team.name)
    assert [s.id for s in listed] == [schedule.id]
    assert token not in repr(listed)


# -- running ---------------------------------------------------------------------------------


async def test_run_due_starts_one_run_as_the_schedule_and_moves_next_run_at(stack: Stack, team: Team) -> None:
    schedule, _token = await create(stack, team)
    now = after(schedule)

    started = await stack.server.scheduler.run_due(now)
    assert len(started) == 1
    run = await finished(stack, started[0])
    assert run.status is RunStatus.SUCCEEDED
    assert run.deployment_id == team.deployment_id
    assert run.team_id == team.id
    assert run.caller_team_id == team.id
    assert run.inputs == {"text": "cron"}
    assert run.outputs == {"greeting": "Hello, cron!"}

    moved = await reload(stack, team, schedule.id)
    assert moved.last_run_id == run.id
    assert moved.last_run_at is not None
    assert moved.next_run_at is not None
    assert as_utc(moved.next_run_at) == next_fire(LEAP_DAY, now)
    assert as_utc(moved.next_run_at) > now

    assert await stack.server.scheduler.run_due(now) == []  # the slot is spent
    assert await stored_runs(stack, team.deployment_id) == 1


async def test_the_run_is_readable_by_its_team_over_grpc_even_on_a_private_deployment(stack: Stack, team: Team) -> None:
    schedule, _token = await create(stack, team)
    [run_id] = await stack.server.scheduler.run_due(after(schedule))
    await finished(stack, run_id)

    stub = execution_service_pb2_grpc.ExecutionServiceStub(stack.channel)
    got = await stub.GetRun(
        execution_service_pb2.GetRunRequest(run_id=run_id), metadata=(("authorization", f"Bearer {team.key}"),)
    )
    assert got.run.deployment_id == team.deployment_id
    assert got.run.team_id == team.id
    assert got.run.status == execution_pb2.RUN_STATUS_SUCCEEDED

    stranger = await stack.key(f"stranger-{uuid.uuid4().hex[:6]}")
    with pytest.raises(grpc.aio.AioRpcError) as denied:
        await stub.GetRun(
            execution_service_pb2.GetRunRequest(run_id=run_id), metadata=(("authorization", f"Bearer {stranger}"),)
        )
    assert denied.value.code() == grpc.StatusCode.NOT_FOUND


async def test_two_replicas_run_one_slot_once(stack: Stack, team: Team) -> None:
    schedule, _token = await create(stack, team)
    replica = create_engine(stack.server.settings.database_url)  # its own connections
    try:
        other = Scheduler(session_factory(replica), stack.server.runs, interval_seconds=60)
        first = after(schedule)

        # A replica that read the schedule before another claimed the slot finds it claimed.
        stale = await reload(stack, team, schedule.id)
        started = await stack.server.scheduler.run_due(first)
        assert len(started) == 1
        assert await other.run_schedule(stale, first) is None

        # Both replicas at once, on the next slot: one of them runs it.
        second = after(await reload(stack, team, schedule.id))
        both = await asyncio.gather(stack.server.scheduler.run_due(second), other.run_due(second))
        assert sorted(len(ids) for ids in both) == [0, 1]
        for run_id in [*started, *both[0], *both[1]]:
            await finished(stack, run_id)
        assert await stored_runs(stack, team.deployment_id) == 2
    finally:
        await replica.dispose()


async def test_a_disabled_schedule_does_not_run(stack: Stack, team: Team) -> None:
    schedule, _token = await create(stack, team)
    now = after(schedule)
    disabled = await stack.server.schedules.disable(team.name, schedule.id)
    assert not disabled.enabled
    assert disabled.next_run_at is None
    assert await stack.server.scheduler.run_due(now) == []
    assert (await reload(stack, team, schedule.id)).last_run_id == ""

    enabled = await stack.server.schedules.enable(team.name, schedule.id, now=now)
    assert enabled.enabled
    assert enabled.next_run_at is not None
    assert as_utc(enabled.next_run_at) == next_fire(LEAP_DAY, now)
    [run_id] = await stack.server.scheduler.run_due(after(enabled))
    assert (await finished(stack, run_id)).status is RunStatus.SUCCEEDED


async def test_delete_and_unknown_schedules(stack: Stack, team: Team) -> None:
    schedule, _token = await create(stack, team)
    await stack.server.schedules.delete(team.name, schedule.id)
    assert await stack.server.schedules.list(team.name) == []
    for action in (stack.server.schedules.disable, stack.server.schedules.enable, stack.server.schedules.delete):
        with pytest.raises(NotFound):
            await action(team.name, schedule.id)


async def test_the_background_loop_runs_due_schedules_and_survives_failures(stack: Stack, team: Team) -> None:
    past = datetime(2020, 1, 1, tzinfo=UTC)
    good, _ = await create(stack, team, "*/5 * * * *", now=past)
    bad_inputs, _ = await create(stack, team, "*/5 * * * *", now=past, inputs={})  # "text" is required
    retiring = await stack.publish(GREETER, team=team.name, version="2.0.0")
    retired, _ = await stack.server.schedules.create(team.name, retiring.deployment_id, "*/5 * * * *", now=past)
    await release_grpc.ReleaseServiceStub(stack.channel).RetireRelease(
        release_service_pb2.RetireReleaseRequest(deployment_id=retiring.deployment_id),
        metadata=(("authorization", f"Bearer {team.key}"),),
    )

    # Whichever scheduler ticks first (this one, or the server's own) claims each slot.
    scheduler = Scheduler(session_factory(stack.server.db), stack.server.runs, interval_seconds=0.05)
    await scheduler.start()
    try:

        async def all_run() -> bool:  # each one's next slot is in the future
            states = [await reload(stack, team, s.id) for s in (good, bad_inputs, retired)]
            return all(s.next_run_at is not None and as_utc(s.next_run_at) > datetime.now(UTC) for s in states)

        async def good_ran() -> Schedule | None:
            ran = await reload(stack, team, good.id)
            return ran if ran.last_run_id else None

        await eventually(all_run, timeout=30)
        ran = await eventually(good_ran, timeout=30)
    finally:
        await scheduler.stop()
        await scheduler.stop()  # stopping twice is harmless

    assert ran.last_run_id
    assert (await finished(stack, ran.last_run_id)).outputs == {"greeting": "Hello, cron!"}
    refused = await reload(stack, team, bad_inputs.id)
    assert refused.last_run_id == ""
    assert refused.last_run_at is not None  # the slot was spent, and the loop went on
    assert (await reload(stack, team, retired.id)).last_run_id == ""


async def test_the_schedule_token_runs_its_own_deployment_over_http(stack: Stack, team: Team) -> None:
    schedule, token = await create(stack, team)
    other = await stack.publish(GREETER, team=team.name, version="3.0.0")
    body = '{"inputs": {"text": "token"}, "stream": false}'
    async with httpx.AsyncClient(base_url=stack.http_base, timeout=30) as client:
        headers = {"Authorization": f"Bearer {token}"}
        ok = await client.post(f"/api/released-app/{team.deployment_id}/run", content=body, headers=headers)
        assert ok.status_code == 200
        assert ok.json()["status"] == "success"
        mismatch = await client.post(f"/api/released-app/{other.deployment_id}/run", content=body, headers=headers)
        assert mismatch.status_code == 403
        await stack.server.schedules.disable(team.name, schedule.id)
        disabled = await client.post(f"/api/released-app/{team.deployment_id}/run", content=body, headers=headers)
        assert disabled.status_code == 401
