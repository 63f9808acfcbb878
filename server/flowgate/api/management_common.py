"""What every servicer of the management API (`/api/v1/...`, seed 001) shares: its error
body, the caller's chosen team, paging limits and timestamps."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import grpc
from google.protobuf.message import Message

from flowgate.api import converters
from flowgate.api.context import metadata_value
from flowgate.dialects import management as dialect
from flowgate.domain.errors import FieldViolation, ValidationFailed
from flowgate.domain.models import Graph
from flowgate.v1 import workflow_pb2

Ctx = grpc.aio.ServicerContext[Any, Any]

error_body = dialect.error_body
iso = dialect.iso
"""The family's error body and timestamps (their home: `flowgate.dialects.management`)."""

MAX_PAGE = 100


def team_of(context: Ctx) -> str:
    return (metadata_value(context, dialect.TEAM_HEADER) or "").strip()


def page(request: Message, *, default: int = MAX_PAGE, maximum: int = MAX_PAGE) -> tuple[int, int]:
    """The (skip, limit) of a list request (its `optional int32 skip, limit` fields), with
    defaults, or a 422 naming the bad one."""
    skip: int = getattr(request, "skip") if request.HasField("skip") else 0  # noqa: B009 - generated field
    limit: int = getattr(request, "limit") if request.HasField("limit") else default  # noqa: B009
    problems = []
    if skip < 0:
        problems.append(FieldViolation("skip", "must be 0 or more"))
    if not 1 <= limit <= maximum:
        problems.append(FieldViolation("limit", f"must be between 1 and {maximum}"))
    if problems:
        raise ValidationFailed("; ".join(f"{p.field} {p.message}" for p in problems), violations=problems)
    return skip, limit


def one_of(name: str, value: str, allowed: Iterable[str]) -> str:
    """`value` when empty or allowed, else a 422."""
    allowed = tuple(allowed)
    if value and value not in allowed:
        raise ValidationFailed(
            f"{name} must be one of: {', '.join(allowed)}", violations=[FieldViolation(name, "not allowed")]
        )
    return value


def graph_of(nodes: Any, edges: Any) -> Graph:
    return converters.graph_from_proto(workflow_pb2.Graph(nodes=nodes, edges=edges))
