"""The operator commands of `flowgate`, run as a subprocess over a temporary SQLite
database: JSON on stdout, `error: …` on stderr with exit status 1 — and what they make
works in a server over the same database."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from google.protobuf import json_format

from flowgate.app.runs import RunTarget
from flowgate.app.schedules import as_utc
from flowgate.auth.keys import hash_key
from flowgate.domain.errors import FlowgateError
from flowgate.domain.events import RunCompleted
from flowgate.domain.models import Run, RunStatus, Visibility
from flowgate.store.db import session_factory
from flowgate.store.uow import UnitOfWork
from flowgate.v1 import execution_pb2
from tests.eventually import eventually
from tests.harness import GREETER, run_events, start_stack, stop_stack

pytestmark = pytest.mark.asyncio(loop_scope="session")


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        assert self.code == 0, self.err
        return json.loads(self.out)

    def failed(self) -> str:
        """The error message of a failed command (exit status 1, nothing on stdout)."""
        assert self.code == 1, (self.out, self.err)
        assert self.out == ""
        assert self.err.startswith("error: "), self.err
        return self.err.removeprefix("error: ").strip()


@dataclass
class Cli:
    workdir: Path
    database_url: str

    async def __call__(self, *args: str) -> Result:
        env = {
            **os.environ,
            "FLOWGATE_DATABASE_URL": self.database_url,
            "FLOWGATE_LOG_LEVEL": "WARNING",
            "FLOWGATE_LOG_FORMAT": "text",
        }
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "flowgate.cli",
            *args,
            cwd=self.workdir,  # no .env of the repository
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(proc.communicate(), timeout=60)
        assert proc.returncode is not None
        return Result(proc.returncode, out.decode(), err.decode())


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    workdir = tmp_path_factory.mktemp("cli")
    return Cli(workdir, f"sqlite+aiosqlite:///{workdir / 'flowgate.db'}")


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def team(cli: Cli) -> AsyncIterator[str]:
    name = f"ops-{uuid.uuid4().hex[:6]}"
    created = (await cli("teams", "create", name)).json()
    assert created["name"] == name
    yield name


def workflow_file(cli: Cli, doc: dict[str, Any], name: str = "greeter.json") -> str:
    path = cli.workdir / name
    path.write_text(json.dumps(doc))
    return str(path)


async def test_teams(cli: Cli, team: str) -> None:
    listed = (await cli("teams", "list")).json()
    [found] = [t for t in listed if t["name"] == team]
    assert set(found) == {"id", "name", "credits", "created_at"}
    assert found["credits"] == 1_000_000  # FLOWGATE_CREDITS_DEFAULT_TEAM
    assert "already exists" in (await cli("teams", "create", team)).failed()
    assert "1 to 200 characters" in (await cli("teams", "create", " ")).failed()


async def test_keys_are_shown_once_and_never_listed(cli: Cli, team: str) -> None:
    created = await cli("keys", "create", "--team", team, "--name", "ci")
    key = created.json()
    secret = key["key"]
    assert secret.startswith("wn-")
    assert key["name"] == "ci"
    assert key["prefix"] == secret[:10]
    assert "shown once" in created.err

    listed = await cli("keys", "list", "--team", team)
    assert secret not in listed.out
    assert hash_key(secret) not in listed.out
    [entry] = [k for k in listed.json() if k["id"] == key["id"]]
    assert entry == {
        "id": key["id"],
        "name": "ci",
        "prefix": secret[:10],
        "created_at": entry["created_at"],
        "revoked_at": None,
    }

    revoked = (await cli("keys", "revoke", "--team", team, key["id"])).json()
    assert revoked["id"] == key["id"]
    assert revoked["revoked_at"] is not None
    assert secret not in json.dumps(revoked)
    [entry] = [k for k in (await cli("keys", "list", "--team", team)).json() if k["id"] == key["id"]]
    assert entry["revoked_at"] == revoked["revoked_at"]

    assert "not found" in (await cli("keys", "revoke", "--team", team, str(uuid.uuid4()))).failed()
    assert (await cli("keys", "list", "--team", "no-such-team")).failed() == "Team 'no-such-team' not found"


async def test_credits(cli: Cli, team: str) -> None:
    shown = (await cli("credits", "show", "--team", team)).json()
    assert shown["team"] == team
    start = shown["balance"]
    assert {"kind": "grant", "amount": 1_000_000} in [
        {"kind": e["kind"], "amount": e["amount"]} for e in shown["ledger"]
    ]

    assert (await cli("credits", "add", "--team", team, "250")).json()["balance"] == start + 250
    assert (await cli("credits", "add", "--team", team, "-50")).json()["balance"] == start + 200
    shown = (await cli("credits", "show", "--team", team)).json()
    assert shown["balance"] == start + 200
    amounts = [e["amount"] for e in shown["ledger"]]
    assert 250 in amounts
    assert -50 in amounts
    assert all(e["created_at"].endswith("+00:00") for e in shown["ledger"])
    assert "not found" in (await cli("credits", "show", "--team", "no-such-team")).failed()


async def test_publish_errors(cli: Cli, team: str) -> None:
    good = workflow_file(cli, {"name": "Greeter", **GREETER})
    broken = cli.workdir / "broken.json"
    broken.write_text("{nodes")
    not_a_graph = workflow_file(cli, {"nodes": "start"}, "not-a-graph.json")
    invalid = workflow_file(cli, {"name": "Loose", "nodes": [{"id": "x", "type": "nope"}], "edges": []}, "bad.json")
    v1 = ("--version", "1.0.0")
    cases: list[tuple[list[str], str]] = [
        ([str(cli.workdir / "missing.json"), "--team", team, *v1], "cannot read"),
        ([str(broken), "--team", team, *v1], "is not JSON"),
        ([not_a_graph, "--team", team, *v1], "nodes must be a list"),
        ([good, "--team", team, "--version", "1.0"], "semantic version"),
        ([good, "--team", team, *v1, "--route", "FETCH /x"], "--route"),
        ([good, "--team", team, *v1, "--route", "GET"], "--route"),
        ([good, "--team", team, *v1, "--alias", "no spaces"], "--alias"),
        ([invalid, "--team", team, *v1], "nope"),
        ([good, "--team", "no-such-team", *v1], "not found"),
    ]
    results = await asyncio.gather(*(cli("publish", *args) for args, _ in cases))
    for (args, expected), result in zip(cases, results, strict=True):
        assert expected in result.failed(), args

    # The short-lived publishing keys are revoked, whatever happened.
    keys = (await cli("keys", "list", "--team", team)).json()
    assert all(k["revoked_at"] is not None for k in keys if k["name"] == "cli-publish")


async def test_published_app_and_schedule_run_in_a_server(cli: Cli, team: str) -> None:
    alias = f"greeter-{uuid.uuid4().hex[:6]}"
    path = workflow_file(cli, {"name": "Greeter", "description": "Greets the caller", **GREETER})
    release = (
        await cli(
            "publish",
            path,
            "--team",
            team,
            "--version",
            "1.2.3",
            "--public",
            "--alias",
            alias,
            "--route",
            "POST /greet",
            "--route",
            "get /greet/{text}",
        )
    ).json()
    assert release["version"] == "1.2.3"
    assert release["visibility"] == "public"
    assert release["alias"] == alias
    assert release["name"] == "Greeter"
    deployment = release["deployment_id"]
    assert [(r["method"], r["path"], r["deployment_id"]) for r in release["routes"]] == [
        ("POST", "/greet", deployment),
        ("GET", "/greet/{text}", deployment),
    ]
    private = (await cli("publish", path, "--team", team, "--version", "1.0.0", "--name", "Quiet")).json()
    assert private["visibility"] == "private"
    assert private["name"] == "Quiet"

    # schedules, end to end through the command
    bad = await cli("schedules", "create", "--team", team, "--deployment", deployment, "--cron", "*/5 * *")
    assert bad.failed().startswith("cron: expected 5 fields")
    bad_inputs = await cli(
        "schedules", "create", "--team", team, "--deployment", deployment, "--cron", "* * * * *", "--inputs", "[1"
    )
    assert bad_inputs.failed().startswith("--inputs")
    other_team = await cli(
        "schedules", "create", "--team", team, "--deployment", str(uuid.uuid4()), "--cron", "* * * * *"
    )
    assert other_team.failed() == "Deployment not found"
    created = await cli(
        "schedules",
        "create",
        "--team",
        team,
        "--deployment",
        deployment,
        "--cron",
        "0 0 29 2 *",
        "--name",
        "leap",
        "--inputs",
        '{"text": "leap"}',
    )
    schedule = created.json()
    token = schedule["token"]
    assert token.startswith("st-")
    assert "shown once" in created.err
    assert schedule["enabled"] is True
    assert schedule["cron"] == "0 0 29 2 *"
    assert schedule["inputs"] == {"text": "leap"}
    assert schedule["next_run_at"].startswith("20")
    assert schedule["next_run_at"].endswith("-02-29T00:00:00+00:00")

    listed = await cli("schedules", "list", "--team", team)
    assert token not in listed.out
    assert hash_key(token) not in listed.out
    [entry] = listed.json()
    assert entry["id"] == schedule["id"]
    assert "token" not in entry
    assert entry["token_prefix"] == token[:10]

    disabled = (await cli("schedules", "disable", "--team", team, schedule["id"])).json()
    assert (disabled["enabled"], disabled["next_run_at"]) == (False, None)
    enabled = (await cli("schedules", "enable", "--team", team, schedule["id"])).json()
    assert enabled["enabled"] is True
    assert enabled["next_run_at"] == schedule["next_run_at"]

    # A server over the same database runs what the commands made.
    key = (await cli("keys", "create", "--team", team, "--name", "runner")).json()["key"]
    stack = await start_stack(cli.database_url, with_envoy=False, scheduler_enabled=False)
    try:
        events = await run_events(stack, key, deploymentId=deployment, inputs={"text": "cli"})
        done = events[-1].run_completed
        assert done.status == execution_pb2.RUN_STATUS_SUCCEEDED
        assert json_format.MessageToDict(done.outputs) == {"greeting": "Hello, cli!"}

        handle = await stack.server.runs.start(
            f"Bearer {key}", RunTarget(alias=alias, version="^1", method="GET", path="/greet/alias"), {}
        )
        completed = [s.event async for batch in handle.channel.subscribe() for s in batch][-1]
        assert isinstance(completed, RunCompleted)
        assert completed.outputs == {"greeting": "Hello, alias!"}

        async with UnitOfWork(session_factory(stack.server.db)) as uow:
            stored = await uow.releases.get(private["deployment_id"])
        assert stored.visibility is Visibility.PRIVATE
        assert stored.version == "1.0.0"

        [found] = await stack.server.schedules.list(team)
        assert found.next_run_at is not None
        [run_id] = await stack.server.scheduler.run_due(as_utc(found.next_run_at) + timedelta(seconds=1))

        async def ended() -> Run | None:
            run = await stack.server.runs.get(f"Bearer {key}", run_id)
            return run if run.status is not RunStatus.RUNNING else None

        run = await eventually(ended, timeout=30)
        assert run.status is RunStatus.SUCCEEDED
        assert run.outputs == {"greeting": "Hello, leap!"}
        assert run.caller_team_id == run.team_id
    finally:
        await stop_stack(stack)

    after = (await cli("schedules", "list", "--team", team)).json()
    assert after[0]["last_run_id"] == run_id
    assert (await cli("schedules", "delete", "--team", team, schedule["id"])).json() == {
        "id": schedule["id"],
        "deleted": True,
    }
    assert (await cli("schedules", "list", "--team", team)).json() == []
    assert "not found" in (await cli("schedules", "delete", "--team", team, schedule["id"])).failed()
    assert "not found" in (await cli("schedules", "enable", "--team", team, schedule["id"])).failed()


async def test_publish_a_new_version_of_a_workflow(cli: Cli, team: str) -> None:
    path = workflow_file(cli, {"name": "Greeter", **GREETER}, "greeter-v1.json")
    first = (await cli("publish", path, "--team", team, "--version", "1.0.0")).json()
    changed = {
        "name": "Greeter",
        "nodes": [
            *GREETER["nodes"][:1],
            {**GREETER["nodes"][1], "data": {"label": "Greet", "template": "Hi, {{ inputs.text }}!"}},
            GREETER["nodes"][2],
        ],
        "edges": GREETER["edges"],
    }
    second_path = workflow_file(cli, changed, "greeter-v2.json")
    second = (
        await cli("publish", second_path, "--team", team, "--version", "1.1.0", "--workflow", first["workflow_id"])
    ).json()
    assert second["workflow_id"] == first["workflow_id"]
    assert second["document_id"] == first["document_id"]  # "^1.0" now finds 1.1.0
    assert second["deployment_id"] != first["deployment_id"]

    invalid = workflow_file(cli, {"nodes": [{"id": "x", "type": "nope"}], "edges": []}, "invalid-v3.json")
    refused = await cli("publish", invalid, "--team", team, "--version", "1.2.0", "--workflow", first["workflow_id"])
    assert "nope" in refused.failed()
    elsewhere = await cli("publish", second_path, "--team", team, "--version", "2.0.0", "--workflow", "no-such-id")
    assert "not found" in elsewhere.failed().lower()


async def test_app_keys_are_shown_once_and_run_their_app_in_a_server(cli: Cli, team: str) -> None:
    path = workflow_file(cli, {"name": "Keyed", **GREETER}, "keyed.json")
    release = (await cli("publish", path, "--team", team, "--version", "1.0.0")).json()
    other = (await cli("publish", path, "--team", team, "--version", "1.0.0", "--name", "Other")).json()
    created = await cli("keys", "create", "--app", release["document_id"], "--name", "dify")
    key = created.json()
    secret = key["key"]
    assert secret.startswith("app-")
    assert len(secret) >= len("app-") + 24
    assert (key["name"], key["document_id"], key["prefix"]) == ("dify", release["document_id"], secret[:10])
    assert "shown once" in created.err
    assert (await cli("keys", "create", "--app", release["document_id"])).json()["name"] == "app key"
    with_team = await cli("keys", "create", "--app", release["document_id"], "--team", team)
    assert with_team.json()["document_id"] == release["document_id"]
    missing = await cli("keys", "create", "--app", str(uuid.uuid4()))
    assert missing.failed().startswith("App ")
    assert (
        "not found" in (await cli("keys", "create", "--app", release["document_id"], "--team", "teams-other")).failed()
    )
    assert "--team" in (await cli("keys", "create")).failed()

    listed = await cli("keys", "list", "--team", team, "--apps")
    assert secret not in listed.out
    assert hash_key(secret) not in listed.out
    [entry] = [k for k in listed.json() if k["id"] == key["id"]]
    assert entry["document_id"] == release["document_id"]
    assert entry["revoked_at"] is None
    assert key["id"] not in (await cli("keys", "list", "--team", team)).out

    stack = await start_stack(cli.database_url, with_envoy=False, scheduler_enabled=False)
    try:
        own = RunTarget(deployment_id=release["deployment_id"])
        handle = await stack.server.runs.start(f"Bearer {secret}", own, {"text": "app"})
        completed = [s.event async for batch in handle.channel.subscribe() for s in batch][-1]
        assert isinstance(completed, RunCompleted)
        assert completed.outputs == {"greeting": "Hello, app!"}
        with pytest.raises(FlowgateError) as refused:
            await stack.server.runs.start(
                f"Bearer {secret}", RunTarget(deployment_id=other["deployment_id"]), {"text": "x"}
            )
        assert refused.value.reason == "APP_KEY_MISMATCH"
    finally:
        await stop_stack(stack)

    revoked = (await cli("keys", "revoke", "--team", team, key["id"])).json()
    assert revoked["revoked_at"] is not None
    assert secret not in json.dumps(revoked)
