"""The released-app family (`/api/released-app/...`): its request bodies, NDJSON, SSE
and one-shot JSON answers, and its error body.

Field names and shapes are the reference document's own, camelCase, compact JSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import parse_qsl

from flowgate.dialects import status
from flowgate.dialects.json_limits import DEFAULT_MAX_JSON_DEPTH, json_too_deep, too_deep_message, valid_unicode
from flowgate.domain.errors import ErrorReport, FieldViolation, FlowgateError, InputValidationFailed
from flowgate.domain.events import (
    BlockChunk,
    BlockCompleted,
    BlockEnded,
    BlockOutput,
    BlockStarted,
    Event,
    Heartbeat,
    RunCompleted,
    RunErrorEvent,
    RunStarted,
    Sequenced,
)
from flowgate.domain.models import BlockSession, BlockStatus, JSONValue, Run, RunStatus

http_status = status.http_status
"""The family's HTTP status of a failure: its kind's."""

NDJSON = "application/x-ndjson"
SSE = "text/event-stream"
JSON = "application/json"


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _ctx(item: BlockOutput) -> dict[str, Any]:
    return {"blockId": item.block_id, "blockType": item.block_type, "blockName": item.block_name, "output": item.output}


def _session(s: BlockSession) -> dict[str, Any]:
    return {
        "blockId": s.block_id,
        "blockType": s.block_type,
        "blockName": s.block_name,
        "status": s.status.value,
        "output": s.output,
    }


def event_payload(event: Event) -> tuple[str, dict[str, Any]] | None:
    """(event name, fields) of a streamed event; None for events this family does not show."""
    match event:
        case RunStarted():
            return "run_start", {"runId": event.run_id, "documentId": event.document_id}
        case BlockStarted():
            return "block_start", {"blockId": event.block_id, "blockType": event.block_type}
        case BlockChunk():
            return "block_chunk", {"blockId": event.block_id, "delta": event.delta}
        case BlockCompleted():
            return "block_complete", {"blockId": event.block_id, "output": event.output}
        case BlockEnded():
            return "block_end", {"blockId": event.block_id}
        case RunCompleted():
            return "run_complete", {
                "runId": event.run_id,
                "globalCtx": [_ctx(c) for c in event.global_ctx],
                "sessions": [_session(s) for s in event.sessions],
                "duration": event.duration_ms,
            }
        case RunErrorEvent():
            fields: dict[str, Any] = {"error": event.message}
            if event.block_id:
                fields["blockId"] = event.block_id
            return "error", fields
        case Heartbeat():
            return None
    # Loop iterations and agent steps are internal: API mode shows data blocks' events only.
    return None


def _with_failure(events: Iterable[Sequenced], hidden: frozenset[str]) -> Iterable[tuple[int, Event]]:
    """(seq, event) pairs to show: events of internal blocks dropped, and a failed or
    cancelled run's in-band `error` event right before its `run_complete` (same seq)."""
    for item in events:
        event = item.event
        block_id = getattr(event, "block_id", None)
        if block_id is not None and block_id in hidden and not isinstance(event, RunErrorEvent):
            continue
        if isinstance(event, RunCompleted):
            event = _without(event, hidden)
            if event.status is not RunStatus.SUCCEEDED:
                yield item.seq, RunErrorEvent(event.error_reason, event.error_message, event.error_block_id)
        yield item.seq, event


def _without(done: RunCompleted, hidden: frozenset[str]) -> RunCompleted:
    if not hidden:
        return done
    return replace(
        done,
        global_ctx=tuple(c for c in done.global_ctx if c.block_id not in hidden),
        sessions=tuple(s for s in done.sessions if s.block_id not in hidden),
    )


def ndjson(events: Iterable[Sequenced], hidden: frozenset[str] = frozenset()) -> str:
    """One line per event; every line carries the event's `seq` (for resuming)."""
    lines = []
    for seq, event in _with_failure(events, hidden):
        rendered = event_payload(event)
        if rendered is not None:
            name, fields = rendered
            lines.append(dumps({"type": name, **fields, "seq": seq}) + "\n")
    return "".join(lines)


def sse(events: Iterable[Sequenced], hidden: frozenset[str] = frozenset()) -> str:
    """One frame per event: `id:` (the seq, for Last-Event-ID), `event:` and `data:`."""
    frames = []
    for seq, event in _with_failure(events, hidden):
        rendered = event_payload(event)
        if rendered is None:
            continue
        name, fields = rendered
        frames.append(f"id: {seq}\nevent: {name}\ndata: {dumps(fields)}\n\n")
    return "".join(frames)


NDJSON_HEARTBEAT = '{"type":"heartbeat"}\n'
SSE_HEARTBEAT = ": ping\n\n"


def one_shot(document_id: str, completed: RunCompleted, hidden: frozenset[str] = frozenset()) -> str:
    completed = _without(completed, hidden)
    body: dict[str, Any] = {
        "runId": completed.run_id,
        "documentId": document_id,
        "globalCtx": [_ctx(c) for c in completed.global_ctx],
        "sessions": [_session(s) for s in completed.sessions],
        "duration": completed.duration_ms,
        "status": completed.status.value,
        "timedOut": completed.timed_out,
    }
    if completed.status is not RunStatus.SUCCEEDED:
        body["error"] = completed.error_message
    return dumps(body)


def run_detail(run: Run) -> str:
    """`GET …/runs/{runId}`: the one-shot document of a run (status "running" while it runs)."""
    body: dict[str, Any] = {
        "runId": run.id,
        "documentId": run.document_id,
        "globalCtx": [
            {"blockId": s.block_id, "blockType": s.block_type, "blockName": s.block_name, "output": s.output}
            for s in run.sessions
            if s.status is BlockStatus.COMPLETED
        ],
        "sessions": [_session(s) for s in run.sessions],
        "duration": run.duration_ms,
        "status": "running" if run.status is RunStatus.RUNNING else run.status.value,
        "timedOut": run.timed_out,
    }
    if run.error_message:
        body["error"] = run.error_message
    return dumps(body)


def cancel_ack(run_id: str, status: RunStatus) -> str:
    """`POST …/runs/{runId}:cancel`: "cancelling" while it stops, else the final status."""
    return dumps({"runId": run_id, "status": "cancelling" if status is RunStatus.RUNNING else status.value})


def error_body(report: ErrorReport) -> str:
    """`{"error": message}`, plus `details` naming each offending field when there are any."""
    body: dict[str, Any] = {"error": report.message}
    if report.violations:
        body["details"] = [{"field": v.field, "message": v.message} for v in report.violations]
    return dumps(body)


def too_deep_error(field: str, limit: int) -> FlowgateError:
    """A request nested deeper than `limit` levels: the family's `Input validation failed`."""
    return InputValidationFailed([FieldViolation(field, too_deep_message(limit))])


# -- requests -------------------------------------------------------------------------------


def watch_format(value: str) -> str:
    """The `format` of `GET …/runs/{runId}/events`: "ndjson" (the default) or "sse"."""
    fmt = value or "ndjson"
    if fmt not in ("ndjson", "sse"):
        raise InputValidationFailed([FieldViolation("format", "must be 'ndjson' or 'sse'")])
    return fmt


def resume_after(after_seq: int, last_event_id: str) -> int:
    """The seq a watch resumes after: `afterSeq`, or a later SSE `Last-Event-ID`."""
    if last_event_id.strip().isdigit():
        return max(after_seq, int(last_event_id.strip()))
    return after_seq


def framing(fmt: str) -> tuple[Callable[[Iterable[Sequenced], frozenset[str]], str], str, str]:
    """(renderer, content type, heartbeat) of a stream in `fmt` ("sse", else NDJSON)."""
    if fmt == "sse":
        return sse, SSE, SSE_HEARTBEAT
    return ndjson, NDJSON, NDJSON_HEARTBEAT


def query_inputs(query: str) -> dict[str, JSONValue]:
    """The inputs of a `GET` route call: its query parameters (repeated ones as a list)."""
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


def _check_depth(data: bytes, max_depth: int) -> None:
    """A body nested deeper than the limit is refused before it is parsed."""
    if json_too_deep(data, max_depth):
        raise too_deep_error("body", max_depth)


def body_inputs(data: bytes, max_depth: int = DEFAULT_MAX_JSON_DEPTH) -> Mapping[str, JSONValue]:
    """The inputs of a route call with a body: the body, a JSON object (empty: none)."""
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
    value: dict[str, Any] = valid_unicode(raw)
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
