"""The Dify family (`/v1/...`, Dify's Workflow App API): its request bodies and query
parameters, blocking answer, run detail, `/v1/parameters` and `/v1/info` bodies, and its
error body; its SSE stream is `dialects.dify_stream.StreamRenderer`.

Mapping decisions (Dify's documented API first, Dify 1.13's behaviour where it is silent):

- JSON is compact (`,` and `:` separators), non-ASCII kept, keys in Dify's order.
- Streams: every event is `data: {json}` and a blank line — no `event:` or `id:` lines;
  keys `event, workflow_run_id, task_id, data`. The ping is the bare `event: ping` line.
- The run id is both `workflow_run_id` and the `id` of `workflow_started` /
  `workflow_finished`; `task_id` defaults to the run id (stop takes it). `workflow_id` (a
  release's deployment id), the end user and the run's creation time come from the caller.
- Run status: success → `succeeded`, error → `failed`, cancelled → `stopped`, running →
  `running`. Block status: completed → `succeeded`, failed → `failed`, cancelled →
  `stopped`; skipped blocks are not shown (Dify sends nothing for nodes not taken).
  `exception` (a failed node whose run went on) is never produced yet.
- `index` counts the shown nodes from 0 in start order, as the reference's example shows
  (Dify 1.13 counts from 1; the document wins);
  `predecessor_node_id` is, of the node's graph sources (when the graph is given), the one
  that finished last; without a graph, the node that finished last; `null` for the first.
- Node `id` (Dify's node execution id) is a UUID derived from the run, node and index;
  node `inputs` is `{}` and `process_data` null (Flowgate's events carry neither).
- `outputs` of a node is its output when that is an object, else `{"output": value}`;
  `execution_metadata.total_tokens` is an llm block's `usage.total_tokens` (0 otherwise),
  `total_price` 0 and `currency` "USD" (Flowgate does not price calls).
- Streamed llm text is `text_chunk` with `from_variable_selector: [node_id, "text"]`.
- A failed run ends with `workflow_finished` `status:"failed"` and its message as `error`.
  A system fault (a run ended by `INTERNAL` or `PROCESS_LOST`, or an in-band run error) is
  the `error` event `{"event","workflow_run_id","code","message","status"}`, 500
  `internal_server_error`, without internals.
- The blocking answer's keys are in the reference's order (`workflow_run_id, task_id,
  data`); the stream's in Dify's (`event, workflow_run_id, task_id, data`).
- Timestamps are unix seconds (int), `elapsed_time` float seconds, in events and the
  blocking answer. Run detail follows the reference document where it differs from
  Dify 1.13 (which sends ints and an object there): `created_at` / `finished_at` as RFC 822
  dates (`Thu, 18 Jul 2024 03:17:40 -0000`), `inputs` as a JSON text holding the run's
  inputs plus Dify's `sys.files` and `sys.user_id`.
- `/v1/parameters`: the start/input block's declared inputs, in order. A string with
  options is `select`, other strings `paragraph`, numbers `number`, booleans `checkbox`,
  objects and arrays `json_object`; `label` is the input's `label`, else its name;
  `default` "" when none. File upload is reported disabled.
- Errors: `{"code","message","status"}`, compact ASCII JSON (it travels in gRPC
  metadata). The status and code come from the failure's reason first (`BY_REASON`), then
  its kind (`BY_KIND`); kinds Dify has no name of its own for get werkzeug's name of the
  status, as Dify's handler derives it. The message is the failure's, or its field
  violations joined (`query is required; n must be of type integer`); an internal failure
  says `Internal Server Error` only.
- Request problems are 400 `invalid_param` with a message naming the field, the first one
  found (Dify's parser stops at the first too).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any
from urllib.parse import parse_qsl

from flowgate.dialects.json_limits import DEFAULT_MAX_JSON_DEPTH, json_too_deep, too_deep_message, valid_unicode
from flowgate.domain.errors import ErrorKind, ErrorReport, FlowgateError, InvalidArgument, Unauthenticated
from flowgate.domain.events import (
    RunCompleted,
)
from flowgate.domain.models import BlockSession, BlockStatus, Graph, JSONValue, Run, RunStatus

SSE = "text/event-stream"
JSON = "application/json"
PING = "event: ping\n\n"
"""Sent when a stream opens and every `PING_SECONDS` of silence."""
PING_SECONDS = 10.0
WWW_AUTHENTICATE = 'Bearer realm="api"'
"""The `WWW-Authenticate` header of every 401."""
MAX_ERROR_BODY = 4096
"""Bytes of an error body at most, as the ASCII JSON it travels as (in gRPC metadata)."""
INTERNAL_MESSAGE = "Internal Server Error"
SYSTEM_FAULTS = frozenset({"INTERNAL", "PROCESS_LOST"})
"""Reasons a run ends with that are faults of the system, not of the workflow."""


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# -- errors -----------------------------------------------------------------------------------


class InvalidParam(InvalidArgument):
    """A request field Dify's parser refuses: 400 `invalid_param`."""

    reason = "INVALID_PARAM"


class BadRequest(InvalidArgument):
    """A request Dify refuses as a whole (a draft or malformed workflow id): 400 `bad_request`."""

    reason = "BAD_REQUEST"


class ProviderError(FlowgateError):
    """A model provider refused or failed a call: 400 `completion_request_error`."""

    kind = ErrorKind.INVALID
    reason = "PROVIDER_ERROR"


class ProviderQuotaExceeded(FlowgateError):
    """A model provider's quota is used up: 400 `provider_quota_exceeded`."""

    kind = ErrorKind.INVALID
    reason = "PROVIDER_QUOTA_EXCEEDED"


def missing_auth_error() -> Unauthenticated:
    return Unauthenticated("Authorization header must be provided and start with 'Bearer'")


def invalid_key_error() -> Unauthenticated:
    return Unauthenticated("Access token is invalid")


BY_REASON: dict[str, tuple[int, str]] = {
    InvalidParam.reason: (400, "invalid_param"),
    BadRequest.reason: (400, "bad_request"),
    ProviderError.reason: (400, "completion_request_error"),
    ProviderQuotaExceeded.reason: (400, "provider_quota_exceeded"),
    "INSUFFICIENT_CREDITS": (400, "provider_quota_exceeded"),
    "DRAFT_RELEASE": (400, "bad_request"),
    "MALFORMED_ID": (400, "bad_request"),
}
"""Failure reason → (HTTP status, Dify code), before the kind is looked at."""

BY_KIND: dict[ErrorKind, tuple[int, str]] = {
    ErrorKind.INVALID: (400, "invalid_param"),
    ErrorKind.UNPROCESSABLE: (400, "invalid_param"),
    ErrorKind.UNAUTHENTICATED: (401, "unauthorized"),
    ErrorKind.PAYMENT_REQUIRED: (400, "provider_quota_exceeded"),
    ErrorKind.FORBIDDEN: (403, "forbidden"),
    ErrorKind.NOT_FOUND: (404, "not_found"),
    ErrorKind.CONFLICT: (409, "conflict"),
    ErrorKind.RESOURCE_EXHAUSTED: (429, "too_many_requests"),
    ErrorKind.TOO_LARGE: (413, "request_entity_too_large"),
    ErrorKind.INTERNAL: (500, "internal_server_error"),
    ErrorKind.UNAVAILABLE: (503, "service_unavailable"),
}
"""Failure kind → (HTTP status, Dify code): the one table of this family's errors."""


UPLOAD_ERRORS: dict[str, tuple[int, str]] = {
    "NO_FILE_UPLOADED": (400, "no_file_uploaded"),
    "TOO_MANY_FILES": (400, "too_many_files"),
    "FILENAME_MISSING": (400, "filename_not_exists_error"),
    "FILE_TOO_LARGE": (413, "file_too_large"),
    "UNSUPPORTED_FILE_TYPE": (415, "unsupported_file_type"),
}
"""The upload route's refusals (`dialects.dify_files`)."""
BY_REASON.update(UPLOAD_ERRORS)


def status_and_code(report: ErrorReport) -> tuple[int, str]:
    return BY_REASON.get(report.reason) or BY_KIND[report.kind]


def http_status(report: ErrorReport) -> int:
    return status_and_code(report)[0]


def error_code(report: ErrorReport) -> str:
    return status_and_code(report)[1]


def error_message(report: ErrorReport) -> str:
    if report.kind is ErrorKind.INTERNAL:
        return INTERNAL_MESSAGE
    if report.violations:
        return "; ".join(f"{v.field} {v.message}" for v in report.violations)
    return report.message


def error_body(report: ErrorReport) -> str:
    """`{"code","message","status"}`; an internal failure says nothing of its cause; the
    message is shortened (with `…`) to keep the body within MAX_ERROR_BODY."""
    status, code = status_and_code(report)
    message = error_message(report)
    while True:
        body = json.dumps({"code": code, "message": message, "status": status}, separators=(",", ":"))
        if len(body) <= MAX_ERROR_BODY or len(message) <= 1:
            return body
        message = message[: len(message) // 2].rstrip() + "…"


def too_deep_error(field: str, limit: int) -> FlowgateError:
    return InvalidParam(f"{field or 'body'} {too_deep_message(limit)}")


# -- requests ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RunBody:
    """`POST /v1/workflows/run` (and `/v1/workflows/{workflow_id}/run`)."""

    inputs: dict[str, JSONValue]
    user: str
    streaming: bool = False
    files: tuple[dict[str, JSONValue], ...] = ()


def _object(data: bytes, max_depth: int) -> dict[str, Any]:
    if json_too_deep(data, max_depth):
        raise too_deep_error("body", max_depth)
    try:
        raw = json.loads(data) if data.strip() else {}
    except (ValueError, UnicodeDecodeError):
        raise InvalidParam("The request body is not valid JSON") from None
    if not isinstance(raw, dict):
        raise InvalidParam("The request body must be a JSON object")
    value: dict[str, Any] = valid_unicode(raw)
    return value


def _user(value: Mapping[str, Any]) -> str:
    user = value.get("user")
    if user is None or user == "":
        raise InvalidParam("Arg user must be provided.")
    if not isinstance(user, str):
        raise InvalidParam("Arg user must be a string.")
    return user


def parse_run_body(data: bytes, max_depth: int = DEFAULT_MAX_JSON_DEPTH) -> RunBody:
    """Parse and check a run body; each problem is a 400 `invalid_param` naming its field."""
    value = _object(data, max_depth)
    inputs = value.get("inputs")
    if not isinstance(inputs, dict):
        raise InvalidParam("inputs is required and must be an object" if inputs is None else "inputs must be an object")
    mode = value.get("response_mode")
    if mode is not None and mode not in ("streaming", "blocking"):
        raise InvalidParam("response_mode must be 'streaming' or 'blocking'")
    user = _user(value)
    return RunBody(inputs, user, mode == "streaming", _files(value.get("files")))


TRANSFER_FIELDS = {"remote_url": "url", "local_file": "upload_file_id"}
"""A `files` entry's transfer method → the field that says which file."""


def _files(files: Any) -> tuple[dict[str, JSONValue], ...]:
    """The `files` of a run body: each names its transfer method and the file."""
    if files is None:
        return ()
    if not (isinstance(files, list) and all(isinstance(f, dict) for f in files)):
        raise InvalidParam("files must be an array of objects")
    for i, entry in enumerate(files):
        method = entry.get("transfer_method")
        if method not in TRANSFER_FIELDS:
            raise InvalidParam(f"files[{i}].transfer_method must be 'remote_url' or 'local_file'")
        name = TRANSFER_FIELDS[method]
        if not isinstance(entry.get(name), str) or not entry[name]:
            raise InvalidParam(f"files[{i}].{name} must be provided for transfer_method {method}")
        if not isinstance(entry.get("type", ""), str):
            raise InvalidParam(f"files[{i}].type must be a string")
    return tuple(files)


def parse_stop_body(data: bytes, max_depth: int = DEFAULT_MAX_JSON_DEPTH) -> str:
    """`POST /v1/workflows/tasks/{task_id}/stop`: the body's `user`."""
    return _user(_object(data, max_depth))


STOP_ANSWER = dumps({"result": "success"})

LOG_STATUSES: dict[str, RunStatus] = {
    "succeeded": RunStatus.SUCCEEDED,
    "failed": RunStatus.FAILED,
    "stopped": RunStatus.CANCELLED,
}


@dataclass(frozen=True, slots=True)
class LogsQuery:
    """`GET /v1/workflows/logs`: Dify's parameters, with its defaults and bounds."""

    keyword: str = ""
    status: RunStatus | None = None
    page: int = 1
    limit: int = 20
    created_at_before: datetime | None = None
    created_at_after: datetime | None = None
    created_by_end_user_session_id: str = ""


MAX_PAGE = 99999
MAX_LIMIT = 100


def _int(name: str, text: str, low: int, high: int) -> int:
    try:
        number = int(text)
    except ValueError:
        raise InvalidParam(f"{name} must be an integer") from None
    if not low <= number <= high:
        raise InvalidParam(f"{name} must be between {low} and {high}")
    return number


def _time(name: str, text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidParam(f"{name} must be an ISO 8601 date and time") from None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def logs_query(fields: Mapping[str, str]) -> LogsQuery:
    """The logs route's parameters (name → text, as given); empty ones take their defaults."""
    params = {k: v for k, v in fields.items() if v != ""}
    status = params.get("status")
    if status is not None and status not in LOG_STATUSES:
        raise InvalidParam("status must be one of succeeded, failed, stopped")
    return LogsQuery(
        keyword=params.get("keyword", ""),
        status=LOG_STATUSES[status] if status is not None else None,
        page=_int("page", params["page"], 1, MAX_PAGE) if "page" in params else 1,
        limit=_int("limit", params["limit"], 1, MAX_LIMIT) if "limit" in params else 20,
        created_at_before=_time("created_at__before", params["created_at__before"])
        if "created_at__before" in params
        else None,
        created_at_after=_time("created_at__after", params["created_at__after"])
        if "created_at__after" in params
        else None,
        created_by_end_user_session_id=params.get("created_by_end_user_session_id", ""),
    )


def parse_logs_query(query: str) -> LogsQuery:
    """The logs route's query string (of a repeated parameter, the last value given)."""
    return logs_query({k: v for k, v in parse_qsl(query, keep_blank_values=True) if v != ""})


# -- values shared by the stream and the answers ----------------------------------------------


@dataclass(frozen=True, slots=True)
class RunContext:
    """What Dify's events and answers show of a run that its events do not carry."""

    run_id: str
    workflow_id: str
    """The release (deployment) the run runs."""
    user: str
    """The end user the run body named."""
    created_at: datetime | float
    inputs: Mapping[str, JSONValue] = field(default_factory=dict)
    task_id: str = ""
    """Empty: the run id."""
    end_user_id: str = ""
    """Empty: the user."""
    hidden: frozenset[str] = frozenset()
    """Internal blocks, left out as in the released-app family."""
    sequence_number: int | None = None
    """The run's number in its app (`workflow_started`), when it has one."""


RUN_STATUS = {
    RunStatus.RUNNING: "running",
    RunStatus.SUCCEEDED: "succeeded",
    RunStatus.FAILED: "failed",
    RunStatus.CANCELLED: "stopped",
}
NODE_STATUS = {
    BlockStatus.RUNNING: "running",
    BlockStatus.COMPLETED: "succeeded",
    BlockStatus.FAILED: "failed",
    BlockStatus.CANCELLED: "stopped",
}


def unix(value: datetime | float | None) -> int | None:
    if value is None:
        return None
    return int(value.timestamp() if isinstance(value, datetime) else value)


def tokens(output: JSONValue) -> int:
    """The tokens an llm block's output says it used (0 for other outputs)."""
    usage = output.get("usage") if isinstance(output, dict) else None
    total = usage.get("total_tokens") if isinstance(usage, dict) else None
    return total if isinstance(total, int) and not isinstance(total, bool) else 0


def node_outputs(output: JSONValue) -> JSONValue:
    if output is None or isinstance(output, dict):
        return output
    return {"output": output}


def _shown(sessions: Iterable[BlockSession], hidden: frozenset[str]) -> list[BlockSession]:
    return [s for s in sessions if s.block_id not in hidden and s.status is not BlockStatus.SKIPPED]


def _run_error(status: RunStatus, message: str) -> str | None:
    return None if status in (RunStatus.SUCCEEDED, RunStatus.RUNNING) else message or RUN_STATUS[status]


def finished_data(run_id: str, workflow_id: str, done: RunCompleted, hidden: frozenset[str]) -> dict[str, Any]:
    sessions = _shown(done.sessions, hidden)
    return {
        "id": run_id,
        "workflow_id": workflow_id,
        "status": RUN_STATUS[done.status],
        "outputs": done.outputs,
        "error": _run_error(done.status, done.error_message),
        "elapsed_time": done.duration_ms / 1000,
        "total_tokens": sum(tokens(s.output) for s in sessions),
        "total_steps": len(sessions),
    }


# -- answers ----------------------------------------------------------------------------------


def blocking_answer(done: RunCompleted, run: RunContext, finished_at: datetime | float) -> str:
    """The blocking answer of a finished run (a failed one too: it is still a 200)."""
    data = finished_data(done.run_id, run.workflow_id, done, run.hidden)
    data["created_at"] = unix(run.created_at)
    data["finished_at"] = unix(finished_at)
    return dumps({"workflow_run_id": done.run_id, "task_id": run.task_id or done.run_id, "data": data})


def rfc822(value: datetime | None) -> str | None:
    """`Thu, 18 Jul 2024 03:17:40 -0000`, as the reference's run detail shows times (UTC)."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return format_datetime(value.replace(microsecond=0))


def run_detail(run: Run, *, workflow_id: str = "", user: str = "", hidden: frozenset[str] = frozenset()) -> str:
    """`GET /v1/workflows/run/{id}`; `workflow_id` defaults to the run's deployment, `user`
    is the end user the run was started for."""
    inputs: dict[str, Any] = {**(run.inputs or {}), "sys.files": [], "sys.user_id": user}
    sessions = _shown(run.sessions, hidden)
    return dumps(
        {
            "id": run.id,
            "workflow_id": workflow_id or run.deployment_id,
            "status": RUN_STATUS[run.status],
            "inputs": json.dumps(inputs, ensure_ascii=False),
            "outputs": run.outputs,
            "error": _run_error(run.status, run.error_message),
            "total_steps": len(sessions),
            "total_tokens": sum(tokens(s.output) for s in sessions),
            "created_at": rfc822(run.created_at),
            "finished_at": rfc822(run.ended_at),
            "elapsed_time": run.duration_ms / 1000,
        }
    )


START_TYPES = ("start", "input")


def _control(spec: Mapping[str, Any]) -> str:
    kind = spec.get("type", "string")
    if kind in ("number", "integer"):
        return "number"
    if kind == "boolean":
        return "checkbox"
    if kind in ("object", "array"):
        return "json_object"
    return "select" if spec.get("options") else "paragraph"


def input_form(graph: Graph) -> list[dict[str, Any]]:
    """`user_input_form`: the declared inputs of the graph's start/input block(s), in order."""
    form: list[dict[str, Any]] = []
    for node in graph.nodes:
        if node.type not in START_TYPES:
            continue
        for spec in node.data.get("inputs") or []:
            if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
                continue
            control = _control(spec)
            label = spec.get("label")
            entry: dict[str, Any] = {
                "label": label if isinstance(label, str) and label else spec["name"],
                "variable": spec["name"],
                "required": bool(spec.get("required", False)),
                "default": "" if spec.get("default") is None else spec["default"],
            }
            if control == "select":
                entry["options"] = list(spec["options"])
            form.append({control: entry})
    return form


def parameters(graph: Graph, *, image_file_size_limit: str = "10") -> str:
    """`GET /v1/parameters`."""
    return dumps(
        {
            "user_input_form": input_form(graph),
            "file_upload": {
                "image": {
                    "enabled": False,
                    "number_limits": 3,
                    "detail": "high",
                    "transfer_methods": ["remote_url", "local_file"],
                }
            },
            "system_parameters": {"image_file_size_limit": image_file_size_limit},
        }
    )


def info(name: str, description: str, author_name: str, tags: Iterable[str] = ()) -> str:
    """`GET /v1/info`."""
    return dumps(
        {"name": name, "description": description, "tags": list(tags), "mode": "workflow", "author_name": author_name}
    )


def end_user_id(document_id: str, user: str) -> str:
    """A stable id of an app's end user (Dify's end-user row id)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"flowgate:end-user:{document_id}/{user}"))


def _log_entry(run: Run, version: str, hidden: frozenset[str]) -> dict[str, Any]:
    sessions = _shown(run.sessions, hidden)
    end_user = (
        {
            "id": end_user_id(run.document_id, run.end_user),
            "type": "service_api",
            "is_anonymous": False,
            "session_id": run.end_user,
        }
        if run.end_user
        else None
    )
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"flowgate:log:{run.id}")),
        "workflow_run": {
            "id": run.id,
            "version": version,
            "status": RUN_STATUS[run.status],
            "error": _run_error(run.status, run.error_message),
            "elapsed_time": run.duration_ms / 1000,
            "total_tokens": sum(tokens(s.output) for s in sessions),
            "total_steps": len(sessions),
            "created_at": unix(run.created_at),
            "finished_at": unix(run.ended_at),
        },
        "created_from": "service-api",
        "created_by_role": "end_user" if run.end_user else "account",
        "created_by_account": None,
        "created_by_end_user": end_user,
        "created_at": unix(run.created_at),
    }


def logs_page(page: int, limit: int, total: int, entries: Iterable[tuple[Run, str, frozenset[str]]]) -> str:
    """`GET /v1/workflows/logs`: one page of (run, its release's version, its internal blocks)."""
    data = [_log_entry(run, version, hidden) for run, version, hidden in entries]
    return dumps({"page": page, "limit": limit, "total": total, "has_more": page * limit < total, "data": data})
