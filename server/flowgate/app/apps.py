"""Published apps as agent tools: a run calls another app on behalf of its caller's team."""

from __future__ import annotations

import contextvars
from collections.abc import Mapping

from flowgate.app.runs import RunTarget, RunUseCases
from flowgate.domain.errors import FlowgateError
from flowgate.domain.events import RunCompleted
from flowgate.domain.models import JSONValue, Principal, RunStatus
from flowgate.engine.services import AppError

_depth: contextvars.ContextVar[int] = contextvars.ContextVar("app_call_depth", default=0)


class PublishedApps:
    """Implements the engine's AppRunner: same authorization as an API call by the team
    (public apps, or private apps of that team), nested calls bounded."""

    def __init__(self, runs: RunUseCases, *, max_depth: int = 3, timeout_seconds: float = 120.0) -> None:
        self._runs = runs
        self._max_depth = max_depth
        self._timeout = timeout_seconds

    async def run_app(self, app: str, inputs: Mapping[str, JSONValue], *, team_id: str) -> JSONValue:
        depth = _depth.get()
        if depth >= self._max_depth:
            raise AppError(f"apps may call apps at most {self._max_depth} levels deep")
        principal = Principal(team_id=team_id, key_id="app-tool")
        token = _depth.set(depth + 1)  # the nested run's task inherits this
        try:
            handle = None
            for target in (RunTarget(deployment_id=app), RunTarget(document_id=app)):
                try:
                    handle = await self._runs.start_as(principal, target, inputs, self._timeout)
                    break
                except FlowgateError as err:
                    if err.reason != "DEPLOYMENT_NOT_FOUND":
                        raise AppError(f"app {app!r}: {err.message}") from None
            if handle is None:
                raise AppError(f"app {app!r} not found")
        finally:
            _depth.reset(token)
        async for batch in handle.channel.subscribe():
            last = batch[-1].event
            if isinstance(last, RunCompleted):
                if last.status is not RunStatus.SUCCEEDED:
                    raise AppError(f"app {app!r} {last.status.value}: {last.error_message}")
                return last.outputs
        raise AppError(f"app {app!r} ended without a result")
