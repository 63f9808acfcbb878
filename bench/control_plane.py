"""P7: the control plane (the management API's GetManagedWorkflow, ListManagedWorkflows
and CreateManagedWorkflow) with 64 calls in flight, on SQLite and on PostgreSQL, against a
bare grpc.aio unary method answering a pre-built message of the same size, driven by the
same client pattern, interleaved repeat by repeat.

Calls are authenticated as a signed-in user (a JWT: the gated rows) and, as info rows,
with a team API key of the same team. PostgreSQL is the server of `tools/ensure-postgres`,
in a database of its own (`flowgate_bench`, dropped and made again for every run); it is
skipped, with a note, when that server is not available."""

from __future__ import annotations

import asyncio
import json
import subprocess
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import grpc
from google.api import httpbody_pb2
from google.protobuf import json_format
from google.protobuf.message import Message

from bench import bare
from bench.harness import ROOT, ServerProcess, median, percentile, server
from bench.scenarios import REPEATS, Row, row
from flowgate.v1 import account_service_pb2 as acc
from flowgate.v1 import account_service_pb2_grpc as acc_grpc
from flowgate.v1 import execution_service_pb2, workflow_pb2
from flowgate.v1 import workflow_management_service_pb2 as pb
from flowgate.v1 import workflow_management_service_pb2_grpc as pb_grpc

IN_FLIGHT = 64
CALLS = {"Get": 2000, "List": 600, "Create": 1000}
"""Calls per measurement (each repeat measures Flowgate with a JWT, with a key, and bare)."""
WARMUP = 200
TEAM_WORKFLOWS = 100
LIST_LIMIT = 20
BENCH_DB = "flowgate_bench"
SECRET = "p7-bench-secret-" + "0" * 32
PASSWORD = "bench-password-1"  # noqa: S105 - a throwaway user of a throwaway database

THROUGHPUT_BAR, P99_BAR = 0.6, 1.5

SMALL_GRAPH: dict[str, Any] = {
    "nodes": [
        {
            "id": "start-1",
            "type": "start",
            "position": {"x": 0, "y": 0},
            "data": {"label": "Start", "inputs": [{"name": "text", "type": "string", "required": True}]},
        },
        {
            "id": "transform-1",
            "type": "transform",
            "position": {"x": 200, "y": 0},
            "data": {"label": "Greet", "template": "Hello, {{ inputs.text }}!"},
        },
        {
            "id": "end-1",
            "type": "end",
            "position": {"x": 400, "y": 0},
            "data": {"label": "End", "outputs": {"greeting": "{Greet}"}},
        },
    ],
    "edges": [
        {"id": "e1", "source": "start-1", "target": "transform-1"},
        {"id": "e2", "source": "transform-1", "target": "end-1"},
    ],
}


def create_request(name: str) -> pb.CreateManagedWorkflowRequest:
    graph = json_format.ParseDict(SMALL_GRAPH, workflow_pb2.Graph())
    return pb.CreateManagedWorkflowRequest(
        name=name, description="a small benchmark graph", nodes=graph.nodes, edges=graph.edges
    )


@dataclass
class Load:
    """One measurement: `count` calls with IN_FLIGHT in flight."""

    rate: float
    latencies: list[float]
    errors: int
    cpu_us: float = 0.0

    @property
    def p50(self) -> float:
        return median(self.latencies)

    @property
    def p99(self) -> float:
        return percentile(self.latencies, 0.99)


async def drive(call: Callable[[int], Awaitable[object]], count: int, proc: ServerProcess | None = None) -> Load:
    """`count` calls, IN_FLIGHT at a time (each of IN_FLIGHT workers calls again as soon as
    its call returns): calls/s, every call's latency, errors, server CPU µs per call."""
    latencies: list[float] = []
    errors = 0
    next_index = 0

    async def worker() -> None:
        nonlocal errors, next_index
        while next_index < count:
            i = next_index
            next_index += 1
            started = time.perf_counter()
            try:
                await call(i)
            except grpc.aio.AioRpcError:
                errors += 1
            latencies.append(time.perf_counter() - started)

    cpu0 = proc.cpu_seconds() if proc else 0.0
    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(IN_FLIGHT)))
    wall = time.perf_counter() - started
    cpu = (proc.cpu_seconds() - cpu0) / count * 1e6 if proc else 0.0
    return Load(count / wall, latencies, errors, cpu)


@dataclass
class Series:
    loads: list[Load] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return median([x.rate for x in self.loads])

    @property
    def p50(self) -> float:
        return median([x.p50 for x in self.loads])

    @property
    def p99(self) -> float:
        return median([x.p99 for x in self.loads])

    @property
    def cpu_us(self) -> float:
        return median([x.cpu_us for x in self.loads])

    @property
    def errors(self) -> int:
        return sum(x.errors for x in self.loads)


@dataclass
class Caller:
    """A signed-in user with ~100 workflows in its personal team, and a key of that team."""

    jwt: str
    key: str
    team_id: str
    workflow_id: str


async def sign_up(channel: grpc.aio.Channel) -> Caller:
    accounts = acc_grpc.AccountServiceStub(channel)
    workflows = pb_grpc.WorkflowManagementServiceStub(channel)
    username = f"bench{uuid.uuid4().hex[:8]}"
    await accounts.Register(acc.RegisterRequest(username=username, email=f"{username}@bench.test", password=PASSWORD))
    body = json.dumps({"username": username, "password": PASSWORD}).encode()
    login = await accounts.Login(
        acc.LoginRequest(body=httpbody_pb2.HttpBody(content_type="application/json", data=body))
    )
    md = (("authorization", f"Bearer {login.access_token}"),)
    team_id = (await accounts.ListTeams(acc.ListTeamsRequest(), metadata=md)).teams[0].id
    key = await accounts.CreateTeamApiKey(acc.CreateTeamApiKeyRequest(team_id=team_id, name="p7"), metadata=md)
    first = ""
    for i in range(TEAM_WORKFLOWS):
        created = await workflows.CreateManagedWorkflow(create_request(f"wf {i:03d}"), metadata=md)
        first = first or created.workflow.id
    return Caller(login.access_token, key.api_key.key, team_id, first)


Op = Callable[[int], Awaitable[Message]]


def flowgate_ops(channel: grpc.aio.Channel, caller: Caller, token: str) -> dict[str, tuple[Op, Message]]:
    """Each operation as a call of index i, with its request (for the request's size)."""
    stub = pb_grpc.WorkflowManagementServiceStub(channel)
    md = (("authorization", f"Bearer {token}"),)
    get_req = pb.GetManagedWorkflowRequest(workflow_id=caller.workflow_id)
    list_req = pb.ListManagedWorkflowsRequest(limit=LIST_LIMIT)
    create_reqs = [create_request(f"created {i:05d}") for i in range(100)]
    tag = uuid.uuid4().hex[:6]
    for r in create_reqs:
        r.name = f"{tag} {r.name}"

    async def get(i: int) -> Message:
        return await stub.GetManagedWorkflow(get_req, metadata=md)

    async def list_(i: int) -> Message:
        return await stub.ListManagedWorkflows(list_req, metadata=md)

    async def create(i: int) -> Message:
        return await stub.CreateManagedWorkflow(create_reqs[i % len(create_reqs)], metadata=md)

    return {"Get": (get, get_req), "List": (list_, list_req), "Create": (create, create_reqs[0])}


def bare_op(channel: grpc.aio.Channel, request_size: int, response_size: int) -> Op:
    """The bare unary method, with a request and an answer of the given sizes."""
    call = channel.unary_unary(
        bare.UNARY,
        request_serializer=lambda b: b,
        response_deserializer=execution_service_pb2.RunAppResponse.FromString,
    )
    head = f"{response_size},".encode()
    request = head + b"x" * max(0, request_size - len(head))

    async def unary(i: int) -> Message:
        answer: Message = await call(request)
        return answer

    return unary


def ensure_postgres() -> str | None:
    """The URL tools/ensure-postgres prints (its test database), or None without a server."""
    try:
        out = subprocess.run(  # noqa: S603 - our own script
            [str(ROOT / "tools" / "ensure-postgres")], capture_output=True, text=True, check=True, timeout=120
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return out or None


async def fresh_database(server_url: str) -> str:
    """An empty database BENCH_DB on that server (dropped and made again), as a URL: tests
    using the server's test database meanwhile are not disturbed."""
    import asyncpg  # type: ignore[import-untyped]

    conn = await asyncpg.connect(server_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
        await conn.execute(f"CREATE DATABASE {BENCH_DB}")
    finally:
        await conn.close()
    return server_url.rsplit("/", 1)[0] + f"/{BENCH_DB}"


async def measure(database: str, database_url: str | None) -> list[Row]:
    extra: dict[str, Any] = {"settings": {"secret_key": SECRET, "ws_port": 0}}
    if database_url:
        extra["database_url"] = database_url
    rows: list[Row] = []
    with server("flowgate", extra) as fg, server("bare") as bs:
        async with grpc.aio.insecure_channel(fg.target) as fch, grpc.aio.insecure_channel(bs.target) as bch:
            caller = await sign_up(fch)
            by_jwt = flowgate_ops(fch, caller, caller.jwt)
            by_key = flowgate_ops(fch, caller, caller.key)
            for op in ("Get", "List", "Create"):  # Create last: List's team keeps its ~100 workflows
                jwt_call, request = by_jwt[op]
                key_call = by_key[op][0]
                response = await jwt_call(0)
                bare_call = bare_op(bch, request.ByteSize(), response.ByteSize())
                count = CALLS[op]
                for fn in (jwt_call, key_call, bare_call):  # warm-up
                    await drive(fn, WARMUP)
                jwt, key, base = Series(), Series(), Series()
                for _ in range(REPEATS):
                    base.loads.append(await drive(bare_call, count, bs))
                    jwt.loads.append(await drive(jwt_call, count, fg))
                    key.loads.append(await drive(key_call, count, fg))
                rows += op_rows(database, op, request.ByteSize(), response.ByteSize(), jwt, key, base)
    return rows


def op_rows(db: str, op: str, req_size: int, resp_size: int, jwt: Series, key: Series, base: Series) -> list[Row]:
    label = f"{db} {op}"
    if op == "List":
        label += f" (limit {LIST_LIMIT} of {TEAM_WORKFLOWS})"
    detail = {
        "request_bytes": req_size,
        "response_bytes": resp_size,
        "p50_ms": {"jwt": jwt.p50 * 1000, "key": key.p50 * 1000, "bare": base.p50 * 1000},
        "server_cpu_us_per_call": {"jwt": jwt.cpu_us, "key": key.cpu_us, "bare": base.cpu_us},
        "errors": {"jwt": jwt.errors, "key": key.errors, "bare": base.errors},
    }
    ok = jwt.errors == 0 and key.errors == 0
    rows = [
        row(
            "P7",
            f"{label} calls/s, JWT",
            jwt.rate,
            base.rate,
            f"≥ {THROUGHPUT_BAR}×",
            ok and jwt.rate >= THROUGHPUT_BAR * base.rate,
        ),
        row(
            "P7",
            f"{label} p99 ms, JWT",
            jwt.p99 * 1000,
            base.p99 * 1000,
            f"≤ {P99_BAR}×",
            ok and jwt.p99 <= P99_BAR * base.p99,
        ),
        row("P7", f"{label} calls/s, API key", key.rate, base.rate, "(info)", True),
        row("P7", f"{label} p99 ms, API key", key.p99 * 1000, base.p99 * 1000, "(info)", True),
        row("P7", f"{label} server CPU µs/call, JWT", jwt.cpu_us, base.cpu_us, "(info)", True),
    ]
    for r in rows:
        r["detail"] = detail
    return rows


async def p7() -> list[Row]:
    """Get/List/Create with 64 in flight on SQLite and PostgreSQL: calls/s at least 0.6x and p99
    at most 1.5x a bare unary method with the same client pattern."""
    rows = await measure("SQLite", None)
    pg = await asyncio.to_thread(ensure_postgres)
    if pg is None:
        rows.append(row("P7", "PostgreSQL: no server (tools/ensure-postgres failed)", 0, 0, "(skipped)", False))
    else:
        rows += await measure("PostgreSQL", await fresh_database(pg))
    return rows
