"""Limits at the gateway, through the real Envoy: one-shot answers over the response size
limit, JSON nested too deeply, and the error bodies of requests Envoy itself refuses
(bad UTF-8, bad field values, headers too large), each in its route family's shape."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import grpc
import httpx
import pytest
import pytest_asyncio
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flowgate.v1 import execution_service_pb2, execution_service_pb2_grpc
from tests.eventually import eventually
from tests.harness import GREETER, Stack, sqlite_url, start_stack, stop_stack
from tests.integration.mgmt import assert_error, signed_in, unique

pytestmark = pytest.mark.asyncio(loop_scope="session")

SMALL_RESPONSES = 64 * 1024
DEPTH = 32  # FLOWGATE_MAX_JSON_DEPTH's default


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def small(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    """A stack (SQLite, Envoy) whose one-shot answers may have 64 KiB at most."""
    s = await start_stack(
        sqlite_url(tmp_path_factory.mktemp("small")), with_envoy=True, max_response_bytes=SMALL_RESPONSES
    )
    try:
        yield s
    finally:
        await stop_stack(s)


async def call(
    stack: Stack, method: str, path: str, key: str | None = None, body: Any = None, **kw: Any
) -> httpx.Response:
    headers = {"Authorization": f"Bearer {key}"} if key is not None else {}
    headers.update(kw.pop("headers", {}))
    content = body if isinstance(body, (bytes, str)) or body is None else json.dumps(body)
    async with httpx.AsyncClient(base_url=stack.http_base, timeout=60) as client:
        return await client.request(method, path, content=content, headers=headers, **kw)


async def raw_get(
    stack: Stack, target: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """A GET over a plain socket (httpx refuses URLs over 64 KiB): status, headers, body."""
    reader, writer = await asyncio.open_connection("127.0.0.1", stack.http_port)
    extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
    writer.write(f"GET {target} HTTP/1.1\r\nHost: flowgate\r\n{extra}Connection: close\r\n\r\n".encode())
    await writer.drain()
    data = await reader.read()
    writer.close()
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    fields = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), {k.lower(): v for k, v in fields.items()}, body


def released_app_error(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    assert set(body) <= {"error", "details"}, body
    assert isinstance(body["error"], str)
    return body


def no_leaks(text: str) -> None:
    """No protobuf type or field names, no parser text quoting the input."""
    for word in ("TYPE_", "flowgate.v1", "google.protobuf", "upb", "DecodeError", "<class", "after_seq", "^"):
        assert word not in text, (word, text)


async def settled_credits(stack: Stack, team: str, charges: int) -> int:
    """The team's balance once `charges` charge entries are written and leases returned."""

    async def charged() -> bool:  # charges are written in batches
        ledger = (await stack.server.teams.credits(team))[1]
        return bool(sum(e["kind"] == "charge" for e in ledger) >= charges)

    await eventually(charged)
    await stack.server.runs.return_leases()
    return (await stack.server.teams.credits(team))[0].credits


# -- response size -------------------------------------------------------------------------


async def test_a_one_shot_answer_over_the_limit_is_a_413_and_is_not_charged(small: Stack) -> None:
    team = f"big-{uuid.uuid4().hex[:6]}"
    release = await small.publish(GREETER, team=team, public=True)
    key = await small.key(team)
    start = (await small.server.teams.credits(team))[0].credits
    path = f"/api/released-app/{release.deployment_id}/run"
    text = "x" * (SMALL_RESPONSES // 3)  # the answer carries it six times
    refused = await call(small, "POST", path, key, {"inputs": {"text": text}, "stream": False})
    body = released_app_error(refused, 413)
    assert body == {"error": f"Response too large: the answer is over {SMALL_RESPONSES} bytes"}
    assert await settled_credits(small, team, 1) == start  # the caller got nothing: nothing charged
    fits = await call(small, "POST", path, key, {"inputs": {"text": "x"}, "stream": False})
    assert fits.status_code == 200, fits.text
    assert await settled_credits(small, team, 2) == start - 3  # an answer delivered is charged (3 blocks)


async def test_the_run_detail_and_the_gateway_route_over_the_limit_are_413s(small: Stack) -> None:
    alias = unique("big-")
    await small.publish(
        GREETER, public=True, alias=alias, routes=[{"name": "greet", "method": "POST", "path": "/greet"}]
    )
    key = await small.key("team-a")
    text = "y" * (SMALL_RESPONSES // 3)
    over = await call(small, "POST", f"/api/released-app/r/{alias}/1.0/greet", key, {"text": text})
    assert released_app_error(over, 413)["error"].startswith("Response too large")
    fits = await call(small, "POST", f"/api/released-app/r/{alias}/1.0/greet", key, {"text": "y"})
    assert fits.status_code == 200, fits.text
    release = await small.publish(GREETER, public=True)
    streamed = await call(
        small, "POST", f"/api/released-app/{release.deployment_id}/run", key, {"inputs": {"text": text}}
    )
    assert streamed.status_code == 200
    run_id = json.loads(streamed.text.splitlines()[0])["runId"]
    detail = await call(small, "GET", f"/api/released-app/runs/{run_id}", key)
    assert released_app_error(detail, 413)["error"].startswith("Response too large")


async def test_a_management_answer_over_the_limit_is_a_413_in_the_family_shape(small: Stack) -> None:
    _name, headers = await signed_in(small, "bigmgmt")
    async with httpx.AsyncClient(base_url=small.http_base, headers=headers, timeout=60) as client:
        created = await client.post("/api/v1/workflows", json={"name": unique("wf-"), **GREETER})
        assert created.status_code == 201, created.text
        workflow_id = created.json()["id"]
        text = "z" * (SMALL_RESPONSES // 2)  # in input_data and in the output
        started = await client.post(f"/api/v1/workflows/{workflow_id}/execute", json={"input_data": {"text": text}})
        assert started.status_code == 201, started.text
        execution_id = started.json()["id"]

        async def ended() -> bool:
            status = await client.get(f"/api/v1/executions/{execution_id}/status")
            return status.json().get("status") in ("completed", "failed")

        await eventually(ended)
        detail = await client.get(f"/api/v1/executions/{execution_id}")
    body = assert_error(detail, 413, "RESPONSE_TOO_LARGE")
    assert body["detail"] == f"Response too large: the answer is over {SMALL_RESPONSES} bytes"


async def test_a_unary_answer_over_the_limit_is_resource_exhausted_over_grpc(small: Stack) -> None:
    release = await small.publish(GREETER, public=True)
    key = await small.key("team-a")
    runs = await call(
        small,
        "POST",
        f"/api/released-app/{release.deployment_id}/run",
        key,
        {"inputs": {"text": "w" * (SMALL_RESPONSES // 3)}},
    )
    run_id = json.loads(runs.text.splitlines()[0])["runId"]
    stub = execution_service_pb2_grpc.ExecutionServiceStub(small.channel)
    with pytest.raises(grpc.aio.AioRpcError) as failed:
        await stub.GetRun(
            execution_service_pb2.GetRunRequest(run_id=run_id), metadata=(("authorization", f"Bearer {key}"),)
        )
    assert failed.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED


# -- nesting -------------------------------------------------------------------------------


def nest(depth: int, leaf: str = "1", objects: bool = False) -> str:
    """JSON text `depth` levels deep."""
    if objects:
        return '{"a":' * depth + leaf + "}" * depth
    return "[" * depth + leaf + "]" * depth


def run_body(n: str) -> str:
    """A one-shot run body whose input `n` is the JSON text `n`."""
    return '{"inputs": {"text": "a", "n": ' + n + '}, "stream": false}'


async def test_a_run_body_nested_too_deeply_is_a_400_naming_the_body(stack: Stack) -> None:
    release = await stack.publish(GREETER, public=True)
    key = await stack.key("team-a")
    path = f"/api/released-app/{release.deployment_id}/run"
    for depth in (DEPTH - 1, 60, 500, 100_000):  # with the body and `inputs`: 2 levels more
        deep = await call(stack, "POST", path, key, run_body(nest(depth)))
        body = released_app_error(deep, 400)
        assert body == {
            "error": "Input validation failed",
            "details": [{"field": "body", "message": f"is nested deeper than {DEPTH} levels"}],
        }, depth
    fits = await call(stack, "POST", path, key, run_body(nest(DEPTH - 2)))
    assert fits.status_code == 200, fits.text


async def test_management_json_nested_too_deeply_is_a_400_in_the_family_shape(stack: Stack) -> None:
    _name, headers = await signed_in(stack, "deep")
    async with httpx.AsyncClient(base_url=stack.http_base, headers=headers, timeout=60) as client:
        created = await client.post("/api/v1/workflows", json={"name": unique("wf-"), **GREETER})
        workflow_id = created.json()["id"]
        graph = json.dumps(GREETER)
        for depth in (DEPTH + 1, 50, 60, 110, 500):
            node_data = graph.replace('"label": "Greet"', f'"label": "Greet", "x": {nest(depth - 1, objects=True)}')
            cases = {
                "input_data": await client.post(
                    f"/api/v1/workflows/{workflow_id}/execute",
                    content='{"input_data": ' + nest(depth - 1, "{}", True) + "}",
                ),
                "data": await client.post("/api/v1/workflows", content=node_data.replace("{", '{"name": "deep", ', 1)),
                "config": await client.post(
                    "/api/v1/data-sources",
                    content='{"name": "ds", "type": "json", "config": ' + nest(depth - 1, "{}", True) + "}",
                ),
            }
            for field, response in cases.items():
                body = assert_error(response, 400, where=(field, depth))
                assert "nested" in body["detail"], (field, depth, body)
                no_leaks(body["detail"])
        fits = await client.post(
            f"/api/v1/workflows/{workflow_id}/execute",
            json={"input_data": {"text": "a", "n": json.loads(nest(DEPTH - 1, objects=True))}},
        )
        assert fits.status_code == 201, fits.text


async def test_a_deep_struct_over_grpc_is_invalid_argument(stack: Stack) -> None:
    release = await stack.publish(GREETER, public=True)
    key = await stack.key("team-a")
    stub = execution_service_pb2_grpc.ExecutionServiceStub(stack.channel)
    for depth in (DEPTH + 1, 45, 90):
        request = execution_service_pb2.RunAppRequest(deployment_id=release.deployment_id)
        inner = request.inputs
        for _ in range(depth - 1):
            inner = inner.fields["a"].struct_value
        inner["leaf"] = 1
        with pytest.raises(grpc.aio.AioRpcError) as failed:
            async for _ in stub.RunApp(request, metadata=(("authorization", f"Bearer {key}"),)):
                pass
        assert failed.value.code() == grpc.StatusCode.INVALID_ARGUMENT, depth
        assert failed.value.details() in (
            "inputs is nested deeper than 32 levels",
            "The request is nested deeper than 32 levels",
        )


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(depth=st.integers(min_value=1, max_value=70), objects=st.booleans())
async def test_random_depths_through_the_stack(stack: Stack, depth: int, objects: bool) -> None:
    # `inputs.n` of a run body is at level depth + 2; input_data's value at depth + 1
    release = await stack.publish(GREETER, public=True)
    key = await stack.key("team-a")
    run = await call(
        stack,
        "POST",
        f"/api/released-app/{release.deployment_id}/run",
        key,
        run_body(nest(depth, objects=objects)),
    )
    if depth + 2 <= DEPTH:
        assert run.status_code == 200, (depth, run.text)
    else:
        assert released_app_error(run, 400)["details"][0]["field"] == "body"


# -- requests Envoy refuses ----------------------------------------------------------------


async def test_invalid_utf8_and_malformed_json_never_echo_the_body(stack: Stack) -> None:
    secret = "hunter2-" + uuid.uuid4().hex[:8]
    for body in (
        b'{"username": "u", "email": "u@example.com", "password": "' + secret.encode() + b'\xff"}',
        b'{"username": "u", "email": "u@example.com", "password": "' + secret.encode() + b'" oops}',
    ):
        response = await call(stack, "POST", "/api/v1/auth/register", None, body)
        detail = assert_error(response, 400, "INVALID_REQUEST")["detail"]
        assert secret not in response.text
        assert detail in ("Request body is not valid UTF-8", "Request body is not valid JSON")
    release = await stack.publish(GREETER, public=True)
    run = await call(
        stack,
        "POST",
        f"/api/released-app/{release.deployment_id}/run",
        await stack.key("team-a"),
        b'{"inputs": {"text": "' + secret.encode() + b'\xff"}}',
    )
    refused = released_app_error(run, 400)
    assert secret not in run.text
    assert refused["details"][0]["field"] == "body"


async def test_a_bad_query_value_names_its_parameter_without_protobuf_words(stack: Stack) -> None:
    key = await stack.key("team-a")
    watch = await call(stack, "GET", "/api/released-app/runs/some-run/events?afterSeq=-5", key)
    body = released_app_error(watch, 400)
    assert body == {
        "error": "Input validation failed",
        "details": [{"field": "afterSeq", "message": "has an invalid value"}],
    }
    no_leaks(watch.text)
    _name, headers = await signed_in(stack, "query")
    listing = await call(stack, "GET", "/api/v1/workflows?skip=abc", headers=headers)
    assert assert_error(listing, 400, "INVALID_REQUEST")["detail"] == "skip has an invalid value"
    no_leaks(listing.text)


async def test_an_unknown_management_route_does_not_echo_the_path(stack: Stack) -> None:
    response = await call(stack, "GET", "/api/v1/no-such-thing-" + "q" * 20)
    assert assert_error(response, 404, "NOT_FOUND")["detail"] == "Not found"


async def test_headers_or_urls_too_large_are_a_431_in_the_family_shape(stack: Stack) -> None:
    key = await stack.key("team-a")
    long_query = "?" + "a=" + "b" * 70_000
    status, headers, body = await raw_get(stack, "/api/v1/workflows" + long_query)
    assert (status, headers["content-type"]) == (431, "application/json")
    assert json.loads(body) == {
        "detail": "Request headers too large",
        "error_code": "HEADERS_TOO_LARGE",
        "status_code": 431,
    }
    status, headers, body = await raw_get(
        stack, "/api/released-app/runs/r1" + long_query, {"Authorization": f"Bearer {key}"}
    )
    assert (status, headers["content-type"]) == (431, "application/json")
    assert json.loads(body) == {"error": "Request headers too large"}
    big_header = await call(stack, "GET", "/api/v1/auth/me", headers={"x-filler": "f" * 70_000})
    assert_error(big_header, 431, "HEADERS_TOO_LARGE")
    fits = await call(stack, "GET", "/api/v1/auth/me", headers={"x-filler": "f" * 30_000})
    assert fits.status_code == 401  # (no token) past Envoy: the server answered
    # past what Envoy's codec reads at all: still JSON, with both families' fields
    status, headers, body = await raw_get(stack, "/api/v1/workflows", {"x-filler": "f" * 300_000})
    assert (status, headers["content-type"]) == (431, "application/json")
    assert json.loads(body)["error_code"] == "HEADERS_TOO_LARGE"


async def test_grpc_callers_with_headers_too_large_get_a_grpc_status(stack: Stack) -> None:
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{stack.http_port}")
    try:
        stub = execution_service_pb2_grpc.ExecutionServiceStub(channel)
        with pytest.raises(grpc.aio.AioRpcError) as failed:
            await stub.GetRun(
                execution_service_pb2.GetRunRequest(run_id="r"),
                metadata=tuple((f"x-filler-{i}", "f" * 25_000) for i in range(3)),
            )
        assert failed.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    finally:
        await channel.close()
