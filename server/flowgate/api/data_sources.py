"""DataSourceService: a team's data sources (`/api/v1/data-sources`)."""

from __future__ import annotations

from flowgate.v1 import data_source_service_pb2_grpc as pb_grpc


class DataSourceServicer(pb_grpc.DataSourceServiceServicer):
    pass
