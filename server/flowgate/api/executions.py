"""ExecutionService: typed run streams."""

from __future__ import annotations

from typing import Any

import grpc

from flowgate.api import converters, errors
from flowgate.api.context import authorization
from flowgate.app.runs import RunTarget, RunUseCases
from flowgate.v1 import execution_service_pb2 as pb
from flowgate.v1 import execution_service_pb2_grpc as pb_grpc

Ctx = grpc.aio.ServicerContext[Any, Any]


class ExecutionServicer(pb_grpc.ExecutionServiceServicer):
    def __init__(self, runs: RunUseCases) -> None:
        self._runs = runs

    @errors.streaming()
    async def RunApp(self, request: pb.RunAppRequest, context: Ctx) -> None:  # type: ignore[override]
        # A coroutine that context.write()s (valid grpc.aio; the stubs only know generators).

        target = RunTarget(
            deployment_id=request.deployment_id if request.WhichOneof("target") == "deployment_id" else "",
            document_id=request.document_id if request.WhichOneof("target") == "document_id" else "",
            version=request.version,
        )
        handle = await self._runs.start(
            authorization(context),
            target,
            converters.struct_to_dict(request.inputs),
            request.timeout_seconds if request.HasField("timeout_seconds") else None,
        )
        write, response, fill = context.write, pb.RunAppResponse, converters.fill_event
        async for batch in handle.channel.subscribe():
            for item in batch:
                message = response()
                fill(message.event, item)
                await write(message)

    @errors.unary()
    async def CancelRun(self, request: pb.CancelRunRequest, context: Ctx) -> pb.CancelRunResponse:
        status = await self._runs.cancel(authorization(context), request.run_id)
        return pb.CancelRunResponse(status=converters.RUN_STATUS[status])

    @errors.unary()
    async def GetRun(self, request: pb.GetRunRequest, context: Ctx) -> pb.GetRunResponse:
        run = await self._runs.get(authorization(context), request.run_id)
        return pb.GetRunResponse(run=converters.run_to_proto(run))
