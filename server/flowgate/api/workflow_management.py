"""WorkflowManagementService: authoring workflows (`/api/v1/workflows`)."""

from __future__ import annotations

from flowgate.v1 import workflow_management_service_pb2_grpc as pb_grpc


class WorkflowManagementServicer(pb_grpc.WorkflowManagementServiceServicer):
    pass
