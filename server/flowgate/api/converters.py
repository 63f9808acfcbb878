"""Proto ⇄ domain conversion."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from google.protobuf import json_format, struct_pb2, timestamp_pb2

from flowgate.domain import events as ev
from flowgate.domain.models import (
    BlockSession,
    BlockStatus,
    Edge,
    Graph,
    JSONValue,
    Node,
    Release,
    Run,
    RunError,
    RunStatus,
    Visibility,
    Workflow,
)
from flowgate.v1 import execution_pb2, release_pb2, workflow_pb2

RUN_STATUS = {
    RunStatus.RUNNING: execution_pb2.RUN_STATUS_RUNNING,
    RunStatus.SUCCEEDED: execution_pb2.RUN_STATUS_SUCCEEDED,
    RunStatus.FAILED: execution_pb2.RUN_STATUS_FAILED,
    RunStatus.CANCELLED: execution_pb2.RUN_STATUS_CANCELLED,
}
BLOCK_STATUS = {
    BlockStatus.RUNNING: execution_pb2.BLOCK_STATUS_RUNNING,
    BlockStatus.COMPLETED: execution_pb2.BLOCK_STATUS_COMPLETED,
    BlockStatus.FAILED: execution_pb2.BLOCK_STATUS_FAILED,
    BlockStatus.SKIPPED: execution_pb2.BLOCK_STATUS_SKIPPED,
    BlockStatus.CANCELLED: execution_pb2.BLOCK_STATUS_CANCELLED,
}
VISIBILITY_TO_PROTO = {
    Visibility.PUBLIC: release_pb2.VISIBILITY_PUBLIC,
    Visibility.PRIVATE: release_pb2.VISIBILITY_PRIVATE,
}


def _integral(value: Any) -> Any:
    """JSON numbers arrive as doubles in Struct; whole numbers become ints again."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dict):
        return {k: _integral(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_integral(v) for v in value]
    return value


def struct_to_dict(message: struct_pb2.Struct) -> dict[str, JSONValue]:
    result: dict[str, JSONValue] = _integral(json_format.MessageToDict(message))
    return result


def dict_to_struct(value: dict[str, JSONValue]) -> struct_pb2.Struct:
    out = struct_pb2.Struct()
    out.update(value)
    return out


def to_value(value: JSONValue) -> struct_pb2.Value:
    """A JSON value as google.protobuf.Value (scalars without a detour through json_format)."""
    if value is None:
        return struct_pb2.Value(null_value=struct_pb2.NULL_VALUE)
    if isinstance(value, bool):
        return struct_pb2.Value(bool_value=value)
    if isinstance(value, int | float):
        return struct_pb2.Value(number_value=value)
    if isinstance(value, str):
        return struct_pb2.Value(string_value=value)
    out = struct_pb2.Value()
    if isinstance(value, dict):
        out.struct_value.SetInParent()  # an empty object is still an object, not an unset Value
        out.struct_value.update(value)
    elif isinstance(value, list | tuple):
        out.list_value.SetInParent()
        out.list_value.extend(value)
    else:
        out.string_value = str(value)
    return out


def timestamp(value: datetime | None) -> timestamp_pb2.Timestamp | None:
    if value is None:
        return None
    micros = int(value.timestamp() * 1_000_000)
    return timestamp_pb2.Timestamp(seconds=micros // 1_000_000, nanos=(micros % 1_000_000) * 1000)


def graph_from_proto(graph: workflow_pb2.Graph) -> Graph:
    return Graph(
        nodes=tuple(
            Node(
                id=n.id,
                type=n.type,
                data=struct_to_dict(n.data),
                position=(n.position.x, n.position.y),
            )
            for n in graph.nodes
        ),
        edges=tuple(
            Edge(
                id=e.id, source=e.source, target=e.target, source_handle=e.source_handle, target_handle=e.target_handle
            )
            for e in graph.edges
        ),
    )


def graph_to_proto(graph: Graph) -> workflow_pb2.Graph:
    return workflow_pb2.Graph(
        nodes=[
            workflow_pb2.Node(
                id=n.id,
                type=n.type,
                position=workflow_pb2.Position(x=n.position[0], y=n.position[1]),
                data=dict_to_struct(n.data),
            )
            for n in graph.nodes
        ],
        edges=[
            workflow_pb2.Edge(
                id=e.id, source=e.source, target=e.target, source_handle=e.source_handle, target_handle=e.target_handle
            )
            for e in graph.edges
        ],
    )


def workflow_to_proto(wf: Workflow) -> workflow_pb2.Workflow:
    return workflow_pb2.Workflow(
        id=wf.id,
        team_id=wf.team_id,
        name=wf.name,
        description=wf.description,
        graph=graph_to_proto(wf.graph),
        version=wf.version,
        create_time=timestamp(wf.created_at),
        update_time=timestamp(wf.updated_at),
    )


def release_to_proto(r: Release) -> release_pb2.Release:
    return release_pb2.Release(
        deployment_id=r.deployment_id,
        document_id=r.document_id,
        workflow_id=r.workflow_id,
        workflow_version=r.workflow_version,
        team_id=r.team_id,
        version=r.version,
        visibility=VISIBILITY_TO_PROTO[r.visibility],
        content_hash=r.content_hash,
        create_time=timestamp(r.created_at),
        routes=[
            release_pb2.Route(name=x.name, method=x.method, path=x.path, deployment_id=x.deployment_id or "")
            for x in r.routes
        ],
        retire_time=timestamp(r.retired_at),
    )


def error_to_proto(error: RunError | None) -> execution_pb2.RunError | None:
    if error is None:
        return None
    return execution_pb2.RunError(reason=error.reason, message=error.message, block_id=error.block_id)


def session_to_proto(s: BlockSession) -> execution_pb2.BlockSession:
    return execution_pb2.BlockSession(
        block_id=s.block_id,
        block_type=s.block_type,
        block_name=s.block_name,
        status=BLOCK_STATUS[s.status],
        output=to_value(s.output),
        error=error_to_proto(s.error),
    )


def run_to_proto(run: Run) -> execution_pb2.Run:
    error = execution_pb2.RunError(reason=run.error_reason, message=run.error_message) if run.error_reason else None
    return execution_pb2.Run(
        id=run.id,
        deployment_id=run.deployment_id,
        document_id=run.document_id,
        team_id=run.team_id,
        status=RUN_STATUS[run.status],
        inputs=dict_to_struct(run.inputs),
        outputs=to_value(run.outputs),
        sessions=[session_to_proto(s) for s in run.sessions],
        duration_ms=run.duration_ms,
        timed_out=run.timed_out,
        error=error,
        create_time=timestamp(run.created_at),
        end_time=timestamp(run.ended_at),
    )


def _event_kind(e: ev.Event) -> dict[str, Any]:
    """The RunEvent oneof field for a domain event, as a constructor keyword."""
    match e:
        case ev.BlockChunk():
            return {"block_chunk": execution_pb2.BlockChunk(block_id=e.block_id, delta=e.delta)}
        case ev.BlockStarted():
            return {
                "block_started": execution_pb2.BlockStarted(
                    block_id=e.block_id, block_type=e.block_type, block_name=e.block_name
                )
            }
        case ev.BlockCompleted():
            return {
                "block_completed": execution_pb2.BlockCompleted(
                    block_id=e.block_id, output=to_value(e.output), truncated=e.truncated
                )
            }
        case ev.BlockEnded():
            return {
                "block_ended": execution_pb2.BlockEnded(
                    block_id=e.block_id, status=BLOCK_STATUS[e.status], error=error_to_proto(e.error)
                )
            }
        case ev.RunStarted():
            return {
                "run_started": execution_pb2.RunStarted(
                    run_id=e.run_id, document_id=e.document_id, deployment_id=e.deployment_id, version=e.version
                )
            }
        case ev.RunCompleted():
            return {
                "run_completed": execution_pb2.RunCompleted(
                    run_id=e.run_id,
                    status=RUN_STATUS[e.status],
                    global_ctx=[
                        execution_pb2.BlockOutput(
                            block_id=c.block_id,
                            block_type=c.block_type,
                            block_name=c.block_name,
                            output=to_value(c.output),
                        )
                        for c in e.global_ctx
                    ],
                    sessions=[session_to_proto(s) for s in e.sessions],
                    duration_ms=e.duration_ms,
                    timed_out=e.timed_out,
                    outputs=to_value(e.outputs),
                    error=(
                        execution_pb2.RunError(
                            reason=e.error_reason, message=e.error_message, block_id=e.error_block_id
                        )
                        if e.error_reason
                        else None
                    ),
                )
            }
        case ev.Heartbeat():
            return {"heartbeat": execution_pb2.Heartbeat()}
        case ev.RunErrorEvent():
            return {"error": execution_pb2.RunError(reason=e.reason, message=e.message, block_id=e.block_id)}
        case ev.LoopIteration():
            return {
                "loop_iteration": execution_pb2.LoopIteration(
                    block_id=e.block_id, index=e.index, status=BLOCK_STATUS[e.status], error=error_to_proto(e.error)
                )
            }
        case ev.AgentThought():
            return {
                "agent_step": execution_pb2.AgentStep(
                    block_id=e.block_id, iteration=e.iteration, thought=execution_pb2.AgentThought(text=e.text)
                )
            }
        case ev.AgentToolCall():
            return {
                "agent_step": execution_pb2.AgentStep(
                    block_id=e.block_id,
                    iteration=e.iteration,
                    tool_call=execution_pb2.AgentToolCall(id=e.call_id, name=e.name, arguments=to_value(e.arguments)),
                )
            }
        case ev.AgentToolResult():
            return {
                "agent_step": execution_pb2.AgentStep(
                    block_id=e.block_id,
                    iteration=e.iteration,
                    tool_result=execution_pb2.AgentToolResult(
                        id=e.call_id, name=e.name, result=to_value(e.result), error=error_to_proto(e.error)
                    ),
                )
            }
    raise TypeError(f"no proto for event {type(e).__name__}")


def fill_event(out: execution_pb2.RunEvent, item: ev.Sequenced) -> None:
    """Write `item` into `out` in place (no sub-message copies for the frequent kinds)."""
    out.seq = item.seq
    micros = int(item.time * 1_000_000)
    out.time.seconds = micros // 1_000_000
    out.time.nanos = (micros % 1_000_000) * 1000
    e = item.event
    if type(e) is ev.BlockChunk:  # by far the most frequent: set fields in place
        chunk = out.block_chunk
        chunk.block_id = e.block_id
        chunk.delta = e.delta
        return
    for name, message in _event_kind(e).items():
        getattr(out, name).CopyFrom(message)
