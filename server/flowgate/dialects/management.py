"""The management family (`/api/v1/...`): its error body, timestamps, the header that
chooses a team, and the frames of the execution WebSocket (`/api/v1/ws/executions/...`).

Its JSON answers are the transcoded responses of the management services (proto field
names, snake_case); what the server writes itself is here.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from flowgate.dialects import json_limits, status
from flowgate.domain.errors import ErrorReport, FlowgateError

http_status = status.http_status
"""The family's HTTP status of a failure: its kind's."""

TEAM_HEADER = "x-team-id"
"""Which of the user's teams a call acts in (default: the user's personal team)."""

MAX_ERROR_BODY = 4096
"""Bytes of an error body at most, as the ASCII JSON it travels as (in gRPC metadata)."""


def error_body(report: ErrorReport) -> str:
    """The family's error body: `{"detail", "error_code", "status_code"}`, its detail
    shortened (with `…`) to keep the body within MAX_ERROR_BODY."""
    status = http_status(report)
    detail = report.message
    while True:
        body = json.dumps({"detail": detail, "error_code": report.reason, "status_code": status})
        if len(body) <= MAX_ERROR_BODY or len(detail) <= 1:
            return body
        detail = detail[: len(detail) // 2].rstrip() + "…"


def too_deep_error(field: str, limit: int) -> FlowgateError:
    """A request nested too deeply: a plain 400 naming the field, as for calls of no family."""
    return json_limits.too_deep_error(field, limit)


def iso(value: datetime | None) -> str:
    """UTC, ISO 8601 to the second, as the reference shows it (`2024-01-01T00:00:00`)."""
    if value is None:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(timespec="seconds")


def status_frame(status: str, progress: int, current_node: str) -> str:
    """One WebSocket text frame of an execution's status."""
    return json.dumps(
        {"type": "status", "data": {"status": status, "progress": progress, "current_node": current_node}}
    )
