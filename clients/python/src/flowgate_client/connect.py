"""A grpcio channel that authenticates every call and gives it a deadline.

betterproto2's sync stubs take only the request message, so call metadata and deadlines
are set on the channel: `connect` wraps it in an interceptor that adds
`authorization: Bearer <api key>` and a default deadline, and `call_options` overrides
them for the calls started inside a `with` block.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, NamedTuple

import grpc

__all__ = ["call_options", "connect"]

Metadata = Sequence[tuple[str, str | bytes]]


@dataclass(frozen=True)
class _Options:
    timeout: float | None
    metadata: tuple[tuple[str, str | bytes], ...]


_options: contextvars.ContextVar[_Options | None] = contextvars.ContextVar("flowgate_call_options", default=None)


@contextmanager
def call_options(*, timeout: float | None = None, metadata: Metadata = ()) -> Iterator[None]:
    """Deadline (seconds) and extra metadata for the calls *started* in this block.

    A server-streaming stub method (`run_app`, `watch_run`) starts its call when it is first
    iterated, so iterate it inside the block::

        with call_options(timeout=30):
            for response in stub.run_app(request):
                ...
    """
    outer = _options.get()
    timeout = timeout if timeout is not None else (outer.timeout if outer else None)
    merged = (*(outer.metadata if outer else ()), *metadata)
    token = _options.set(_Options(timeout, merged))
    try:
        yield
    finally:
        _options.reset(token)


class _CallDetails(NamedTuple):
    method: str
    timeout: float | None
    metadata: tuple[tuple[str, str | bytes], ...] | None
    credentials: grpc.CallCredentials | None
    wait_for_ready: bool | None
    compression: grpc.Compression | None


class _ClientCallDetails(_CallDetails, grpc.ClientCallDetails):
    pass


class _Defaults(
    grpc.UnaryUnaryClientInterceptor,
    grpc.UnaryStreamClientInterceptor,
    grpc.StreamUnaryClientInterceptor,
    grpc.StreamStreamClientInterceptor,
):
    """Adds the API key and the deadline to every call."""

    def __init__(self, api_key: str, timeout: float | None) -> None:
        self._metadata: tuple[tuple[str, str | bytes], ...] = (
            (("authorization", f"Bearer {api_key}"),) if api_key else ()
        )
        self._timeout = timeout

    def _details(self, details: grpc.ClientCallDetails) -> grpc.ClientCallDetails:
        options = _options.get()
        timeout = details.timeout
        if timeout is None:
            timeout = options.timeout if options and options.timeout is not None else self._timeout
        metadata = (*self._metadata, *(options.metadata if options else ()), *(details.metadata or ()))
        return _ClientCallDetails(
            details.method,
            timeout,
            metadata,
            details.credentials,
            details.wait_for_ready,
            details.compression,
        )

    def intercept_unary_unary(self, continuation: Callable[..., Any], client_call_details: Any, request: Any) -> Any:
        return continuation(self._details(client_call_details), request)

    def intercept_unary_stream(self, continuation: Callable[..., Any], client_call_details: Any, request: Any) -> Any:
        return continuation(self._details(client_call_details), request)

    def intercept_stream_unary(
        self, continuation: Callable[..., Any], client_call_details: Any, request_iterator: Any
    ) -> Any:
        return continuation(self._details(client_call_details), request_iterator)

    def intercept_stream_stream(
        self, continuation: Callable[..., Any], client_call_details: Any, request_iterator: Any
    ) -> Any:
        return continuation(self._details(client_call_details), request_iterator)


def connect(
    address: str,
    api_key: str,
    *,
    tls: bool = False,
    root_certificates: bytes | None = None,
    timeout: float | None = None,
    options: Sequence[tuple[str, Any]] = (),
) -> grpc.Channel:
    """A channel to Flowgate at `address` (`host:port`) whose calls carry `api_key`.

    `tls` uses the system's roots unless `root_certificates` (PEM) are given. `timeout` is
    the default deadline in seconds of each call (None: no deadline); `call_options`
    overrides it. Pass the channel to the generated stubs; close it when done (or use it
    as a context manager).
    """
    if tls or root_certificates is not None:
        credentials = grpc.ssl_channel_credentials(root_certificates=root_certificates)
        channel = grpc.secure_channel(address, credentials, options=list(options))
    else:
        channel = grpc.insecure_channel(address, options=list(options))
    return grpc.intercept_channel(channel, _Defaults(api_key, timeout))
