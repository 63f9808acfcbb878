"""DataSourceService: a team's data sources (`/api/v1/data-sources`)."""

from __future__ import annotations

from flowgate.api import converters, errors
from flowgate.api.context import authorization
from flowgate.api.management_common import Ctx, error_body, iso, one_of, page, team_of
from flowgate.app.data_sources import STATUSES, TYPES, DataSourceUseCases
from flowgate.domain.models import DataSource
from flowgate.v1 import data_source_service_pb2 as pb
from flowgate.v1 import data_source_service_pb2_grpc as pb_grpc

unary = errors.unary(error_body)


def _source(source: DataSource) -> pb.DataSource:
    return pb.DataSource(
        id=source.id,
        name=source.name,
        type=source.type.value,
        description=source.description,
        config=converters.dict_to_struct(source.config),
        status=source.status,
        created_at=iso(source.created_at),
        updated_at=iso(source.updated_at),
    )


class DataSourceServicer(pb_grpc.DataSourceServiceServicer):
    def __init__(self, data_sources: DataSourceUseCases) -> None:
        self._sources = data_sources

    @unary
    async def ListDataSources(self, request: pb.ListDataSourcesRequest, context: Ctx) -> pb.ListDataSourcesResponse:
        skip, limit = page(request)
        found = await self._sources.list_sources(
            authorization(context),
            team_of(context),
            skip,
            limit,
            type=one_of("type", request.type, TYPES),
            status=one_of("status", request.status, STATUSES),
        )
        return pb.ListDataSourcesResponse(data_sources=[_source(s) for s in found])

    @unary
    async def CreateDataSource(self, request: pb.CreateDataSourceRequest, context: Ctx) -> pb.CreateDataSourceResponse:
        source = await self._sources.create(
            authorization(context),
            team_of(context),
            name=request.name,
            type=request.type,
            description=request.description,
            config=converters.struct_to_dict(request.config),
        )
        return pb.CreateDataSourceResponse(data_source=_source(source))

    @unary
    async def GetDataSource(self, request: pb.GetDataSourceRequest, context: Ctx) -> pb.GetDataSourceResponse:
        source = await self._sources.get(authorization(context), team_of(context), request.data_source_id)
        return pb.GetDataSourceResponse(data_source=_source(source))

    @unary
    async def UpdateDataSource(self, request: pb.UpdateDataSourceRequest, context: Ctx) -> pb.UpdateDataSourceResponse:
        source = await self._sources.update(
            authorization(context),
            team_of(context),
            request.data_source_id,
            name=request.name if request.HasField("name") else None,
            description=request.description if request.HasField("description") else None,
            config=converters.struct_to_dict(request.config) if request.HasField("config") else None,
        )
        return pb.UpdateDataSourceResponse(data_source=_source(source))

    @unary
    async def DeleteDataSource(self, request: pb.DeleteDataSourceRequest, context: Ctx) -> pb.DeleteDataSourceResponse:
        await self._sources.delete(authorization(context), team_of(context), request.data_source_id)
        return pb.DeleteDataSourceResponse(message="Data source deleted")

    @unary
    async def TestDataSource(self, request: pb.TestDataSourceRequest, context: Ctx) -> pb.TestDataSourceResponse:
        ok, message = await self._sources.test(authorization(context), team_of(context), request.data_source_id)
        return pb.TestDataSourceResponse(status="success" if ok else "failed", message=message)

    @unary
    async def QueryDataSource(self, request: pb.QueryDataSourceRequest, context: Ctx) -> pb.QueryDataSourceResponse:
        result = await self._sources.run(
            authorization(context),
            team_of(context),
            request.data_source_id,
            request.query,
            request.limit if request.HasField("limit") else None,
        )
        return pb.QueryDataSourceResponse(
            data=[converters.to_value(row) for row in result.rows], count=len(result.rows), truncated=result.truncated
        )
