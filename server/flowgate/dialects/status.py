"""The HTTP status of each kind of failure, the same in every family."""

from __future__ import annotations

from flowgate.domain.errors import ErrorKind, ErrorReport

HTTP_STATUS: dict[ErrorKind, int] = {
    ErrorKind.INVALID: 400,
    ErrorKind.UNPROCESSABLE: 422,
    ErrorKind.UNAUTHENTICATED: 401,
    ErrorKind.PAYMENT_REQUIRED: 402,
    ErrorKind.FORBIDDEN: 403,
    ErrorKind.NOT_FOUND: 404,
    ErrorKind.CONFLICT: 409,
    ErrorKind.RESOURCE_EXHAUSTED: 429,
    ErrorKind.TOO_LARGE: 413,
    ErrorKind.INTERNAL: 500,
    ErrorKind.UNAVAILABLE: 503,
}


def http_status(report: ErrorReport) -> int:
    return HTTP_STATUS[report.kind]
