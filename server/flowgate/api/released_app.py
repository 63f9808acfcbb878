"""ReleasedAppService: the released-app HTTP family, rendered to its documented bytes."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import parse_qsl

import grpc
from google.api import httpbody_pb2

from flowgate.api import errors
from flowgate.api.context import authorization, metadata_value
from flowgate.api.limits import DEFAULT_MAX_JSON_DEPTH, json_too_deep, too_deep_message
from flowgate.app.runs import RunHandle, RunTarget, RunUseCases
from flowgate.auth.keys import SCHEDULE_PREFIX, bearer_token
from flowgate.dialects import released_app as dialect
from flowgate.domain.errors import (
    FieldViolation,
    FlowgateError,
    InputValidationFailed,
    ResponseTooLarge,
    Unauthenticated,
)
from flowgate.domain.events import RunCompleted
from flowgate.domain.models import JSONValue
from flowgate.runtime.eventlog import RunLog
from flowgate.v1 import released_app_service_pb2 as pb
from flowgate.v1 import released_app_service_pb2_grpc as pb_grpc

Ctx = grpc.aio.ServicerContext[Any, Any]

DOCUMENT_ROUTE_KEYS_ONLY = "Unauthorized: Document ID route only supports API key authentication"


def _format(value: str) -> str:
    fmt = value or "ndjson"
    if fmt not in ("ndjson", "sse"):
        raise InputValidationFailed([FieldViolation("format", "must be 'ndjson' or 'sse'")])
    return fmt


def _idempotency_key(field: str, context: Ctx) -> str:
    return field or metadata_value(context, "idempotency-key") or ""


def refuse_schedule_tokens(context: Ctx, message: str) -> None:
    """Routes that take API keys only: a schedule token gets the documented 401."""
    try:
        token = bearer_token(authorization(context))
    except FlowgateError:
        return  # no usable credentials at all: authentication says so
    if token.startswith(SCHEDULE_PREFIX):
        raise Unauthenticated(message)


async def _write(context: Ctx, content_type: str, text: str) -> None:
    await context.write(httpbody_pb2.HttpBody(content_type=content_type, data=text.encode()))


async def _stream(
    context: Ctx,
    channel: RunLog,
    fmt: str,
    hidden: frozenset[str],
    heartbeat: float,
    after_seq: int = 0,
) -> None:
    """NDJSON or SSE of the run's events after `after_seq`, with heartbeats when idle."""
    if fmt == "sse":
        render, content_type, beat = dialect.sse, dialect.SSE, dialect.SSE_HEARTBEAT
    else:
        render, content_type, beat = dialect.ndjson, dialect.NDJSON, dialect.NDJSON_HEARTBEAT
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
        body = await _off_loop(parse_run_body, request.body.data, self._depth)
        target = RunTarget(deployment_id=request.deployment_id, version=body.version)
        handle = await self._runs.start(
            authorization(context),
            target,
            body.inputs,
            body.timeout,
            schedule_tokens=True,
            idempotency_key=_idempotency_key(body.idempotency_key, context),
        )
        await self._respond(context, handle, body.stream, body.format)

    @errors.streaming(dialect.error_body)
    async def RunDocument(self, request: pb.RunDocumentRequest, context: Ctx) -> None:  # type: ignore[override]
        refuse_schedule_tokens(context, DOCUMENT_ROUTE_KEYS_ONLY)
        body = await _off_loop(parse_run_body, request.body.data, self._depth)
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
        refuse_schedule_tokens(context, "Unauthorized")
        method = (metadata_value(context, "x-flowgate-method") or "POST").upper()
        inputs: Mapping[str, JSONValue]
        if method == "GET":
            inputs = _query_inputs(metadata_value(context, "x-flowgate-query") or "")
        else:
            inputs = await _off_loop(_body_inputs, request.body.data, self._depth)
        target = RunTarget(alias=request.alias, version=request.version, method=method, path=request.path)
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
        fmt = _format(request.format)
        after = request.after_seq
        last_event_id = metadata_value(context, "last-event-id") or ""
        if last_event_id.strip().isdigit():
            after = max(after, int(last_event_id.strip()))
        channel = await self._runs.watch(authorization(context), request.run_id, after)
        hidden = await self._runs.hidden_blocks(request.run_id)
        await _stream(context, channel, fmt, hidden, self._heartbeat, after)


def _query_inputs(query: str) -> dict[str, JSONValue]:
    inputs: dict[str, JSONValue] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        existing = inputs.get(key)
        if existing is None:
            inputs[key] = value
        elif isinstance(existing, list):
            existing.append(value)
        else:
            inputs[key] = [existing, value]
    return inputs


OFF_LOOP_BYTES = 64 * 1024
"""Bodies larger than this are checked and parsed in a worker thread (up to ~2 s of CPU
for 4 MiB of dense JSON): other calls keep being served meanwhile."""

T = TypeVar("T")


async def _off_loop(parse: Callable[[bytes, int], T], data: bytes, max_depth: int) -> T:
    if len(data) <= OFF_LOOP_BYTES:
        return parse(data, max_depth)
    return await asyncio.to_thread(parse, data, max_depth)


def _check_depth(data: bytes, max_depth: int) -> None:
    """A body nested deeper than the limit is refused before it is parsed."""
    if json_too_deep(data, max_depth):
        raise InputValidationFailed([FieldViolation("body", too_deep_message(max_depth))])


def _body_inputs(data: bytes, max_depth: int = DEFAULT_MAX_JSON_DEPTH) -> Mapping[str, JSONValue]:
    if not data.strip():
        return {}
    _check_depth(data, max_depth)
    try:
        value = json.loads(data)
    except ValueError:
        raise InputValidationFailed([FieldViolation("body", "is not valid JSON")]) from None
    if not isinstance(value, dict):
        raise InputValidationFailed([FieldViolation("body", "must be a JSON object of inputs")])
    return value


@dataclass(frozen=True, slots=True)
class RunBody:
    """The JSON body of the run routes, with the documented defaults."""

    inputs: dict[str, JSONValue] = field(default_factory=dict)
    version: str = ""
    stream: bool = True
    format: str = "ndjson"
    timeout: float | None = None
    idempotency_key: str = ""


def _text(value: Any) -> Any:
    """Strings as valid Unicode: a lone surrogate escape (legal JSON, not Unicode) becomes U+FFFD."""
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if isinstance(value, list):
        return [_text(v) for v in value]
    if isinstance(value, dict):
        return {str(_text(k)): _text(v) for k, v in value.items()}
    return value


def parse_run_body(data: bytes, max_depth: int = DEFAULT_MAX_JSON_DEPTH) -> RunBody:
    """Parse and check a run request body; every problem is an `Input validation failed`
    naming its field. An empty body uses the defaults; one nested deeper than `max_depth`
    levels is refused before it is parsed."""
    if not data.strip():
        return RunBody()
    _check_depth(data, max_depth)
    try:
        raw = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise InputValidationFailed([FieldViolation("body", "is not valid JSON")]) from None
    if not isinstance(raw, dict):
        raise InputValidationFailed([FieldViolation("body", "must be a JSON object")])
    value: dict[str, Any] = _text(raw)
    problems: list[FieldViolation] = []

    def pick(name: str, check: Any, message: str, default: Any) -> Any:
        item = value.get(name)
        if item is None:
            return default
        if not check(item):
            problems.append(FieldViolation(name, message))
            return default
        return item

    def number(x: Any) -> bool:
        return isinstance(x, int | float) and not isinstance(x, bool)

    inputs = pick("inputs", lambda x: isinstance(x, dict), "must be an object", {})
    version = pick("version", lambda x: isinstance(x, str), "must be a string", "")
    stream = pick("stream", lambda x: isinstance(x, bool), "must be true or false", True)
    fmt = pick("format", lambda x: isinstance(x, str) and x in ("", "ndjson", "sse"), "must be 'ndjson' or 'sse'", "")
    timeout = pick(
        "timeout", lambda x: number(x) and 0 < x < float("inf"), "must be a positive number of seconds", None
    )
    key = pick("idempotencyKey", lambda x: isinstance(x, str), "must be a string", "")
    if problems:
        raise InputValidationFailed(problems)
    return RunBody(inputs, version, stream, fmt or "ndjson", float(timeout) if timeout is not None else None, key)
