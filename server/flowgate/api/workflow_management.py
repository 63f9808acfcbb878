"""WorkflowManagementService: authoring workflows (`/api/v1/workflows`)."""

from __future__ import annotations

from collections import OrderedDict
from datetime import UTC, datetime

from flowgate.api import converters, errors
from flowgate.api.context import authorization
from flowgate.api.management_common import Ctx, error_body, graph_of, iso, one_of, page, team_of
from flowgate.app.templates import Template
from flowgate.app.workflow_admin import WorkflowAdmin, WorkflowChange, WorkflowDraft
from flowgate.domain.models import Graph, ManagedWorkflow, WorkflowVersion
from flowgate.domain.queries import WorkflowQuery
from flowgate.v1 import workflow_management_service_pb2 as pb
from flowgate.v1 import workflow_management_service_pb2_grpc as pb_grpc
from flowgate.v1 import workflow_pb2, workflow_service_pb2

unary = errors.unary(error_body)


def _graph(graph: Graph) -> workflow_pb2.Graph:
    return converters.graph_to_proto(graph)


class _ConvertedCache:
    """Converted workflows by (id, version, status, updated, name, description): a version's
    graph never changes, and turning a graph into Structs is most of a List's cost. LRU,
    bounded by the messages' total size."""

    def __init__(self, max_bytes: int) -> None:
        self._max_bytes = max_bytes
        self._bytes = 0
        self._entries: OrderedDict[tuple[str, int, str, str, str, str], tuple[pb.ManagedWorkflow, int]] = OrderedDict()

    def get(self, m: ManagedWorkflow) -> pb.ManagedWorkflow:
        wf = m.workflow
        key = (wf.id, wf.version, m.status.value, iso(wf.updated_at), wf.name, wf.description)
        hit = self._entries.get(key)
        if hit is not None:
            self._entries.move_to_end(key)
            return hit[0]
        message = _convert(m)
        size = message.ByteSize()
        if size <= self._max_bytes // 16:  # a huge graph is converted each time rather than cached
            self._entries[key] = (message, size)
            self._bytes += size
            while self._bytes > self._max_bytes:
                _key, (_message, dropped) = self._entries.popitem(last=False)
                self._bytes -= dropped
        return message


_CONVERTED = _ConvertedCache(32 * 1024 * 1024)


def managed_to_proto(m: ManagedWorkflow) -> pb.ManagedWorkflow:
    """The workflow as a message (callers copy it into their responses; never mutate it)."""
    return _CONVERTED.get(m)


def _convert(m: ManagedWorkflow) -> pb.ManagedWorkflow:
    wf = m.workflow
    g = _graph(wf.graph)
    return pb.ManagedWorkflow(
        id=wf.id,
        name=wf.name,
        description=wf.description,
        nodes=g.nodes,
        edges=g.edges,
        version=wf.version,
        status=m.status.value,
        created_at=iso(wf.created_at),
        updated_at=iso(wf.updated_at),
    )


def _template(t: Template) -> pb.WorkflowTemplate:
    g = _graph(t.graph())
    return pb.WorkflowTemplate(
        id=t.id, name=t.name, description=t.description, category=t.category, nodes=g.nodes, edges=g.edges
    )


def _version(v: WorkflowVersion, current: int, *, with_graph: bool) -> pb.WorkflowVersion:
    out = pb.WorkflowVersion(
        version=v.version,
        name=v.name,
        description=v.description,
        comment=v.comment,
        created_by=v.created_by,
        created_at=iso(v.created_at),
        is_current=v.version == current,
    )
    if with_graph:
        g = _graph(v.graph)
        out.nodes.extend(g.nodes)
        out.edges.extend(g.edges)
    return out


class WorkflowManagementServicer(pb_grpc.WorkflowManagementServiceServicer):
    def __init__(self, workflows: WorkflowAdmin) -> None:
        self._workflows = workflows

    @unary
    async def ListManagedWorkflows(
        self, request: pb.ListManagedWorkflowsRequest, context: Ctx
    ) -> pb.ListManagedWorkflowsResponse:
        skip, limit = page(request)
        order = one_of("sort_order", request.sort_order.lower(), ("asc", "desc")) or "desc"
        query = WorkflowQuery(
            skip=skip,
            limit=limit,
            search=request.search.strip()[:200],
            status=request.status,
            sort_by=request.sort_by or "created_at",
            descending=order == "desc",
        )
        found = await self._workflows.list(authorization(context), team_of(context), query)
        return pb.ListManagedWorkflowsResponse(workflows=[managed_to_proto(m) for m in found])

    @unary
    async def CreateManagedWorkflow(
        self, request: pb.CreateManagedWorkflowRequest, context: Ctx
    ) -> pb.CreateManagedWorkflowResponse:
        draft = WorkflowDraft(request.name, request.description, graph_of(request.nodes, request.edges))
        created = await self._workflows.create(authorization(context), team_of(context), draft)
        return pb.CreateManagedWorkflowResponse(workflow=managed_to_proto(created))

    @unary
    async def ValidateManagedWorkflow(
        self, request: pb.ValidateManagedWorkflowRequest, context: Ctx
    ) -> pb.ValidateManagedWorkflowResponse:
        problems, notes = await self._workflows.validate(
            authorization(context), team_of(context), graph_of(request.nodes, request.edges)
        )
        return pb.ValidateManagedWorkflowResponse(
            valid=not problems,
            errors=[workflow_service_pb2.ValidationIssue(field=v.field, message=v.message) for v in problems],
            warnings=[workflow_service_pb2.ValidationIssue(field=v.field, message=v.message) for v in notes],
        )

    @unary
    async def ListWorkflowTemplates(
        self, request: pb.ListWorkflowTemplatesRequest, context: Ctx
    ) -> pb.ListWorkflowTemplatesResponse:
        templates = await self._workflows.templates(authorization(context), team_of(context))
        return pb.ListWorkflowTemplatesResponse(templates=[_template(t) for t in templates])

    @unary
    async def CreateWorkflowFromTemplate(
        self, request: pb.CreateWorkflowFromTemplateRequest, context: Ctx
    ) -> pb.CreateWorkflowFromTemplateResponse:
        created = await self._workflows.from_template(
            authorization(context), team_of(context), request.template_id, request.name, request.description
        )
        return pb.CreateWorkflowFromTemplateResponse(workflow=managed_to_proto(created))

    @unary
    async def ImportWorkflow(self, request: pb.ImportWorkflowRequest, context: Ctx) -> pb.ImportWorkflowResponse:
        wf = request.workflow
        draft = WorkflowDraft(wf.name, wf.description, graph_of(wf.nodes, wf.edges))
        created = await self._workflows.import_(authorization(context), team_of(context), draft)
        return pb.ImportWorkflowResponse(workflow=managed_to_proto(created))

    @unary
    async def GetManagedWorkflow(
        self, request: pb.GetManagedWorkflowRequest, context: Ctx
    ) -> pb.GetManagedWorkflowResponse:
        found = await self._workflows.get(authorization(context), team_of(context), request.workflow_id)
        return pb.GetManagedWorkflowResponse(workflow=managed_to_proto(found))

    @unary
    async def UpdateManagedWorkflow(
        self, request: pb.UpdateManagedWorkflowRequest, context: Ctx
    ) -> pb.UpdateManagedWorkflowResponse:
        graph = graph_of(request.nodes, request.edges) if (request.nodes or request.edges) else None
        change = WorkflowChange(
            name=request.name if request.HasField("name") else None,
            description=request.description if request.HasField("description") else None,
            graph=graph,
            status=request.status if request.HasField("status") else None,
            comment=request.comment,
        )
        updated = await self._workflows.update(authorization(context), team_of(context), request.workflow_id, change)
        return pb.UpdateManagedWorkflowResponse(workflow=managed_to_proto(updated))

    @unary
    async def DeleteManagedWorkflow(
        self, request: pb.DeleteManagedWorkflowRequest, context: Ctx
    ) -> pb.DeleteManagedWorkflowResponse:
        await self._workflows.delete(authorization(context), team_of(context), request.workflow_id)
        return pb.DeleteManagedWorkflowResponse(message="工作流已删除")  # the reference's own words

    @unary
    async def ExportWorkflow(self, request: pb.ExportWorkflowRequest, context: Ctx) -> pb.ExportWorkflowResponse:
        found = await self._workflows.export(authorization(context), team_of(context), request.workflow_id)
        g = _graph(found.workflow.graph)
        return pb.ExportWorkflowResponse(
            workflow=pb.WorkflowExport(
                name=found.workflow.name, description=found.workflow.description, nodes=g.nodes, edges=g.edges
            ),
            exported_at=iso(datetime.now(UTC)),
        )

    @unary
    async def ListWorkflowVersions(
        self, request: pb.ListWorkflowVersionsRequest, context: Ctx
    ) -> pb.ListWorkflowVersionsResponse:
        current, versions = await self._workflows.versions(
            authorization(context), team_of(context), request.workflow_id
        )
        return pb.ListWorkflowVersionsResponse(versions=[_version(v, current, with_graph=False) for v in versions])

    @unary
    async def GetWorkflowVersion(
        self, request: pb.GetWorkflowVersionRequest, context: Ctx
    ) -> pb.GetWorkflowVersionResponse:
        current, version = await self._workflows.version(
            authorization(context), team_of(context), request.workflow_id, request.version
        )
        return pb.GetWorkflowVersionResponse(version=_version(version, current, with_graph=True))

    @unary
    async def RollbackWorkflowVersion(
        self, request: pb.RollbackWorkflowVersionRequest, context: Ctx
    ) -> pb.RollbackWorkflowVersionResponse:
        updated = await self._workflows.rollback(
            authorization(context), team_of(context), request.workflow_id, request.version, request.comment
        )
        return pb.RollbackWorkflowVersionResponse(workflow=managed_to_proto(updated))
