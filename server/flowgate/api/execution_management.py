"""ExecutionManagementService: executions and their logs (`/api/v1/executions`, `/api/v1/execution-logs`)."""

from __future__ import annotations

from flowgate.v1 import execution_management_service_pb2_grpc as pb_grpc


class ExecutionManagementServicer(pb_grpc.ExecutionManagementServiceServicer):
    pass
