"""ReleasedAppService: the released-app HTTP family, rendered to its documented bytes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import grpc
from google.api import httpbody_pb2

from flowgate.api import errors
from flowgate.api.context import authorization, metadata_value, off_loop
from flowgate.api.events import RunEvents
from flowgate.app.runs import RunHandle, RunTarget, RunUseCases
from flowgate.dialects import released_app as dialect
from flowgate.dialects.json_limits import DEFAULT_MAX_JSON_DEPTH
from flowgate.domain.errors import ResponseTooLarge
from flowgate.domain.events import RunCompleted
from flowgate.domain.models import JSONValue
from flowgate.v1 import released_app_service_pb2 as pb
from flowgate.v1 import released_app_service_pb2_grpc as pb_grpc

Ctx = grpc.aio.ServicerContext[Any, Any]


def _idempotency_key(field: str, context: Ctx) -> str:
    return field or metadata_value(context, "idempotency-key") or ""


async def _write(context: Ctx, content_type: str, text: str) -> None:
    await context.write(httpbody_pb2.HttpBody(content_type=content_type, data=text.encode()))


async def _stream(
    context: Ctx,
    channel: RunEvents,
    fmt: str,
    hidden: frozenset[str],
    heartbeat: float,
    after_seq: int = 0,
) -> None:
    """NDJSON or SSE of the run's events after `after_seq`, with heartbeats when idle."""
    render, content_type, beat = dialect.framing(fmt)
    async for batch in channel.subscribe(after_seq, heartbeat_seconds=heartbeat):
        await _write(context, content_type, render(batch, hidden) if batch else beat)


async def _one_shot(context: Ctx, runs: RunUseCases, handle: RunHandle, max_bytes: int) -> None:
    """The run's one JSON document, once it completes. Over `max_bytes` it is refused
    (413) and the run is not charged: the caller never got its answer."""
    async for batch in handle.channel.subscribe():
        last = batch[-1].event if batch else None
        if isinstance(last, RunCompleted):
            data = dialect.one_shot(handle.release.document_id, last, handle.hidden).encode()
            if len(data) > max_bytes:
                await runs.answer_refused(handle, last)
                raise ResponseTooLarge(max_bytes)
            await context.write(httpbody_pb2.HttpBody(content_type=dialect.JSON, data=data))


class ReleasedAppServicer(pb_grpc.ReleasedAppServiceServicer):
    def __init__(
        self,
        runs: RunUseCases,
        heartbeat_seconds: float = 10.0,
        *,
        max_response_bytes: int = 4 * 1024 * 1024,
        max_json_depth: int = DEFAULT_MAX_JSON_DEPTH,
    ) -> None:
        self._runs = runs
        self._heartbeat = heartbeat_seconds
        self._max_response = max_response_bytes
        self._depth = max_json_depth

    async def _respond(self, context: Ctx, handle: RunHandle, stream: bool, fmt: str) -> None:
        if stream:
            await _stream(context, handle.channel, fmt, handle.hidden, self._heartbeat)
        else:
            await _one_shot(context, self._runs, handle, self._max_response)

    @errors.streaming(dialect.error_body)
    async def RunDeployment(self, request: pb.RunDeploymentRequest, context: Ctx) -> None:  # type: ignore[override]
        body = await off_loop(dialect.parse_run_body, request.body.data, self._depth)
        target = RunTarget(deployment_id=request.deployment_id, version=body.version)
        handle = await self._runs.start(
            authorization(context),
            target,
            body.inputs,
            body.timeout,
            idempotency_key=_idempotency_key(body.idempotency_key, context),
        )
        await self._respond(context, handle, body.stream, body.format)

    @errors.streaming(dialect.error_body)
    async def RunDocument(self, request: pb.RunDocumentRequest, context: Ctx) -> None:  # type: ignore[override]
        # Keys only here: a schedule token is refused before the body is looked at.
        self._runs.refuse_schedule_tokens(authorization(context), RunTarget(document_id=request.document_id))
        body = await off_loop(dialect.parse_run_body, request.body.data, self._depth)
        target = RunTarget(document_id=request.document_id, version=body.version)
        handle = await self._runs.start(
            authorization(context),
            target,
            body.inputs,
            body.timeout,
            idempotency_key=_idempotency_key(body.idempotency_key, context),
        )
        await self._respond(context, handle, body.stream, body.format)

    @errors.streaming(dialect.error_body)
    async def RunRoute(self, request: pb.RunRouteRequest, context: Ctx) -> None:  # type: ignore[override]
        method = (metadata_value(context, "x-flowgate-method") or "POST").upper()
        target = RunTarget(alias=request.alias, version=request.version, method=method, path=request.path)
        self._runs.refuse_schedule_tokens(authorization(context), target)  # before the body, as above
        inputs: Mapping[str, JSONValue]
        if method == "GET":
            inputs = dialect.query_inputs(metadata_value(context, "x-flowgate-query") or "")
        else:
            inputs = await off_loop(dialect.body_inputs, request.body.data, self._depth)
        handle = await self._runs.start(
            authorization(context),
            target,
            inputs,
            idempotency_key=_idempotency_key("", context),
        )
        await _one_shot(context, self._runs, handle, self._max_response)

    @errors.unary(dialect.error_body)
    async def GetReleasedRun(self, request: pb.GetReleasedRunRequest, context: Ctx) -> httpbody_pb2.HttpBody:
        run = await self._runs.get(authorization(context), request.run_id)
        return httpbody_pb2.HttpBody(content_type=dialect.JSON, data=dialect.run_detail(run).encode())

    @errors.unary(dialect.error_body)
    async def CancelReleasedRun(self, request: pb.CancelReleasedRunRequest, context: Ctx) -> httpbody_pb2.HttpBody:
        status = await self._runs.cancel(authorization(context), request.run_id)
        return httpbody_pb2.HttpBody(
            content_type=dialect.JSON, data=dialect.cancel_ack(request.run_id, status).encode()
        )

    @errors.streaming(dialect.error_body)
    async def WatchReleasedRun(self, request: pb.WatchReleasedRunRequest, context: Ctx) -> None:  # type: ignore[override]
        fmt = dialect.watch_format(request.format)
        after = dialect.resume_after(request.after_seq, metadata_value(context, "last-event-id") or "")
        channel = await self._runs.watch(authorization(context), request.run_id, after)
        hidden = await self._runs.hidden_blocks(request.run_id)
        await _stream(context, channel, fmt, hidden, self._heartbeat, after)
