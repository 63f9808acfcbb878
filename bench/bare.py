"""The baseline: a bare grpc.aio server that streams pre-built protobuf messages of a given
size and count (serialized per message, as any grpc.aio servicer does), with no engine,
store or Envoy — the physical limit of this stack."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import grpc

from flowgate.v1 import execution_pb2, execution_service_pb2

METHOD = "/bench.Bare/Stream"
UNARY = "/bench.Bare/Unary"
"""Unary: the request is b"size,<padding>"; the answer a message of about `size` bytes."""
PACED = "/bench.Bare/Paced"
"""Paced: the request is b"count,size,interval_ms,pre,post": `pre` messages at once, then
`count` messages each after a pause of `interval_ms` (as a paced model sends its tokens:
a sleep before each, relative to the previous one), then `post` messages at once."""


def message_of_size(size: int) -> execution_service_pb2.RunAppResponse:
    """A RunAppResponse carrying a block chunk, about `size` bytes serialized."""
    event = execution_pb2.RunEvent(seq=1, block_chunk=execution_pb2.BlockChunk(block_id="llm-1", delta=""))
    base = len(execution_service_pb2.RunAppResponse(event=event).SerializeToString())
    event.block_chunk.delta = "x" * max(0, size - base - 2)
    return execution_service_pb2.RunAppResponse(event=event)


def handler() -> grpc.GenericRpcHandler:
    """Streams `count` messages of `size` bytes; the request is b"count,size"."""
    cache: dict[tuple[int, int], execution_service_pb2.RunAppResponse] = {}
    sized_cache: dict[int, execution_service_pb2.RunAppResponse] = {}

    async def stream(request: bytes, context: object) -> AsyncIterator[execution_service_pb2.RunAppResponse]:
        count, size = (int(x) for x in request.decode().split(","))
        message = cache.get((count, size))
        if message is None:
            message = cache[(count, size)] = message_of_size(size)
        for _ in range(count):
            yield message

    async def paced(request: bytes, context: object) -> AsyncIterator[execution_service_pb2.RunAppResponse]:
        count, size, interval_ms, pre, post = (int(x) for x in request.decode().split(","))
        message = sized_cache.get(size)
        if message is None:
            message = sized_cache[size] = message_of_size(size)
        for _ in range(pre):
            yield message
        for _ in range(count):
            await asyncio.sleep(interval_ms / 1000)
            yield message
        for _ in range(post):
            yield message

    async def unary(request: bytes, context: object) -> bytes:
        return request

    async def sized(request: bytes, context: object) -> execution_service_pb2.RunAppResponse:
        # b"size,<padding>": a pre-built message of about `size` bytes (serialized per call)
        size = int(request.partition(b",")[0])
        message = sized_cache.get(size)
        if message is None:
            message = sized_cache[size] = message_of_size(size)
        return message

    return grpc.method_handlers_generic_handler(
        "bench.Bare",
        {
            "Stream": grpc.unary_stream_rpc_method_handler(
                stream,
                request_deserializer=None,
                response_serializer=execution_service_pb2.RunAppResponse.SerializeToString,
            ),
            "Paced": grpc.unary_stream_rpc_method_handler(
                paced,
                request_deserializer=None,
                response_serializer=execution_service_pb2.RunAppResponse.SerializeToString,
            ),
            "Echo": grpc.unary_unary_rpc_method_handler(unary),
            "Unary": grpc.unary_unary_rpc_method_handler(
                sized,
                request_deserializer=None,
                response_serializer=execution_service_pb2.RunAppResponse.SerializeToString,
            ),
        },
    )
