"""The released-app family (`/api/released-app/...`): NDJSON, SSE and one-shot JSON.

Field names and shapes are the reference document's own, camelCase, compact JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from flowgate.domain.errors import ErrorReport
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
from flowgate.domain.models import BlockSession, BlockStatus, Run, RunStatus

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
