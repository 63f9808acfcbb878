"""Reading caller facts from gRPC metadata."""

from __future__ import annotations

from typing import Any

import grpc


def metadata_value(context: grpc.aio.ServicerContext[Any, Any], key: str) -> str | None:
    for k, v in context.invocation_metadata() or ():
        if k == key:
            return v if isinstance(v, str) else v.decode()
    return None


def authorization(context: grpc.aio.ServicerContext[Any, Any]) -> str | None:
    """The `authorization` metadata (Envoy forwards the HTTP Authorization header as it)."""
    return metadata_value(context, "authorization")
