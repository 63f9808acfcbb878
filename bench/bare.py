"""The baseline: a bare grpc.aio server that streams pre-built protobuf messages of a given
size and count (serialized per message, as any grpc.aio servicer does), with no engine,
store or Envoy — the physical limit of this stack."""

from __future__ import annotations

from collections.abc import AsyncIterator

import grpc

from flowgate.v1 import execution_pb2, execution_service_pb2

METHOD = "/bench.Bare/Stream"


def message_of_size(size: int) -> execution_service_pb2.RunAppResponse:
    """A RunAppResponse carrying a block chunk, about `size` bytes serialized."""
    event = execution_pb2.RunEvent(seq=1, block_chunk=execution_pb2.BlockChunk(block_id="llm-1", delta=""))
    base = len(execution_service_pb2.RunAppResponse(event=event).SerializeToString())
    event.block_chunk.delta = "x" * max(0, size - base - 2)
    return execution_service_pb2.RunAppResponse(event=event)


def handler() -> grpc.GenericRpcHandler:
    """Streams `count` messages of `size` bytes; the request is b"count,size"."""
    cache: dict[tuple[int, int], execution_service_pb2.RunAppResponse] = {}

    async def stream(request: bytes, context: object) -> AsyncIterator[execution_service_pb2.RunAppResponse]:
        count, size = (int(x) for x in request.decode().split(","))
        message = cache.get((count, size))
        if message is None:
            message = cache[(count, size)] = message_of_size(size)
        for _ in range(count):
            yield message

    async def unary(request: bytes, context: object) -> bytes:
        return request

    return grpc.method_handlers_generic_handler(
        "bench.Bare",
        {
            "Stream": grpc.unary_stream_rpc_method_handler(
                stream,
                request_deserializer=None,
                response_serializer=execution_service_pb2.RunAppResponse.SerializeToString,
            ),
            "Echo": grpc.unary_unary_rpc_method_handler(unary),
        },
    )
