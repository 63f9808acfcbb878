"""Authoring workflows through the management API: drafts with a version history,
validation, templates, export and import. Every change is a new version; a rollback
copies an earlier version into a new one."""

from __future__ import annotations

import builtins
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from flowgate.app.accounts import AccountUseCases
from flowgate.app.compiling import compile_graph_off_loop
from flowgate.app.templates import TEMPLATES, Template
from flowgate.domain.errors import FieldViolation, InvalidWorkflow, NotFound, ValidationFailed
from flowgate.domain.models import Actor, Graph, ManagedWorkflow, Workflow, WorkflowStatus, WorkflowVersion
from flowgate.domain.queries import WorkflowQuery
from flowgate.engine.blocks import BlockRegistry
from flowgate.engine.graph import warnings
from flowgate.engine.limits import EngineLimits
from flowgate.store.uow import SessionFactory, UnitOfWork

SORT_FIELDS = ("name", "created_at", "updated_at")
MAX_NAME = 200
MAX_DESCRIPTION = 10_000
MAX_COMMENT = 2000
MAX_GRAPH_BYTES = 2_000_000
MAX_REPORTED = 20
"""Problems of a refused draft named in the error (its message and details travel in gRPC
metadata, which has a size limit: a graph of 500 duplicate ids must not exceed it)."""


@dataclass(frozen=True, slots=True)
class WorkflowDraft:
    name: str
    description: str
    graph: Graph


@dataclass(frozen=True, slots=True)
class WorkflowChange:
    name: str | None = None
    description: str | None = None
    graph: Graph | None = None
    status: str | None = None
    comment: str = ""


def _name(value: str, *, field: str = "name") -> str:
    value = value.strip()
    if not value or len(value) > MAX_NAME:
        raise ValidationFailed(
            f"{field} is required and has at most {MAX_NAME} characters",
            violations=[FieldViolation(field, f"1 to {MAX_NAME} characters")],
        )
    return value


def _description(value: str) -> str:
    if len(value) > MAX_DESCRIPTION:
        raise ValidationFailed(
            f"description has at most {MAX_DESCRIPTION} characters",
            violations=[FieldViolation("description", f"at most {MAX_DESCRIPTION} characters")],
        )
    return value


def _status(value: str) -> WorkflowStatus:
    try:
        return WorkflowStatus(value)
    except ValueError as exc:
        allowed = ", ".join(s.value for s in WorkflowStatus)
        raise ValidationFailed(
            f"status must be one of: {allowed}", violations=[FieldViolation("status", "not allowed")]
        ) from exc


class WorkflowAdmin:
    def __init__(
        self, factory: SessionFactory, accounts: AccountUseCases, registry: BlockRegistry, limits: EngineLimits
    ) -> None:
        self._factory = factory
        self._accounts = accounts
        self._registry = registry
        self._limits = limits

    def _check_graph(self, graph: Graph) -> Graph:
        """What a draft must satisfy to be stored (it need not be runnable yet): size limits
        and unique, non-empty block and edge ids."""
        problems: list[FieldViolation] = []
        if len(graph.nodes) > self._limits.max_nodes:
            problems.append(FieldViolation("nodes", f"at most {self._limits.max_nodes} blocks"))
        if len(graph.edges) > self._limits.max_edges:
            problems.append(FieldViolation("edges", f"at most {self._limits.max_edges} edges"))
        seen: set[str] = set()
        for i, node in enumerate(graph.nodes):
            if not node.id or len(node.id) > 200:
                problems.append(FieldViolation(f"nodes[{i}].id", "1 to 200 characters"))
            elif node.id in seen:
                problems.append(FieldViolation(f"nodes[{node.id}].id", "duplicate block id"))
            seen.add(node.id)
            if not node.type:
                problems.append(FieldViolation(f"nodes[{node.id or i}].type", "required"))
        if len(json.dumps(graph.to_json(), default=str)) > MAX_GRAPH_BYTES:
            problems.append(FieldViolation("nodes", f"the graph has at most {MAX_GRAPH_BYTES} bytes of JSON"))
        if problems:
            shown, more = problems[:MAX_REPORTED], len(problems) - MAX_REPORTED
            message = "; ".join(f"{p.field}: {p.message}" for p in shown)
            raise ValidationFailed(message + (f"; and {more} more" if more > 0 else ""), violations=shown)
        return graph

    async def _actor(self, uow: UnitOfWork, authorization: str | None, team_id: str) -> Actor:
        return await self._accounts.actor(uow, authorization, team_id)

    # -- reading ---------------------------------------------------------------------------

    async def list(self, authorization: str | None, team_id: str, query: WorkflowQuery) -> list[ManagedWorkflow]:
        if query.sort_by and query.sort_by not in SORT_FIELDS:
            raise ValidationFailed(
                f"sort_by must be one of: {', '.join(SORT_FIELDS)}", violations=[FieldViolation("sort_by", "unknown")]
            )
        if query.status:
            _status(query.status)
        async with UnitOfWork(self._factory) as uow:
            actor = await self._actor(uow, authorization, team_id)
            return await uow.workflows.list_team(actor.team_id, query)

    async def get(self, authorization: str | None, team_id: str, workflow_id: str) -> ManagedWorkflow:
        async with UnitOfWork(self._factory) as uow:
            actor = await self._actor(uow, authorization, team_id)
            return await uow.workflows.get_managed(workflow_id, actor.team_id)

    async def versions(
        self, authorization: str | None, team_id: str, workflow_id: str
    ) -> tuple[int, builtins.list[WorkflowVersion]]:
        """(the current version, every version newest first)."""
        async with UnitOfWork(self._factory) as uow:
            actor = await self._actor(uow, authorization, team_id)
            current = await uow.workflows.get_managed(workflow_id, actor.team_id)
            return current.workflow.version, await uow.workflows.versions(workflow_id, actor.team_id)

    async def version(
        self, authorization: str | None, team_id: str, workflow_id: str, version: int
    ) -> tuple[int, WorkflowVersion]:
        async with UnitOfWork(self._factory) as uow:
            actor = await self._actor(uow, authorization, team_id)
            current = await uow.workflows.get_managed(workflow_id, actor.team_id)
            return current.workflow.version, await uow.workflows.version(workflow_id, actor.team_id, version)

    async def validate(
        self, authorization: str | None, team_id: str, graph: Graph
    ) -> tuple[builtins.list[FieldViolation], builtins.list[FieldViolation]]:
        """(errors, warnings) of a graph; nothing is stored."""
        async with UnitOfWork(self._factory) as uow:
            await self._actor(uow, authorization, team_id)
        try:
            compiled = await compile_graph_off_loop(graph, self._registry, self._limits)
        except InvalidWorkflow as exc:
            return list(exc.violations) or [FieldViolation("", exc.message)], []
        return [], warnings(compiled)

    # -- writing ---------------------------------------------------------------------------

    async def create(
        self, authorization: str | None, team_id: str, draft: WorkflowDraft, *, comment: str = ""
    ) -> ManagedWorkflow:
        name, description = _name(draft.name), _description(draft.description)
        graph = self._check_graph(draft.graph)
        async with UnitOfWork(self._factory) as uow:
            actor = await self._actor(uow, authorization, team_id)
            now = datetime.now(UTC)
            wf = Workflow(str(uuid.uuid4()), actor.team_id, name, description, graph, 1, now, now)
            await uow.workflows.add(wf, created_by=actor.label, comment=comment[:MAX_COMMENT])
            await uow.commit()
            return ManagedWorkflow(wf, WorkflowStatus.DRAFT)

    async def update(
        self, authorization: str | None, team_id: str, workflow_id: str, change: WorkflowChange
    ) -> ManagedWorkflow:
        name = _name(change.name) if change.name is not None else None
        description = _description(change.description) if change.description is not None else None
        graph = self._check_graph(change.graph) if change.graph is not None else None
        status = _status(change.status) if change.status is not None else None
        async with UnitOfWork(self._factory) as uow:
            actor = await self._actor(uow, authorization, team_id)
            current = await uow.workflows.get_managed(workflow_id, actor.team_id)
            updated = await uow.workflows.change(
                workflow_id,
                actor.team_id,
                name=name if name is not None else current.workflow.name,
                description=description if description is not None else current.workflow.description,
                graph=graph if graph is not None else current.workflow.graph,
                status=status if status is not None else current.status,
                comment=change.comment[:MAX_COMMENT],
                created_by=actor.label,
                now=datetime.now(UTC),
            )
            await uow.commit()
            return updated

    async def rollback(
        self, authorization: str | None, team_id: str, workflow_id: str, version: int, comment: str
    ) -> ManagedWorkflow:
        async with UnitOfWork(self._factory) as uow:
            actor = await self._actor(uow, authorization, team_id)
            current = await uow.workflows.get_managed(workflow_id, actor.team_id)
            target = await uow.workflows.version(workflow_id, actor.team_id, version)
            updated = await uow.workflows.change(
                workflow_id,
                actor.team_id,
                name=target.name,
                description=target.description,
                graph=target.graph,
                status=current.status,
                comment=(comment or f"Rollback to version {version}")[:MAX_COMMENT],
                created_by=actor.label,
                now=datetime.now(UTC),
            )
            await uow.commit()
            return updated

    async def delete(self, authorization: str | None, team_id: str, workflow_id: str) -> None:
        async with UnitOfWork(self._factory) as uow:
            actor = await self._actor(uow, authorization, team_id)
            await uow.workflows.soft_delete(workflow_id, actor.team_id, datetime.now(UTC))
            await uow.commit()

    # -- templates, export, import ------------------------------------------------------------

    async def templates(self, authorization: str | None, team_id: str) -> tuple[Template, ...]:
        async with UnitOfWork(self._factory) as uow:
            await self._actor(uow, authorization, team_id)
        return TEMPLATES

    async def from_template(
        self, authorization: str | None, team_id: str, template_id: str, name: str, description: str
    ) -> ManagedWorkflow:
        template = next((t for t in TEMPLATES if t.id == template_id), None)
        if template is None:
            # Authenticate first: an anonymous caller learns nothing about templates.
            async with UnitOfWork(self._factory) as uow:
                await self._actor(uow, authorization, team_id)
            raise NotFound(f"Template {template_id!r} not found")
        draft = WorkflowDraft(name or template.name, description or template.description, template.graph())
        return await self.create(authorization, team_id, draft, comment=f"Created from template {template.id}")

    async def export(self, authorization: str | None, team_id: str, workflow_id: str) -> ManagedWorkflow:
        return await self.get(authorization, team_id, workflow_id)

    async def import_(self, authorization: str | None, team_id: str, draft: WorkflowDraft) -> ManagedWorkflow:
        return await self.create(authorization, team_id, draft, comment="Imported")
