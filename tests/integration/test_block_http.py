"""The http block: through RunApp over real gRPC against a local HTTP server, and on the
engine alone for config validation and body building."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any

import grpc
import pytest
import pytest_asyncio
from google.protobuf import json_format
from google.rpc import error_details_pb2, status_pb2

from flowgate.domain.errors import InvalidWorkflow
from flowgate.domain.events import BlockStarted
from flowgate.domain.models import Graph, RunStatus
from flowgate.engine.blocks import default_registry
from flowgate.engine.blocks.http import HttpBlock
from flowgate.engine.executor import Executor, RunSpec
from flowgate.engine.graph import compile_graph
from flowgate.engine.http import OutboundHttp
from flowgate.engine.limits import EngineLimits
from flowgate.engine.services import Services
from flowgate.v1 import execution_pb2
from tests.eventually import eventually
from tests.fakes.http_server import FakeHttpServer
from tests.harness import Stack, linear, run_events, sqlite_url, start_stack, stop_stack

pytestmark = pytest.mark.asyncio(loop_scope="session")

REGISTRY = default_registry(HttpBlock())
LIMITS = EngineLimits()


@pytest.fixture(scope="module")
def server() -> Iterator[FakeHttpServer]:
    with FakeHttpServer() as s:
        yield s


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def fetcher() -> AsyncIterator[OutboundHttp]:
    async with OutboundHttp(allowed_networks=["127.0.0.1/32"]) as f:
        yield f


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def http_stack(tmp_path_factory: pytest.TempPathFactory, fetcher: OutboundHttp) -> AsyncIterator[Stack]:
    stack = await start_stack(
        sqlite_url(tmp_path_factory.mktemp("http-block")),
        with_envoy=False,
        blocks=REGISTRY,
        services=Services(http=fetcher),
    )
    try:
        yield stack
    finally:
        await stop_stack(stack)


def http_node(**data: Any) -> dict[str, Any]:
    return {"id": "fetch", "type": "http", "data": {"label": "Fetch", **data}}


async def run(stack: Stack, graph: dict[str, Any], inputs: dict[str, Any] | None = None) -> execution_pb2.RunCompleted:
    release = await stack.publish(graph, public=True)
    events = await run_events(stack, await stack.key("team-a"), deploymentId=release.deployment_id, inputs=inputs or {})
    assert events[-1].HasField("run_completed")
    return events[-1].run_completed


def outputs(done: execution_pb2.RunCompleted) -> Any:
    return json_format.MessageToDict(done.outputs)


# ---- over gRPC ------------------------------------------------------------------------------


async def test_templated_request_from_run_inputs_reaches_run_completed(
    http_stack: Stack, server: FakeHttpServer
) -> None:
    graph = linear(
        http_node(
            method="post",
            url=f"http://127.0.0.1:{server.port}/echo/{{city}}",
            headers={"Authorization": "Bearer {inputs.token}", "X-City": "{{ inputs.city | upper }}"},
            params={"units": "{units}", "tag": "{tags}", "missing": "{nothing}"},
            body={"city": "{city}", "days": "{days}", "note": "weather for {city}", "tags": "{tags}", "fixed": 1},
        ),
        inputs=[
            {"name": "city", "type": "string", "required": True},
            {"name": "days", "type": "integer"},
            {"name": "token", "type": "string"},
            {"name": "units", "type": "string", "default": "metric"},
            {"name": "tags", "type": "array"},
            {"name": "nothing", "type": "string"},
        ],
    )
    done = await run(
        http_stack, graph, {"city": "Paris", "days": 3, "token": "tok-123", "tags": ["a", "b"], "nothing": None}
    )

    assert done.status == execution_pb2.RUN_STATUS_SUCCEEDED, done.error.message
    out = outputs(done)
    assert out["status"] == 200
    assert out["truncated"] is False
    assert out["headers"]["content-type"] == "application/json"
    echo = out["body"]  # parsed JSON: the response said application/json
    assert (echo["method"], echo["path"]) == ("POST", "/echo/Paris")
    assert echo["query"] == {"units": ["metric"], "tag": ["a", "b"]}  # null parameters are left out
    assert echo["headers"]["authorization"] == "Bearer tok-123"
    assert echo["headers"]["x-city"] == "PARIS"
    assert echo["headers"]["content-type"] == "application/json"
    # Lone references keep their types (a number, a list); other strings are rendered text.
    assert echo["json"] == {"city": "Paris", "days": 3, "note": "weather for Paris", "tags": ["a", "b"], "fixed": 1}


async def test_refused_target_fails_the_run_with_a_clear_message(http_stack: Stack) -> None:
    graph = linear(
        http_node(url="http://169.254.169.254/latest/meta-data/{path}", headers={"Authorization": "Bearer {key}"}),
        inputs=[{"name": "path", "type": "string"}, {"name": "key", "type": "string"}],
    )
    done = await run(http_stack, graph, {"path": "iam/security-credentials/", "key": "SECRET-KEY"})

    assert done.status == execution_pb2.RUN_STATUS_FAILED
    assert (done.error.reason, done.error.block_id) == ("BLOCK_FAILED", "fetch")
    assert done.error.message == (
        "target not allowed: 169.254.169.254 is a link-local address (cloud metadata services live here)"
    )
    failed = [s for s in done.sessions if s.block_id == "fetch"]
    assert failed[0].error.message == done.error.message
    assert "SECRET-KEY" not in done.error.message  # neither header values
    assert "security-credentials" not in done.error.message  # nor the URL's path


async def test_error_statuses_fail_the_block_unless_told_otherwise(http_stack: Stack, server: FakeHttpServer) -> None:
    url = f"http://127.0.0.1:{server.port}/status/404"
    failed = await run(http_stack, linear(http_node(url=url)))
    assert failed.status == execution_pb2.RUN_STATUS_FAILED
    assert failed.error.message == "HTTP 404 Not Found from 127.0.0.1"

    kept = await run(http_stack, linear(http_node(url=url, fail_on_status=False)))
    assert kept.status == execution_pb2.RUN_STATUS_SUCCEEDED
    out = outputs(kept)
    assert (out["status"], out["body"], out["truncated"]) == (404, "status 404", False)
    assert out["headers"]["content-type"] == "text/plain"


async def test_text_and_form_bodies_and_a_capped_response(http_stack: Stack, server: FakeHttpServer) -> None:
    base = f"http://127.0.0.1:{server.port}"
    text = await run(
        http_stack,
        linear(http_node(method="PUT", url=f"{base}/echo/text", body="Hello, {name}!", body_type="text")),
        {"name": "Ada"},
    )
    echo = outputs(text)["body"]
    assert (echo["body"], echo["headers"]["content-type"]) == ("Hello, Ada!", "text/plain; charset=utf-8")

    form = await run(
        http_stack,
        linear(
            http_node(
                method="POST",
                url=f"{base}/echo/form",
                body={"name": "{name}", "ids": "{ids}", "flag": True},
                body_type="form",
            )
        ),
        {"name": "Ada Lovelace", "ids": [1, 2]},
    )
    assert outputs(form)["body"]["form"] == {"name": ["Ada Lovelace"], "ids": ["1", "2"], "flag": ["true"]}

    capped = await run(http_stack, linear(http_node(url=f"{base}/bytes/5000", max_response_bytes=100)))
    out = outputs(capped)
    assert (out["body"], out["truncated"]) == ("x" * 100, True)


async def test_invalid_config_is_reported_per_field(http_stack: Stack) -> None:
    graph = {
        "nodes": [
            {"id": "start", "type": "start"},
            {"id": "a", "type": "http", "data": {"label": "A", "method": "FETCH", "url": "http://example.com/"}},
            {"id": "b", "type": "http", "data": {"label": "B"}},
            {"id": "c", "type": "http", "data": {"label": "C", "url": "ftp://example.com/file"}},
            {"id": "d", "type": "http", "data": {"label": "D", "url": "https://x.test", "headers": {"Host": "y"}}},
            {
                "id": "f",
                "type": "http",
                "data": {"label": "F", "url": "https://x.test", "body_type": "form", "body": "a"},
            },
            {"id": "end", "type": "end"},
        ],
        "edges": [{"id": f"e-{n}", "source": "start", "target": n} for n in "abcdf"]
        + [{"id": f"x-{n}", "source": n, "target": "end"} for n in "abcdf"],
    }
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await http_stack.publish(graph)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert bad_request_fields(err.value) >= {
        "nodes[a].data.method",
        "nodes[b].data.url",
        "nodes[c].data.url",
        "nodes[d].data.headers",
        "nodes[f].data.body_type",
    }


def bad_request_fields(err: grpc.aio.AioRpcError) -> set[str]:
    raw = dict(err.trailing_metadata() or ()).get("grpc-status-details-bin")
    assert isinstance(raw, bytes)
    fields: set[str] = set()
    for detail in status_pb2.Status.FromString(raw).details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            fields |= {v.field for v in bad.field_violations}
    return fields


# ---- on the engine alone -------------------------------------------------------------------------


def compile_http(**data: Any) -> Any:
    return compile_graph(Graph.from_json(linear(http_node(**data))), REGISTRY, LIMITS)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"url": "http://x.test", "method": "TRACE"}, "method", "Input should be 'GET'"),
        ({}, "url", "Field required"),
        ({"url": ""}, "url", "at least 1 character"),
        ({"url": "example.com/path"}, "url", "must start with http:// or https://"),
        ({"url": "file:///etc/passwd"}, "url", "only http:// and https://"),
        ({"url": "http://x.test/{{ broken"}, "url", "template syntax error"),
        ({"url": "http://x.test", "headers": {"Bad Name": "x"}}, "headers", "invalid header name"),
        ({"url": "http://x.test", "headers": {"Content-Length": "1"}}, "headers", "set by the HTTP client"),
        ({"url": "http://x.test", "body": {"a": "{{ x"}}, "body", "template syntax error"),
        ({"url": "http://x.test", "body": {"a": 1}, "body_type": "text"}, "body_type", "needs a string body"),
        ({"url": "http://x.test", "body": {"a": {"b": 1}}, "body_type": "form"}, "body_type", "form field 'a'"),
        ({"url": "http://x.test", "request_timeout_seconds": 0}, "request_timeout_seconds", "greater than 0"),
        ({"url": "http://x.test", "max_response_bytes": -1}, "max_response_bytes", "greater than 0"),
    ],
)
async def test_config_is_validated_at_compile_time(data: dict[str, Any], field: str, message: str) -> None:
    with pytest.raises(InvalidWorkflow) as err:
        compile_http(**data)
    found = {v.field: v.message for v in err.value.violations}
    assert f"nodes[fetch].data.{field}" in found, found
    assert message in found[f"nodes[fetch].data.{field}"]


async def test_references_are_checked_like_any_block_config() -> None:
    graph = linear(
        http_node(url="http://x.test/{ghost.id}", headers={"X-A": "{q}", "X-B": "{phantom}"}, params={"p": "{nope}"}),
        inputs=[{"name": "q"}],
    )
    with pytest.raises(InvalidWorkflow) as err:
        compile_graph(Graph.from_json(graph), REGISTRY, LIMITS)
    assert {v.field for v in err.value.violations} == {
        "nodes[fetch].data.url",
        "nodes[fetch].data.headers.X-B",
        "nodes[fetch].data.params.p",
    }


async def test_valid_configs_compile() -> None:
    compile_http(url="{base}/x", method="delete")
    compile_http(url="HTTPS://x.test", body='{"a": "{q}"}', params={"q": "{q}"}, headers={"X-Key": "{key}"})
    compile_http(url="https://x.test", body=[1, "{a}", {"b": "{c}"}], request_timeout_seconds=5, fail_on_status=False)


async def execute(graph: dict[str, Any], inputs: dict[str, Any], services: Services) -> Any:
    compiled = compile_graph(Graph.from_json(graph), REGISTRY, LIMITS)
    executor = Executor(LIMITS, services)
    return await executor.run(compiled, RunSpec("r", "d", "dep", "1.0.0", 10.0), inputs, lambda _e: None)


async def test_without_the_service_the_block_fails_clearly() -> None:
    done = await execute(linear(http_node(url="https://api.example.com/")), {}, Services())
    assert done.status is RunStatus.FAILED
    assert done.error_message == "outbound HTTP is not available on this server (no HTTP service configured)"


async def test_json_string_bodies(server: FakeHttpServer, fetcher: OutboundHttp) -> None:
    url = f"http://127.0.0.1:{server.port}/echo/json-string"
    services = Services(http=fetcher)

    lone = await execute(linear(http_node(method="POST", url=url, body="{doc}")), {"doc": {"a": [1]}}, services)
    assert lone.status is RunStatus.SUCCEEDED, lone.error_message
    assert lone.outputs["body"]["json"] == {"a": [1]}

    templated = await execute(
        linear(http_node(method="POST", url=url, body='{"n": {{ inputs.n }}}')), {"n": 7}, services
    )
    assert templated.status is RunStatus.SUCCEEDED, templated.error_message
    assert templated.outputs["body"]["json"] == {"n": 7}

    broken = await execute(linear(http_node(method="POST", url=url, body='{"q": "{q}"}')), {"q": 'say "hi"'}, services)
    assert broken.status is RunStatus.FAILED
    assert broken.error_message.startswith("body is not valid JSON after rendering")


async def test_unknown_body_reference_fails_the_block_at_run_time(fetcher: OutboundHttp) -> None:
    # The graph compiler skips fields named `body` (loop bodies), so this one is found when the block runs.
    graph = linear(http_node(method="POST", url="http://10.0.0.1/", body={"deep": ["{phantom}"]}))
    done = await execute(graph, {}, Services(http=fetcher))
    assert done.status is RunStatus.FAILED
    assert done.error_message == "{phantom}: no input, block or variable named 'phantom'"


async def test_cancelling_a_run_aborts_the_request(server: FakeHttpServer, fetcher: OutboundHttp) -> None:
    compiled = compile_graph(
        Graph.from_json(linear(http_node(url=f"http://127.0.0.1:{server.port}/slow?seconds=30"))), REGISTRY, LIMITS
    )
    started = asyncio.Event()

    def emit(event: object) -> None:
        if isinstance(event, BlockStarted) and event.block_id == "fetch":
            started.set()

    seen = len(server.requests)
    task = asyncio.create_task(
        Executor(LIMITS, Services(http=fetcher)).run(compiled, RunSpec("r", "d", "dep", "1.0.0", 60.0), {}, emit)
    )
    await started.wait()
    await eventually(lambda: any(r.path.startswith("/slow") for r in server.requests[seen:]))  # in flight
    task.cancel()
    done = await task
    assert done.status is RunStatus.CANCELLED
    # The shared client is still fine afterwards.
    after = await execute(linear(http_node(url=f"http://127.0.0.1:{server.port}/json")), {}, Services(http=fetcher))
    assert after.outputs["body"] == {"hello": "world", "items": [1, 2, 3]}


async def test_text_responses_and_json_that_does_not_parse(server: FakeHttpServer, fetcher: OutboundHttp) -> None:
    base = f"http://127.0.0.1:{server.port}"
    services = Services(http=fetcher)
    text = await execute(linear(http_node(url=f"{base}/text")), {}, services)
    assert text.outputs["body"] == "plain text ü"
    cut = await execute(linear(http_node(url=f"{base}/json", max_response_bytes=10)), {}, services)
    assert (cut.outputs["body"], cut.outputs["truncated"]) == ('{"hello": ', True)  # cut JSON stays text
