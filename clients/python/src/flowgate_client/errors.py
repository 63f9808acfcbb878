"""The details of a failed call: Flowgate puts a `google.rpc.Status` with an `ErrorInfo`
(and a `BadRequest` when fields were at fault) in the `grpc-status-details-bin` trailer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

import grpc

from flowgate_client.api.google.rpc import BadRequest, ErrorInfo, Status

__all__ = ["ErrorDetails", "error_details"]


@dataclass(frozen=True)
class ErrorDetails:
    """What a failed call says about itself."""

    code: grpc.StatusCode
    """The gRPC status code, e.g. `grpc.StatusCode.NOT_FOUND` (`.name`: "NOT_FOUND")."""
    message: str
    """The status message."""
    reason: str = ""
    """`ErrorInfo.reason`, e.g. "DEPLOYMENT_NOT_FOUND"; empty when the error has none."""
    domain: str = ""
    """`ErrorInfo.domain` ("flowgate.dev")."""
    info: dict[str, str] = field(default_factory=dict)
    """`ErrorInfo.metadata`."""
    field_violations: list[tuple[str, str]] = field(default_factory=list)
    """`BadRequest` violations as (field, description)."""
    http_status: int | None = None
    """The `x-http-status` trailer: the HTTP status of the same error on the HTTP API."""


def _trailer(err: grpc.RpcError, key: str) -> str | bytes | None:
    for item in err.trailing_metadata() or ():
        # (key, value) pairs; grpc-stubs types them as objects, grpcio makes them namedtuples.
        k, v = cast("tuple[str, str | bytes]", item)
        if k == key:
            return v
    return None


def error_details(err: grpc.RpcError) -> ErrorDetails:
    """Decodes a failed call's status: code, message, `ErrorInfo` and `BadRequest`."""
    reason, domain, info, violations = "", "", {}, []
    raw = _trailer(err, "grpc-status-details-bin")
    if isinstance(raw, bytes):
        for detail in Status.parse(raw).details:
            try:
                message = detail.unpack()
            except TypeError:  # a detail type this client was not generated with
                continue
            if isinstance(message, ErrorInfo):
                reason, domain, info = message.reason, message.domain, dict(message.metadata)
            elif isinstance(message, BadRequest):
                violations = [(v.field, v.description) for v in message.field_violations]
    http = _trailer(err, "x-http-status")
    return ErrorDetails(
        code=err.code(),
        message=err.details() or "",
        reason=reason,
        domain=domain,
        info=info,
        field_violations=violations,
        http_status=int(http) if isinstance(http, str) and http.isdigit() else None,
    )
