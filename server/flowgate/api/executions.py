"""ExecutionService: typed run streams."""

from __future__ import annotations

import time
from typing import Any

import grpc

from flowgate.api import converters, errors
from flowgate.api.context import authorization, metadata_value
from flowgate.api.released_app import DOCUMENT_ROUTE_KEYS_ONLY, refuse_schedule_tokens
from flowgate.app.runs import RunTarget, RunUseCases
from flowgate.domain.events import Heartbeat, Sequenced
from flowgate.runtime.eventlog import RunLog
from flowgate.v1 import execution_service_pb2 as pb
from flowgate.v1 import execution_service_pb2_grpc as pb_grpc

Ctx = grpc.aio.ServicerContext[Any, Any]


async def _write_events(context: Ctx, channel: RunLog, response: type[Any], after_seq: int, heartbeat: float) -> None:
    """Every event after `after_seq`, written in place; a heartbeat (carrying the last seq,
    no new one) after `heartbeat` seconds without events."""
    write, fill = context.write, converters.fill_event
    last_seq = after_seq
    async for batch in channel.subscribe(after_seq, heartbeat_seconds=heartbeat):
        if not batch:
            message = response()
            fill(message.event, Sequenced(last_seq, time.time(), Heartbeat()))
            await write(message)
            continue
        for item in batch:
            message = response()
            fill(message.event, item)
            await write(message)
        last_seq = batch[-1].seq


class ExecutionServicer(pb_grpc.ExecutionServiceServicer):
    def __init__(self, runs: RunUseCases, heartbeat_seconds: float = 10.0) -> None:
        self._runs = runs
        self._heartbeat = heartbeat_seconds

    @errors.streaming()
    async def RunApp(self, request: pb.RunAppRequest, context: Ctx) -> None:  # type: ignore[override]
        # A coroutine that context.write()s (valid grpc.aio; the stubs only know generators).

        target = RunTarget(
            deployment_id=request.deployment_id if request.WhichOneof("target") == "deployment_id" else "",
            document_id=request.document_id if request.WhichOneof("target") == "document_id" else "",
            version=request.version,
        )
        if target.document_id:  # as on HTTP: the document target takes API keys only
            refuse_schedule_tokens(context, DOCUMENT_ROUTE_KEYS_ONLY)
        handle = await self._runs.start(
            authorization(context),
            target,
            converters.struct_to_dict(request.inputs),
            request.timeout_seconds if request.HasField("timeout_seconds") else None,
            schedule_tokens=bool(target.deployment_id),
            idempotency_key=request.idempotency_key or metadata_value(context, "idempotency-key") or "",
        )
        await _write_events(context, handle.channel, pb.RunAppResponse, 0, self._heartbeat)

    @errors.streaming()
    async def WatchRun(self, request: pb.WatchRunRequest, context: Ctx) -> None:  # type: ignore[override]
        channel = await self._runs.watch(authorization(context), request.run_id, request.after_seq)
        await _write_events(context, channel, pb.WatchRunResponse, request.after_seq, self._heartbeat)

    @errors.unary()
    async def CancelRun(self, request: pb.CancelRunRequest, context: Ctx) -> pb.CancelRunResponse:
        status = await self._runs.cancel(authorization(context), request.run_id)
        return pb.CancelRunResponse(status=converters.RUN_STATUS[status])

    @errors.unary()
    async def GetRun(self, request: pb.GetRunRequest, context: Ctx) -> pb.GetRunResponse:
        run = await self._runs.get(authorization(context), request.run_id)
        return pb.GetRunResponse(run=converters.run_to_proto(run))
