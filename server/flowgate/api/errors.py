"""The one table that maps domain errors to gRPC status (the documented HTTP status of
each is `flowgate.dialects.status`'s, the same in every family).

Every error carries `google.rpc.ErrorInfo` (reason = the domain reason) in
`grpc-status-details-bin`, plus `google.rpc.BadRequest` when fields were at fault.
For the HTTP families, trailing metadata `x-http-status` and `x-error-body` carry the
documented status and body; Envoy's Lua filter puts them on the HTTP response.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any, NoReturn, TypeVar

import grpc
from google.protobuf import any_pb2, duration_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2

from flowgate.dialects.status import http_status
from flowgate.domain.errors import ErrorKind, ErrorReport, FlowgateError

log = logging.getLogger(__name__)

DOMAIN = "flowgate.dev"

GRPC_STATUS: dict[ErrorKind, grpc.StatusCode] = {
    ErrorKind.INVALID: grpc.StatusCode.INVALID_ARGUMENT,
    ErrorKind.UNPROCESSABLE: grpc.StatusCode.INVALID_ARGUMENT,
    ErrorKind.UNAUTHENTICATED: grpc.StatusCode.UNAUTHENTICATED,
    ErrorKind.PAYMENT_REQUIRED: grpc.StatusCode.FAILED_PRECONDITION,
    ErrorKind.FORBIDDEN: grpc.StatusCode.PERMISSION_DENIED,
    ErrorKind.NOT_FOUND: grpc.StatusCode.NOT_FOUND,
    ErrorKind.CONFLICT: grpc.StatusCode.ALREADY_EXISTS,
    ErrorKind.RESOURCE_EXHAUSTED: grpc.StatusCode.RESOURCE_EXHAUSTED,
    ErrorKind.TOO_LARGE: grpc.StatusCode.RESOURCE_EXHAUSTED,
    ErrorKind.INTERNAL: grpc.StatusCode.INTERNAL,
    ErrorKind.UNAVAILABLE: grpc.StatusCode.UNAVAILABLE,
}

ErrorRenderer = Callable[[ErrorReport], str]
"""Renders an HTTP family's documented error body."""

StatusOf = Callable[[ErrorReport], int]
"""An HTTP family's status of a failure (`dialects.status.http_status` unless the family
has its own, as Dify's has)."""


def _status_proto(report: ErrorReport, code: grpc.StatusCode) -> status_pb2.Status:
    details = []
    info = any_pb2.Any()
    info.Pack(error_details_pb2.ErrorInfo(reason=report.reason, domain=DOMAIN))
    details.append(info)
    if report.violations:
        bad = any_pb2.Any()
        bad.Pack(
            error_details_pb2.BadRequest(
                field_violations=[
                    error_details_pb2.BadRequest.FieldViolation(field=v.field, description=v.message)
                    for v in report.violations
                ]
            )
        )
        details.append(bad)
    return status_pb2.Status(code=getattr(code_pb2, code.name), message=report.message, details=details)


async def abort(
    context: grpc.aio.ServicerContext[Any, Any],
    err: FlowgateError,
    render: ErrorRenderer | None,
    status_of: StatusOf = http_status,
) -> NoReturn:
    report = ErrorReport.of(err)
    code = GRPC_STATUS[report.kind]
    status = _status_proto(report, code)
    retry: int | None = getattr(err, "retry_after_seconds", None)
    if retry is not None:  # google.rpc.RetryInfo for gRPC, Retry-After over HTTP
        status.details.add().Pack(error_details_pb2.RetryInfo(retry_delay=duration_pb2.Duration(seconds=retry)))
    trailing: list[tuple[str, str | bytes]] = [
        ("grpc-status-details-bin", status.SerializeToString()),
        ("x-http-status", str(status_of(report))),
    ]
    if retry is not None:
        trailing.append(("retry-after", str(retry)))
    if render is not None:
        trailing.append(("x-error-body", _header_safe(render(report))))
    await context.abort(code, report.message, trailing_metadata=tuple(trailing))


MAX_ERROR_BODY = 8192


def _header_safe(body: str) -> str:
    """The body as ASCII-only JSON (metadata values must be printable ASCII), bounded."""
    value = json.loads(body)
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    if len(text) > MAX_ERROR_BODY and isinstance(value, dict):
        text = json.dumps({"error": str(value.get("error", ""))[:1000]}, ensure_ascii=True, separators=(",", ":"))
    return text


INTERNAL = FlowgateError("Internal error")

S = TypeVar("S")
Req = TypeVar("Req")
Resp = TypeVar("Resp")
Ctx = grpc.aio.ServicerContext[Any, Any]


def unary(
    render: ErrorRenderer | None = None,
    status_of: StatusOf = http_status,
) -> Callable[[Callable[[S, Req, Ctx], Awaitable[Resp]]], Callable[[S, Req, Ctx], Awaitable[Resp]]]:
    """Maps errors of a handler through the table; unexpected ones become INTERNAL, logged."""

    def wrap(fn: Callable[[S, Req, Ctx], Awaitable[Resp]]) -> Callable[[S, Req, Ctx], Awaitable[Resp]]:
        @functools.wraps(fn)
        async def handler(self: S, request: Req, context: Ctx) -> Resp:
            try:
                return await fn(self, request, context)
            except grpc.aio.AbortError:
                raise
            except FlowgateError as err:
                await abort(context, err, render, status_of)
            except Exception:
                log.exception("unhandled error")
                await abort(context, INTERNAL, render, status_of)

        return handler

    return wrap


streaming = unary
"""The same for server-streaming handlers written as coroutines that `context.write()`
their messages (no generator layers between an event and the socket)."""
