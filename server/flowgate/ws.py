"""The management API's WebSocket: `/api/v1/ws/executions/{execution_id}?token=<jwt or API key>`.

A small `websockets` listener in the server process (Envoy proxies `/api/v1/ws/` to it).
The token is checked and the execution looked up before the upgrade, so a bad token is
refused with HTTP 401 and an unknown (or another team's) execution with 404, in the
management API's error body. An accepted connection receives the status now and every
change as `{"type": "status", "data": {status, progress, current_node}}` text frames,
and is closed normally (1000) after the terminal status. The client sends nothing."""

from __future__ import annotations

import asyncio
import contextlib
import http
import logging
import re
from urllib.parse import parse_qs, urlsplit

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from flowgate.app.executions import ExecutionUseCases
from flowgate.dialects import management as dialect
from flowgate.dialects.status import http_status
from flowgate.domain.errors import ErrorReport, FlowgateError, LimitExceeded, NotFound, Unauthenticated
from flowgate.domain.models import Execution

_QUIET = logging.getLogger("flowgate.ws.protocol")
_QUIET.setLevel(logging.INFO)

log = logging.getLogger(__name__)

PATH = re.compile(r"/api/v1/ws/executions/([A-Za-z0-9._-]{1,64})/?")

MAX_CONNECTIONS = 1000
"""Open connections at most; more are refused with 429."""

MAX_MESSAGE_BYTES = 1024
"""The client has nothing to say: larger frames close the connection (1009)."""


def _refusal(err: FlowgateError) -> Response:
    report = ErrorReport.of(err)
    status = http.HTTPStatus(http_status(report))
    body = dialect.error_body(report).encode()
    headers = Headers(
        [
            ("Connection", "close"),
            ("Content-Length", str(len(body))),
            ("Content-Type", "application/json"),
        ]
    )
    return Response(status.value, status.phrase, headers, body)


class ExecutionSocket:
    """Serves execution status over WebSocket connections."""

    def __init__(
        self,
        executions: ExecutionUseCases,
        host: str,
        port: int,
        *,
        max_connections: int = MAX_CONNECTIONS,
        ping_interval: float = 20.0,
    ) -> None:
        self._executions = executions
        self._host = host
        self._port = port
        self._max_connections = max_connections
        self._ping_interval = ping_interval
        self._server: Server | None = None
        self._accepted: dict[ServerConnection, Execution] = {}
        self._handshaking = 0

    async def start(self) -> int:
        """Listens; the bound port (the settings' port, or the one chosen for port 0)."""
        self._server = await serve(
            self._handle,
            self._host,
            self._port,
            process_request=self._process_request,
            compression=None,
            open_timeout=10,
            ping_interval=self._ping_interval,
            ping_timeout=self._ping_interval,
            close_timeout=5,
            max_size=MAX_MESSAGE_BYTES,
            max_queue=4,
            server_header=None,
            # Its debug lines quote the request line, whose query holds the token: never below INFO.
            logger=_QUIET,
        )
        port: int = self._server.sockets[0].getsockname()[1]
        return port

    async def stop(self) -> None:
        """Closes every connection (1001 going away) and the listener."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    async def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        """Authenticates and finds the execution before the upgrade; a Response refuses."""
        if len(self._accepted) + self._handshaking >= self._max_connections:
            return _refusal(LimitExceeded("Too many WebSocket connections; try again later"))
        self._handshaking += 1
        try:
            url = urlsplit(request.path)
            match = PATH.fullmatch(url.path)
            if match is None:
                return _refusal(NotFound("Not found"))
            query = parse_qs(url.query)
            token = (query.get("token") or [""])[0].strip()
            authorization = f"Bearer {token}" if token else request.headers.get("Authorization")
            if not authorization:
                return _refusal(Unauthenticated("Not authenticated: pass ?token=<access token or API key>"))
            team_id = (query.get("team_id") or [""])[0].strip() or request.headers.get(dialect.TEAM_HEADER, "").strip()
            try:
                execution = await self._executions.open_watch(authorization, team_id, match.group(1))
            except FlowgateError as err:
                return _refusal(err)
            except Exception:
                log.exception("WebSocket handshake failed")
                return _refusal(FlowgateError("Internal error"))
            self._accepted[connection] = execution
            return None
        finally:
            self._handshaking -= 1

    async def _handle(self, connection: ServerConnection) -> None:
        execution = self._accepted.get(connection)
        if execution is None:  # not reached: every accepted handshake was recorded
            await connection.close(1011, "no execution")
            return
        try:
            feed = asyncio.create_task(self._send_feed(connection, execution))
            closed = asyncio.create_task(connection.wait_closed())
            done, _ = await asyncio.wait({feed, closed}, return_when=asyncio.FIRST_COMPLETED)
            for task in (feed, closed):
                if task not in done:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError, ConnectionClosed):
                        await task
            if feed in done and feed.exception() is None:
                await connection.close(1000, "execution ended")
            elif feed in done:
                exc = feed.exception()
                if not isinstance(exc, ConnectionClosed):
                    log.error("WebSocket feed of execution %s failed", execution.id, exc_info=exc)
                    await connection.close(1011, "internal error")
        finally:
            self._accepted.pop(connection, None)

    async def _send_feed(self, connection: ServerConnection, execution: Execution) -> None:
        async for view in self._executions.feed(execution):
            await connection.send(dialect.status_frame(view.status.value, view.progress, view.current_node))
