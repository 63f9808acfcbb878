"""The released-app family (`/api/released-app/...`): NDJSON, SSE and one-shot JSON.

Field names and shapes are the reference document's own, camelCase, compact JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
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
from flowgate.domain.models import BlockSession, RunStatus

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


def _with_failure(events: Iterable[Sequenced]) -> Iterable[Event]:
    """A failed or cancelled run shows an in-band `error` event right before `run_complete`."""
    for item in events:
        event = item.event
        if isinstance(event, RunCompleted) and event.status is not RunStatus.SUCCEEDED:
            yield RunErrorEvent(event.error_reason, event.error_message, event.error_block_id)
        yield event


def ndjson(events: Iterable[Sequenced]) -> str:
    lines = []
    for event in _with_failure(events):
        rendered = event_payload(event)
        if rendered is not None:
            name, fields = rendered
            lines.append(dumps({"type": name, **fields}) + "\n")
    return "".join(lines)


def sse(events: Iterable[Sequenced]) -> str:
    frames = []
    for event in _with_failure(events):
        if isinstance(event, Heartbeat):
            frames.append(": ping\n\n")
            continue
        rendered = event_payload(event)
        if rendered is None:
            continue
        name, fields = rendered
        frames.append(f"event: {name}\ndata: {dumps(fields)}\n\n")
    return "".join(frames)


def one_shot(document_id: str, completed: RunCompleted) -> str:
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


def error_body(report: ErrorReport) -> str:
    """`{"error": message}`, plus `details` naming each offending field when there are any."""
    body: dict[str, Any] = {"error": report.message}
    if report.violations:
        body["details"] = [{"field": v.field, "message": v.message} for v in report.violations]
    return dumps(body)
