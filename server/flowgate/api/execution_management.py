"""ExecutionManagementService: executions and their logs (`/api/v1/executions`, `/api/v1/execution-logs`)."""

from __future__ import annotations

from flowgate.api import converters, errors
from flowgate.api.context import authorization
from flowgate.api.management_common import Ctx, error_body, iso, one_of, page, team_of
from flowgate.app.executions import ExecutionUseCases, StatusView
from flowgate.domain.models import Execution, ExecutionLog, ExecutionStatus, LogLevel
from flowgate.domain.queries import ExecutionQuery
from flowgate.v1 import execution_management_service_pb2 as pb
from flowgate.v1 import execution_management_service_pb2_grpc as pb_grpc

unary = errors.unary(error_body)
streaming = errors.streaming(error_body)

MAX_LOG_PAGE = 1000


def _int32(value: int) -> int:
    return max(0, min(value, 2**31 - 1))


def _ticket(execution: Execution) -> pb.ExecutionTicket:
    return pb.ExecutionTicket(
        id=execution.id, workflow_id=execution.workflow_id, status=execution.status.value, task_id=execution.task_id
    )


def _execution(e: Execution) -> pb.WorkflowExecution:
    return pb.WorkflowExecution(
        id=e.id,
        workflow_id=e.workflow_id,
        workflow_version=e.workflow_version,
        status=e.status.value,
        input_data=converters.dict_to_struct(e.input_data),
        output_data=converters.to_value(e.output_data),
        error_message=e.error_message,
        execution_time=_int32(e.execution_time_ms),
        task_id=e.task_id,
        created_at=iso(e.created_at),
        started_at=iso(e.started_at),
        finished_at=iso(e.finished_at),
    )


def status_message(view: StatusView) -> pb.ExecutionStatus:
    return pb.ExecutionStatus(status=view.status.value, progress=view.progress, current_node=view.current_node)


def _log(record: ExecutionLog) -> pb.ExecutionLog:
    return pb.ExecutionLog(
        id=record.id,
        node_id=record.node_id,
        node_type=record.node_type,
        level=record.level.value,
        message=record.message,
        timestamp=iso(record.timestamp),
        duration_ms=_int32(record.duration_ms),
    )


class ExecutionManagementServicer(pb_grpc.ExecutionManagementServiceServicer):
    def __init__(self, executions: ExecutionUseCases) -> None:
        self._executions = executions

    @unary
    async def ExecuteWorkflow(self, request: pb.ExecuteWorkflowRequest, context: Ctx) -> pb.ExecuteWorkflowResponse:
        execution = await self._executions.start(
            authorization(context),
            team_of(context),
            request.workflow_id,
            converters.struct_to_dict(request.input_data),
        )
        return pb.ExecuteWorkflowResponse(execution=_ticket(execution))

    @unary
    async def CreateExecution(self, request: pb.CreateExecutionRequest, context: Ctx) -> pb.CreateExecutionResponse:
        execution = await self._executions.start(
            authorization(context),
            team_of(context),
            request.workflow_id,
            converters.struct_to_dict(request.input_data),
        )
        return pb.CreateExecutionResponse(execution=_ticket(execution))

    @unary
    async def ListExecutions(self, request: pb.ListExecutionsRequest, context: Ctx) -> pb.ListExecutionsResponse:
        skip, limit = page(request)
        status = one_of("status", request.status, (s.value for s in ExecutionStatus))
        query = ExecutionQuery(
            skip=skip, limit=limit, workflow_id=request.workflow_id, status=status, search=request.search.strip()
        )
        found = await self._executions.list_executions(authorization(context), team_of(context), query)
        return pb.ListExecutionsResponse(executions=[_execution(e) for e in found])

    @unary
    async def GetExecution(self, request: pb.GetExecutionRequest, context: Ctx) -> pb.GetExecutionResponse:
        execution = await self._executions.get(authorization(context), team_of(context), request.execution_id)
        return pb.GetExecutionResponse(execution=_execution(execution))

    @unary
    async def GetExecutionStatus(
        self, request: pb.GetExecutionStatusRequest, context: Ctx
    ) -> pb.GetExecutionStatusResponse:
        execution = await self._executions.get(authorization(context), team_of(context), request.execution_id)
        view = StatusView(execution.status, execution.progress, execution.current_node)
        return pb.GetExecutionStatusResponse(status=status_message(view))

    @unary
    async def CancelExecution(self, request: pb.CancelExecutionRequest, context: Ctx) -> pb.CancelExecutionResponse:
        view = await self._executions.cancel(authorization(context), team_of(context), request.execution_id)
        return pb.CancelExecutionResponse(status=status_message(view))

    @streaming
    async def WatchExecution(self, request: pb.WatchExecutionRequest, context: Ctx) -> None:  # type: ignore[override]
        execution = await self._executions.open_watch(authorization(context), team_of(context), request.execution_id)
        async for view in self._executions.feed(execution):
            await context.write(pb.WatchExecutionResponse(type="status", data=status_message(view)))

    @unary
    async def ListExecutionLogs(
        self, request: pb.ListExecutionLogsRequest, context: Ctx
    ) -> pb.ListExecutionLogsResponse:
        skip, limit = page(request, default=100, maximum=MAX_LOG_PAGE)
        level = one_of("level", request.level, (v.value for v in LogLevel))
        records, total = await self._executions.logs(
            authorization(context),
            team_of(context),
            request.execution_id,
            level=level,
            node_id=request.node_id,
            skip=skip,
            limit=limit,
        )
        return pb.ListExecutionLogsResponse(logs=[_log(r) for r in records], total=total, skip=skip, limit=limit)

    @unary
    async def GetExecutionLogSummary(
        self, request: pb.GetExecutionLogSummaryRequest, context: Ctx
    ) -> pb.GetExecutionLogSummaryResponse:
        summary = await self._executions.log_summary(authorization(context), team_of(context), request.execution_id)
        return pb.GetExecutionLogSummaryResponse(
            total_logs=summary.total,
            level_stats=pb.LogLevelStats(
                info=summary.per_level[LogLevel.INFO],
                warn=summary.per_level[LogLevel.WARN],
                error=summary.per_level[LogLevel.ERROR],
                debug=summary.per_level[LogLevel.DEBUG],
            ),
            node_stats=[
                pb.NodeLogStats(
                    node_id=n.node_id,
                    node_type=n.node_type,
                    log_count=n.log_count,
                    total_duration_ms=_int32(n.total_duration_ms),
                )
                for n in summary.per_node
            ],
            error_logs=[_log(r) for r in summary.errors],
        )
