"""DifyService: the Dify family (`/v1/...`, Dify's Workflow App API), rendered to its
documented bytes by `dialects.dify` and `dialects.dify_stream`."""

from __future__ import annotations

import functools
from typing import Any

import grpc
from google.api import httpbody_pb2

from flowgate.api import errors
from flowgate.api.context import authorization, off_loop
from flowgate.app.dify_apps import AppRun, DifyApps
from flowgate.app.runs import RunUseCases
from flowgate.app.uploads import Uploads
from flowgate.dialects import dify, dify_files
from flowgate.dialects.dify_stream import StreamRenderer
from flowgate.dialects.json_limits import DEFAULT_MAX_JSON_DEPTH
from flowgate.domain.errors import ResponseTooLarge, Unauthenticated
from flowgate.domain.events import RunCompleted
from flowgate.domain.models import JSONValue, Principal
from flowgate.domain.queries import RunFilter
from flowgate.v1 import dify_service_pb2 as pb
from flowgate.v1 import dify_service_pb2_grpc as pb_grpc

Ctx = grpc.aio.ServicerContext[Any, Any]


unary = errors.unary(dify.error_body, dify.http_status)
streaming = errors.streaming(dify.error_body, dify.http_status)


def _json(text: str) -> httpbody_pb2.HttpBody:
    return httpbody_pb2.HttpBody(content_type=dify.JSON, data=text.encode())


def _context(started: AppRun) -> dify.RunContext:
    return dify.RunContext(
        run_id=started.run.id,
        workflow_id=started.run.deployment_id,
        user=started.run.end_user,
        created_at=started.run.created_at,
        inputs=started.run.inputs,
        end_user_id=dify.end_user_id(started.run.document_id, started.run.end_user),
        hidden=started.handle.hidden,
        sequence_number=started.sequence_number,
    )


class DifyServicer(pb_grpc.DifyServiceServicer):
    def __init__(  # noqa: PLR0913 - its three use cases and three limits, named at the call
        self,
        apps: DifyApps,
        runs: RunUseCases,
        uploads: Uploads,
        *,
        ping_seconds: float = dify.PING_SECONDS,
        max_response_bytes: int = 4 * 1024 * 1024,
        max_json_depth: int = DEFAULT_MAX_JSON_DEPTH,
    ) -> None:
        self._apps = apps
        self._runs = runs
        self._uploads = uploads
        self._ping = ping_seconds
        self._max_response = max_response_bytes
        self._depth = max_json_depth

    async def _caller(self, context: Ctx) -> Principal:
        """The app key's caller, refused in Dify's words: no Bearer credentials at all, or
        credentials that are no app key."""
        header = authorization(context) or ""
        scheme, _, token = header.strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise dify.missing_auth_error()
        try:
            return await self._apps.app_of(header)
        except Unauthenticated:
            raise dify.invalid_key_error() from None

    async def _run(self, context: Ctx, data: bytes, deployment_id: str = "") -> None:
        principal = await self._caller(context)
        body = await off_loop(dify.parse_run_body, data, self._depth)
        inputs: dict[str, JSONValue] = body.inputs
        if body.files:  # the files become the run's input `files`
            found = await self._uploads.resolve(principal, body.files, body.user)
            inputs = {**inputs, "files": [dify_files.workflow_file(*f) for f in found]}
        started = await self._apps.start(principal, inputs, body.user, deployment_id=deployment_id)
        run = _context(started)
        if body.streaming:
            await self._stream(context, started, run)
        else:
            await self._blocking(context, started, run)

    async def _stream(self, context: Ctx, started: AppRun, run: dify.RunContext) -> None:
        """Dify's SSE: a ping when the stream opens and after every idle `ping_seconds`,
        then the run's events as `data:` frames until it ends."""
        renderer = StreamRenderer(run, started.graph)
        await context.write(httpbody_pb2.HttpBody(content_type=dify.SSE, data=dify.PING.encode()))
        async for batch in started.handle.channel.subscribe(heartbeat_seconds=self._ping):
            text = renderer.render(batch) if batch else dify.PING
            if text:
                await context.write(httpbody_pb2.HttpBody(content_type=dify.SSE, data=text.encode()))

    async def _blocking(self, context: Ctx, started: AppRun, run: dify.RunContext) -> None:
        """The one JSON answer, once the run ends (over the response limit: refused, 413,
        and the run is not charged)."""
        async for batch in started.handle.channel.subscribe():
            last = batch[-1] if batch else None
            if last is not None and isinstance(last.event, RunCompleted):
                data = dify.blocking_answer(last.event, run, last.time).encode()
                if len(data) > self._max_response:
                    await self._runs.answer_refused(started.handle, last.event)
                    raise ResponseTooLarge(self._max_response)
                await context.write(httpbody_pb2.HttpBody(content_type=dify.JSON, data=data))

    @streaming
    async def RunWorkflow(self, request: pb.RunWorkflowRequest, context: Ctx) -> None:  # type: ignore[override]
        await self._run(context, request.body.data)

    @streaming
    async def RunWorkflowVersion(self, request: pb.RunWorkflowVersionRequest, context: Ctx) -> None:  # type: ignore[override]
        await self._run(context, request.body.data, request.workflow_id)

    @unary
    async def GetWorkflowRun(self, request: pb.GetWorkflowRunRequest, context: Ctx) -> httpbody_pb2.HttpBody:
        principal = await self._caller(context)
        run, hidden = await self._apps.run(principal, request.workflow_run_id)
        return _json(dify.run_detail(run, user=run.end_user, hidden=hidden))

    @unary
    async def StopWorkflowTask(self, request: pb.StopWorkflowTaskRequest, context: Ctx) -> httpbody_pb2.HttpBody:
        principal = await self._caller(context)
        user = await off_loop(dify.parse_stop_body, request.body.data, self._depth)
        await self._apps.stop(principal, request.task_id, user)
        return _json(dify.STOP_ANSWER)

    @unary
    async def ListWorkflowLogs(self, request: pb.ListWorkflowLogsRequest, context: Ctx) -> httpbody_pb2.HttpBody:
        principal = await self._caller(context)
        query = dify.logs_query(
            {
                "keyword": request.keyword,
                "status": request.status,
                "page": request.page,
                "limit": request.limit,
                "created_at__before": request.created_at_before,
                "created_at__after": request.created_at_after,
                "created_by_end_user_session_id": request.created_by_end_user_session_id,
            }
        )
        where = RunFilter(
            query.keyword,
            query.status,
            query.created_at_before,
            query.created_at_after,
            query.created_by_end_user_session_id,
        )
        page = await self._apps.logs(principal, where, query.page, query.limit)
        entries = [(e.run, e.version, e.hidden) for e in page.entries]
        return _json(dify.logs_page(query.page, query.limit, page.total, entries))

    @unary
    async def GetParameters(self, request: pb.GetParametersRequest, context: Ctx) -> httpbody_pb2.HttpBody:
        app = await self._apps.info(await self._caller(context))
        return _json(dify.parameters(app.graph))

    @unary
    async def GetInfo(self, request: pb.GetInfoRequest, context: Ctx) -> httpbody_pb2.HttpBody:
        app = await self._apps.info(await self._caller(context))
        return _json(dify.info(app.name, app.description, app.author_name))

    @unary
    async def UploadFile(self, request: pb.UploadFileRequest, context: Ctx) -> httpbody_pb2.HttpBody:
        principal = await self._caller(context)
        body = request.body
        parse = functools.partial(dify_files.parse_upload, body.content_type)
        part = await off_loop(parse, body.data, self._uploads.max_bytes)
        saved = await self._uploads.save(principal, part)
        return _json(dify_files.file_object(saved))
