"""WorkflowService."""

from __future__ import annotations

from typing import Any

import grpc

from flowgate.api import converters, errors
from flowgate.api.context import authorization
from flowgate.app.workflows import WorkflowUseCases
from flowgate.v1 import workflow_service_pb2 as pb
from flowgate.v1 import workflow_service_pb2_grpc as pb_grpc

Ctx = grpc.aio.ServicerContext[Any, Any]


class WorkflowServicer(pb_grpc.WorkflowServiceServicer):
    def __init__(self, workflows: WorkflowUseCases) -> None:
        self._workflows = workflows

    @errors.unary()
    async def CreateWorkflow(self, request: pb.CreateWorkflowRequest, context: Ctx) -> pb.CreateWorkflowResponse:
        wf = request.workflow
        created = await self._workflows.create(
            authorization(context), wf.name, wf.description, converters.graph_from_proto(wf.graph)
        )
        return pb.CreateWorkflowResponse(workflow=converters.workflow_to_proto(created))

    @errors.unary()
    async def ValidateWorkflow(self, request: pb.ValidateWorkflowRequest, context: Ctx) -> pb.ValidateWorkflowResponse:
        problems, notes = await self._workflows.validate(
            authorization(context), converters.graph_from_proto(request.graph)
        )
        return pb.ValidateWorkflowResponse(
            valid=not problems,
            errors=[pb.ValidationIssue(field=v.field, message=v.message) for v in problems],
            warnings=[pb.ValidationIssue(field=v.field, message=v.message) for v in notes],
        )

    @errors.unary()
    async def GetWorkflow(self, request: pb.GetWorkflowRequest, context: Ctx) -> pb.GetWorkflowResponse:
        wf = await self._workflows.get(authorization(context), request.id)
        return pb.GetWorkflowResponse(workflow=converters.workflow_to_proto(wf))
