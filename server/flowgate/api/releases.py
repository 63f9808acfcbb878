"""ReleaseService."""

from __future__ import annotations

from typing import Any

import grpc

from flowgate.api import converters, errors
from flowgate.api.context import authorization
from flowgate.app.releases import SELF, ReleaseUseCases, RouteSpec
from flowgate.domain.models import Visibility
from flowgate.v1 import release_pb2
from flowgate.v1 import release_service_pb2 as pb
from flowgate.v1 import release_service_pb2_grpc as pb_grpc

Ctx = grpc.aio.ServicerContext[Any, Any]


class ReleaseServicer(pb_grpc.ReleaseServiceServicer):
    def __init__(self, releases: ReleaseUseCases) -> None:
        self._releases = releases

    @errors.unary()
    async def PublishRelease(self, request: pb.PublishReleaseRequest, context: Ctx) -> pb.PublishReleaseResponse:
        visibility = Visibility.PUBLIC if request.visibility == release_pb2.VISIBILITY_PUBLIC else Visibility.PRIVATE
        routes = [
            RouteSpec(r.name, r.method, r.path, r.deployment_id if r.HasField("deployment_id") else SELF)
            for r in request.routes
        ]
        release = await self._releases.publish(
            authorization(context),
            request.workflow_id,
            request.version,
            visibility,
            alias=request.alias,
            routes=routes,
        )
        return pb.PublishReleaseResponse(release=converters.release_to_proto(release))

    @errors.unary()
    async def ListReleases(self, request: pb.ListReleasesRequest, context: Ctx) -> pb.ListReleasesResponse:
        releases = await self._releases.list(authorization(context), request.document_id)
        return pb.ListReleasesResponse(releases=[converters.release_to_proto(r) for r in releases])

    @errors.unary()
    async def RetireRelease(self, request: pb.RetireReleaseRequest, context: Ctx) -> pb.RetireReleaseResponse:
        release = await self._releases.retire(authorization(context), request.deployment_id)
        return pb.RetireReleaseResponse(release=converters.release_to_proto(release))

    @errors.unary()
    async def GetRelease(self, request: pb.GetReleaseRequest, context: Ctx) -> pb.GetReleaseResponse:
        release = await self._releases.get(authorization(context), request.deployment_id)
        return pb.GetReleaseResponse(release=converters.release_to_proto(release))
