"""gRPC server reflection: v1 and v1alpha, directly and through Envoy, with grpcurl and
with a raw v1 client; FLOWGATE_GRPC_REFLECTION=false turns both off."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import grpc
import pytest
import pytest_asyncio
from google.protobuf import descriptor_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2

from tests.harness import Stack, sqlite_url, start_stack, stop_stack

pytestmark = pytest.mark.asyncio(loop_scope="session")

GRPCURL = str(Path(sys.executable).parent / "grpcurl")
V1_METHOD = "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    """A stack with reflection on, as by default (Envoy in front)."""
    s = await start_stack(sqlite_url(tmp_path_factory.mktemp("reflective")), with_envoy=True)
    try:
        yield s
    finally:
        await stop_stack(s)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def quiet_stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    """A stack with reflection turned off (Envoy in front)."""
    s = await start_stack(sqlite_url(tmp_path_factory.mktemp("quiet")), with_envoy=True, grpc_reflection=False)
    try:
        yield s
    finally:
        await stop_stack(s)


async def grpcurl(*args: str) -> subprocess.CompletedProcess[str]:
    return await asyncio.to_thread(
        subprocess.run, [GRPCURL, "-plaintext", *args], capture_output=True, text=True, timeout=30, check=False
    )


async def v1_reflect(channel: grpc.aio.Channel, *requests: reflection_pb2.ServerReflectionRequest) -> list[bytes]:
    """The raw answers of grpc.reflection.v1 (the messages are v1alpha's, field for field)."""
    call = channel.stream_stream(V1_METHOD, request_serializer=lambda b: b, response_deserializer=lambda b: b)
    return [answer async for answer in call(iter([r.SerializeToString() for r in requests]))]


async def test_grpcurl_lists_and_describes_directly_and_through_envoy(stack: Stack) -> None:
    for target in (stack.grpc_target, f"127.0.0.1:{stack.http_port}"):
        listed = await grpcurl(target, "list")
        assert listed.returncode == 0, listed.stderr
        services = listed.stdout.split()
        for name in (
            "flowgate.v1.ExecutionService",
            "flowgate.v1.AccountService",
            "grpc.health.v1.Health",
            "grpc.reflection.v1.ServerReflection",
            "grpc.reflection.v1alpha.ServerReflection",
        ):
            assert name in services
    described = await grpcurl(stack.grpc_target, "describe", "grpc.reflection.v1.ServerReflection")
    assert described.returncode == 0, described.stderr
    assert (
        "rpc ServerReflectionInfo ( stream .grpc.reflection.v1.ServerReflectionRequest ) "
        "returns ( stream .grpc.reflection.v1.ServerReflectionResponse );" in described.stdout
    )


async def test_a_raw_v1_client_lists_services_and_gets_files(stack: Stack) -> None:
    answers = [
        reflection_pb2.ServerReflectionResponse.FromString(raw)
        for raw in await v1_reflect(
            stack.channel,
            reflection_pb2.ServerReflectionRequest(list_services=""),
            reflection_pb2.ServerReflectionRequest(file_containing_symbol="flowgate.v1.ExecutionService"),
            reflection_pb2.ServerReflectionRequest(file_by_filename="grpc/reflection/v1/reflection.proto"),
        )
    ]
    assert len(answers) == 3
    listed = {s.name for s in answers[0].list_services_response.service}
    assert {"flowgate.v1.ExecutionService", "grpc.reflection.v1.ServerReflection"} <= listed
    files = [
        descriptor_pb2.FileDescriptorProto.FromString(b)
        for b in answers[1].file_descriptor_response.file_descriptor_proto
    ]
    assert any(f.package == "flowgate.v1" and "ExecutionService" in {s.name for s in f.service} for f in files)
    (v1,) = [
        descriptor_pb2.FileDescriptorProto.FromString(b)
        for b in answers[2].file_descriptor_response.file_descriptor_proto
    ]
    assert v1.package == "grpc.reflection.v1"
    assert [m.input_type for m in v1.service[0].method] == [".grpc.reflection.v1.ServerReflectionRequest"]


async def test_reflection_can_be_turned_off(quiet_stack: Stack) -> None:
    for target in (quiet_stack.grpc_target, f"127.0.0.1:{quiet_stack.http_port}"):
        listed = await grpcurl(target, "list")
        assert listed.returncode != 0
        assert "server does not support the reflection API" in listed.stderr
    # No request message: the server refuses the unknown method at once, and a message the
    # client would still be sending can race that refusal (grpc then reports INTERNAL).
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await v1_reflect(quiet_stack.channel)
    assert caught.value.code() is grpc.StatusCode.UNIMPLEMENTED
    # The services themselves still answer.
    health: Any = health_pb2_grpc.HealthStub(quiet_stack.channel)
    answer = await health.Check(health_pb2.HealthCheckRequest(service="flowgate.v1.ExecutionService"))
    assert answer.status == health_pb2.HealthCheckResponse.SERVING
