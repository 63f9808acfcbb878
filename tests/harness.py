"""Starts the real parts for tests: the gRPC server on a free port, over a real database,
and the real Envoy in front of it."""

from __future__ import annotations

import itertools
import os
import random
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import asyncpg  # type: ignore[import-untyped]
import grpc
import pytest
from google.protobuf import json_format
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from flowgate.config import Settings
from flowgate.engine.blocks import BlockRegistry
from flowgate.engine.services import Services
from flowgate.envoy import EnvoyProcess, render_config
from flowgate.server import FlowgateServer
from flowgate.v1 import (
    execution_pb2,
    execution_service_pb2,
    execution_service_pb2_grpc,
    release_pb2,
    release_service_pb2,
    release_service_pb2_grpc,
    workflow_pb2,
    workflow_service_pb2,
    workflow_service_pb2_grpc,
)

ROOT = Path(__file__).resolve().parent.parent

TEST_SECRET = "flowgate-test-secret-0123456789abcdef"
"""The stacks' FLOWGATE_SECRET_KEY (tests sign tokens of their own with it, e.g. expired ones)."""


def free_port() -> int:
    """A port nothing listens on, for a process started later. Chosen below the ephemeral
    range (32768+): a port the kernel handed out (bind to 0) can be taken again by any
    outgoing connection before that process binds it."""
    for _ in range(200):
        port = random.randrange(20000, 32768)  # noqa: S311 - not for security
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port found below the ephemeral range")


def postgres_url() -> str | None:
    return os.environ.get("FLOWGATE_TEST_POSTGRES_URL") or None


def read_until(proc: subprocess.Popen[str], marker: str, timeout: float) -> str:
    """What a child process printed up to the line with `marker` (blocking reads of its
    stdout, for at most `timeout` seconds); fails with everything it printed otherwise."""
    if proc.stdout is None:
        raise AssertionError("the process was started without a stdout pipe")
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            if proc.poll() is not None:
                break
            continue
        seen.append(line)
        if marker in line:
            return "".join(seen)
    raise AssertionError(f"{marker!r} not printed; got:\n{''.join(seen)}")


@dataclass
class Stack:
    server: FlowgateServer
    channel: grpc.aio.Channel
    envoy: EnvoyProcess | None = None
    http_port: int = 0
    keys: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    @property
    def grpc_target(self) -> str:
        return f"127.0.0.1:{self.server.port}"

    @property
    def http_base(self) -> str:
        assert self.envoy is not None, "this stack runs without Envoy"
        return f"http://127.0.0.1:{self.http_port}"

    async def key(self, team: str) -> str:
        """An API key of `team` (created with the team on first use), as the CLI makes them."""
        if team not in self.keys:
            await self.server.teams.ensure_team(team)
            _key, raw = await self.server.teams.create_api_key(team, "test")
            self.keys[team] = raw
        return self.keys[team]

    async def token(self, username: str) -> str:
        """A sign-in token of `username` (registered, through the use cases, on first use)."""
        if username not in self.tokens:
            await self.server.accounts.register(username, f"{username}@example.com", "password123")
            self.tokens[username] = (await self.server.accounts.login(username, "password123")).token
        return self.tokens[username]

    async def bearer(self, username: str) -> dict[str, str]:
        """`Authorization` header of `username`'s token."""
        return {"authorization": f"Bearer {await self.token(username)}"}

    async def publish(
        self,
        graph: dict[str, Any],
        *,
        team: str = "team-a",
        version: str = "1.0.0",
        public: bool = False,
        name: str = "app",
        alias: str = "",
        routes: list[dict[str, Any]] | None = None,
        workflow_id: str = "",
    ) -> release_pb2.Release:
        """Create a workflow and publish it, over gRPC, as an author of `team` would."""
        md = (("authorization", f"Bearer {await self.key(team)}"),)
        if not workflow_id:
            wf = workflow_pb2.Workflow(name=name, graph=json_format.ParseDict(graph, workflow_pb2.Graph()))
            created = await workflow_service_pb2_grpc.WorkflowServiceStub(self.channel).CreateWorkflow(
                workflow_service_pb2.CreateWorkflowRequest(workflow=wf), metadata=md
            )
            workflow_id = created.workflow.id
        visibility = release_pb2.VISIBILITY_PUBLIC if public else release_pb2.VISIBILITY_PRIVATE
        published = await release_service_pb2_grpc.ReleaseServiceStub(self.channel).PublishRelease(
            release_service_pb2.PublishReleaseRequest(
                workflow_id=workflow_id,
                version=version,
                visibility=visibility,
                alias=alias,
                routes=[json_format.ParseDict(r, release_pb2.Route()) for r in routes or []],
            ),
            metadata=md,
        )
        return published.release


def require_postgres() -> str:
    """The test PostgreSQL URL; skips (fails under CI) when there is none."""
    url = postgres_url()
    if url is None:
        message = (
            "PostgreSQL is not available: set FLOWGATE_TEST_POSTGRES_URL "
            "(make test starts the machine's cluster; .ci/run installs it)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


async def fresh_postgres_database(url: str, name: str) -> str:
    """A new, empty database `name` on the server of `url` (dropped first if it exists): its URL."""
    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://", 1))
    try:
        await conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        await conn.execute(f"CREATE DATABASE {name}")
    finally:
        await conn.close()
    return urlsplit(url)._replace(path=f"/{name}").geturl()


async def reset_postgres(url: str) -> None:
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


async def start_stack(
    db_url: str,
    *,
    with_envoy: bool,
    blocks: BlockRegistry | None = None,
    services: Services | None = None,
    **settings_overrides: Any,
) -> Stack:
    """The gRPC server (and Envoy) over `db_url`. `blocks`/`services` replace the defaults."""
    settings_overrides.setdefault("secret_key", TEST_SECRET)
    settings_overrides.setdefault("ws_port", 0)
    settings = Settings(
        database_url=db_url,
        grpc_port=0,
        shutdown_grace_seconds=2,
        log_level="WARNING",
        _env_file=None,
        **settings_overrides,
    )
    server = FlowgateServer(settings, blocks=blocks, services=services)
    await server.migrate()
    await server.start()
    stack = Stack(server=server, channel=grpc.aio.insecure_channel(f"127.0.0.1:{server.port}"))
    if with_envoy:
        http_port, admin_port = free_port(), free_port()
        config = render_config(
            ROOT / "envoy.yaml",
            http_host="127.0.0.1",
            http_port=http_port,
            grpc_host="127.0.0.1",
            grpc_port=server.port,
            admin_port=admin_port,
            ws_port=getattr(server, "ws_port", None),
            max_request_bytes=settings.max_request_bytes,
            max_response_bytes=settings.max_response_bytes,
        )
        stack.envoy = EnvoyProcess(config, admin_port)
        stack.envoy.start()
        stack.http_port = http_port
    return stack


async def stop_stack(stack: Stack) -> None:
    await stack.channel.close(None)
    if stack.envoy is not None:
        stack.envoy.stop()
    await stack.server.stop(grace=1)


def sqlite_url(directory: Path) -> str:
    return f"sqlite+aiosqlite:///{directory / f'flowgate-{uuid.uuid4().hex[:8]}.db'}"


GREETER: dict[str, Any] = {
    "nodes": [
        {
            "id": "start-1",
            "type": "start",
            "data": {"label": "Start", "inputs": [{"name": "text", "type": "string", "required": True}]},
        },
        {"id": "transform-1", "type": "transform", "data": {"label": "Greet", "template": "Hello, {{ inputs.text }}!"}},
        {"id": "end-1", "type": "end", "data": {"label": "End", "outputs": {"greeting": "{{ greet }}"}}},
    ],
    "edges": [
        {"id": "e1", "source": "start-1", "target": "transform-1"},
        {"id": "e2", "source": "transform-1", "target": "end-1"},
    ],
}


async def run_events(stack: Stack, key: str, **fields: Any) -> list[execution_pb2.RunEvent]:
    """RunApp over gRPC; every event of the stream."""
    stub = execution_service_pb2_grpc.ExecutionServiceStub(stack.channel)
    request = json_format.ParseDict(fields, execution_service_pb2.RunAppRequest())
    return [r.event async for r in stub.RunApp(request, metadata=(("authorization", f"Bearer {key}"),))]


def linear(*blocks: dict[str, Any], inputs: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """start → blocks… → end, as a workflow graph. Each block needs `id`, `type`, `data`."""
    nodes = [{"id": "start", "type": "start", "data": {"label": "Start", "inputs": inputs or []}}]
    nodes += list(blocks)
    nodes.append({"id": "end", "type": "end", "data": {"label": "End"}})
    ids = [n["id"] for n in nodes]
    edges = [{"id": f"e{i}", "source": a, "target": b} for i, (a, b) in enumerate(itertools.pairwise(ids))]
    return {"nodes": nodes, "edges": edges}
