"""ReleasedAppService: the released-app HTTP family, rendered to its documented bytes."""

from __future__ import annotations

from typing import Any

import grpc
from google.api import httpbody_pb2

from flowgate.api import converters, errors
from flowgate.api.context import authorization
from flowgate.app.runs import RunTarget, RunUseCases
from flowgate.dialects import released_app as dialect
from flowgate.domain.errors import FieldViolation, InputValidationFailed
from flowgate.domain.events import RunCompleted
from flowgate.v1 import released_app_service_pb2 as pb
from flowgate.v1 import released_app_service_pb2_grpc as pb_grpc

Ctx = grpc.aio.ServicerContext[Any, Any]


class ReleasedAppServicer(pb_grpc.ReleasedAppServiceServicer):
    def __init__(self, runs: RunUseCases) -> None:
        self._runs = runs

    @errors.streaming(dialect.error_body)
    async def RunDeployment(self, request: pb.RunDeploymentRequest, context: Ctx) -> None:  # type: ignore[override]
        fmt = request.format or "ndjson"
        if fmt not in ("ndjson", "sse"):
            raise InputValidationFailed([FieldViolation("format", "must be 'ndjson' or 'sse'")])
        stream = request.stream if request.HasField("stream") else True
        handle = await self._runs.start(
            authorization(context),
            RunTarget(deployment_id=request.deployment_id, version=request.version),
            converters.struct_to_dict(request.inputs),
            request.timeout if request.HasField("timeout") else None,
        )
        if not stream:
            async for batch in handle.channel.subscribe():
                last = batch[-1].event
                if isinstance(last, RunCompleted):
                    body = dialect.one_shot(handle.release.document_id, last)
                    await context.write(httpbody_pb2.HttpBody(content_type=dialect.JSON, data=body.encode()))
            return
        render, content_type = (dialect.sse, dialect.SSE) if fmt == "sse" else (dialect.ndjson, dialect.NDJSON)
        async for batch in handle.channel.subscribe():
            await context.write(httpbody_pb2.HttpBody(content_type=content_type, data=render(batch).encode()))
