"""The Dify family's SSE stream (`POST /v1/workflows/run` with `response_mode: streaming`):
a run's events as Dify's `data:` frames. The mapping decisions are `dialects.dify`'s."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from flowgate.dialects.dify import (
    INTERNAL_MESSAGE,
    NODE_STATUS,
    PING,
    SYSTEM_FAULTS,
    RunContext,
    dumps,
    error_message,
    finished_data,
    node_outputs,
    status_and_code,
    tokens,
    unix,
)
from flowgate.domain.errors import ErrorKind, ErrorReport
from flowgate.domain.events import (
    BlockChunk,
    BlockCompleted,
    BlockEnded,
    BlockStarted,
    Heartbeat,
    RunCompleted,
    RunErrorEvent,
    RunStarted,
    Sequenced,
)
from flowgate.domain.models import Graph, JSONValue, RunStatus


@dataclass(slots=True)
class _Node:
    node_id: str
    node_type: str
    title: str
    index: int
    predecessor: str | None
    started: float
    output: JSONValue = None


class StreamRenderer:
    """Dify SSE text of one run's events, fed in order (`feed`); keeps what Dify's events
    need across them (node index, predecessor, start times). `graph` (the run's) lets a
    node's predecessor be one of its sources; without it, the node that finished last."""

    def __init__(self, run: RunContext, graph: Graph | None = None) -> None:
        self.run = run
        self.task_id = run.task_id or run.run_id
        self.created_at = unix(run.created_at) or 0
        self._sources: dict[str, set[str]] | None = None
        if graph is not None:
            self._sources = {}
            for edge in graph.edges:
                self._sources.setdefault(edge.target, set()).add(edge.source)
        self._nodes: dict[str, _Node] = {}
        self._finished: list[str] = []
        self._ended = False

    def _frame(self, event: str, data: Mapping[str, Any]) -> str:
        body = {"event": event, "workflow_run_id": self.run.run_id, "task_id": self.task_id, "data": data}
        return f"data: {dumps(body)}\n\n"

    def _predecessor(self, node_id: str) -> str | None:
        sources = self._sources.get(node_id, set()) if self._sources is not None else None
        for done in reversed(self._finished):
            if sources is None or done in sources:
                return done
        return None

    def _node_data(self, node: _Node) -> dict[str, Any]:
        return {
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"flowgate:{self.run.run_id}/{node.node_id}/{node.index}")),
            "node_id": node.node_id,
            "node_type": node.node_type,
            "title": node.title,
            "index": node.index,
            "predecessor_node_id": node.predecessor,
            "inputs": {},
        }

    def feed(self, item: Sequenced) -> str:
        """The text of one event ("" for events this family does not show; everything
        after the run's end)."""
        event = item.event
        block_id = getattr(event, "block_id", None)
        if self._ended or (block_id and block_id in self.run.hidden and not isinstance(event, RunErrorEvent)):
            return ""
        text = ""
        match event:
            case RunStarted():
                data: dict[str, Any] = {"id": self.run.run_id, "workflow_id": self.run.workflow_id}
                if self.run.sequence_number is not None:
                    data["sequence_number"] = self.run.sequence_number
                data["inputs"] = dict(self.run.inputs)
                data["created_at"] = self.created_at
                text = self._frame("workflow_started", data)
            case BlockStarted():
                text = self._node_started(event, item.time)
            case BlockChunk():
                selector = [event.block_id, "text"]
                text = self._frame("text_chunk", {"text": event.delta, "from_variable_selector": selector})
            case BlockCompleted():
                if event.block_id in self._nodes:
                    self._nodes[event.block_id].output = event.output
            case BlockEnded():
                text = self._node_finished(event, item.time)
            case RunCompleted():
                text = self._workflow_finished(event, item.time)
            case RunErrorEvent():
                self._ended = True
                text = self.fault()
            case Heartbeat():
                text = PING
        return text  # loop iterations and agent steps are internal: nothing

    def _node_started(self, event: BlockStarted, time: float) -> str:
        index = len(self._nodes)
        node = _Node(event.block_id, event.block_type, event.block_name, index, self._predecessor(event.block_id), time)
        self._nodes[event.block_id] = node
        return self._frame("node_started", {**self._node_data(node), "created_at": unix(time)})

    def _node_finished(self, event: BlockEnded, time: float) -> str:
        node = self._nodes.get(event.block_id)
        if node is None or event.status not in NODE_STATUS:
            return ""
        self._finished.append(node.node_id)
        data = self._node_data(node)
        data.update(
            {
                "process_data": None,
                "outputs": node_outputs(node.output),
                "status": NODE_STATUS[event.status],
                "error": event.error.message if event.error is not None else None,
                "elapsed_time": max(time - node.started, 0.0),
                "execution_metadata": {"total_tokens": tokens(node.output), "total_price": 0, "currency": "USD"},
                "created_at": unix(node.started),
                "finished_at": unix(time),
            }
        )
        return self._frame("node_finished", data)

    def _workflow_finished(self, event: RunCompleted, time: float) -> str:
        self._ended = True
        if event.status is RunStatus.FAILED and event.error_reason in SYSTEM_FAULTS:
            return self.fault()
        data = finished_data(self.run.run_id, self.run.workflow_id, event, self.run.hidden)
        data["created_by"] = {"id": self.run.end_user_id or self.run.user, "user": self.run.user}
        data["created_at"] = self.created_at
        data["finished_at"] = unix(time)
        return self._frame("workflow_finished", data)

    def fault(self, report: ErrorReport | None = None) -> str:
        """The `error` event of a system fault (an internal one when no report is given)."""
        report = report or ErrorReport(ErrorKind.INTERNAL, "INTERNAL", INTERNAL_MESSAGE)
        status, code = status_and_code(report)
        body = {"event": "error", "workflow_run_id": self.run.run_id, "code": code, "message": error_message(report)}
        return f"data: {dumps({**body, 'status': status})}\n\n"

    def render(self, events: Iterable[Sequenced]) -> str:
        """The text of several events in a row (`feed` of each)."""
        return "".join(self.feed(item) for item in events)
