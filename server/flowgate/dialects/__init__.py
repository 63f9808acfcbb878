"""The documented HTTP families, one module each: everything that turns a family's bytes
into domain values and domain values into its bytes.

A family's module (`released_app.py` for `/api/released-app/...`, `management.py` for
`/api/v1/...`, `dify.py` for Dify's Workflow App API `/v1/...`, its stream in
`dify_stream.py`) provides:

- `error_body(report: ErrorReport) -> str` — the family's documented error body, as JSON
  text;
- `http_status(report: ErrorReport) -> int` — its HTTP status: the failure kind's,
  `status.http_status` (re-exported), except where the family's reference has its own
  (Dify answers most refusals 400);
- `too_deep_error(field: str, limit: int) -> FlowgateError` — what a request nested
  deeper than the JSON limit is refused with (`json_limits.too_deep_error` when the
  family has no shape of its own);
- request readers (`parse_run_body`, `query_inputs`, ...) — bodies, query strings and
  header values the servicer hands over as bytes or text, checked and turned into
  domain values (every problem a `FlowgateError` naming its field);
- renderers (`ndjson`, `sse`, `one_shot`, `status_frame`, ...) — events, answers and
  frames as the exact text of the wire.

How the rest uses them:

- `FAMILIES` maps each gRPC service an HTTP family is served by to its module;
  `of_method` finds the family of a call. `api.limits.CallLimitsInterceptor` renders the
  refusals it makes before a handler runs through it.
- A servicer (`api/`) converts and calls a use case: it passes the request's bytes to
  its dialect's readers, the use case's results to its renderers, and its dialect's
  `error_body` to `api.errors.unary` / `streaming`, which put the body (`x-error-body`)
  and the status (`x-http-status`) in the trailers Envoy turns into the HTTP response.
- `ws.py` (the management family's WebSocket) refuses and frames through
  `dialects.management`.

Adding a family: a module here with the functions above, its services in `FAMILIES`,
and its servicer in `api/`. Modules here import the domain only (no grpc, no storage).
"""

from __future__ import annotations

from typing import Protocol

from flowgate.dialects import dify, management, released_app
from flowgate.domain.errors import ErrorReport, FlowgateError


class Dialect(Protocol):
    """What every family's module provides (a module satisfies it structurally)."""

    def error_body(self, report: ErrorReport) -> str: ...

    def http_status(self, report: ErrorReport) -> int: ...

    def too_deep_error(self, field: str, limit: int) -> FlowgateError: ...


FAMILIES: dict[str, Dialect] = {
    "flowgate.v1.ReleasedAppService": released_app,
    "flowgate.v1.AccountService": management,
    "flowgate.v1.WorkflowManagementService": management,
    "flowgate.v1.ExecutionManagementService": management,
    "flowgate.v1.DataSourceService": management,
    "flowgate.v1.DifyService": dify,
}
"""gRPC service (full name) → the HTTP family its routes belong to. The other services
(ExecutionService, WorkflowService, ReleaseService, ...) are gRPC only."""


def of_method(method: str) -> Dialect | None:
    """The family of a gRPC method path (`/flowgate.v1.Service/Method`); None for one of
    no family."""
    service = method.rsplit("/", 2)[-2] if method.count("/") >= 2 else ""
    return FAMILIES.get(service)
