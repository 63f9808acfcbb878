"""Workflow use cases."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from flowgate.app.compiling import compile_graph_off_loop
from flowgate.auth.keys import ApiKeyAuthenticator
from flowgate.domain.errors import FieldViolation, InvalidArgument, InvalidWorkflow
from flowgate.domain.models import Graph, Workflow
from flowgate.engine.blocks import BlockRegistry
from flowgate.engine.graph import warnings
from flowgate.engine.limits import EngineLimits
from flowgate.store.uow import SessionFactory, UnitOfWork


class WorkflowUseCases:
    def __init__(self, factory: SessionFactory, registry: BlockRegistry, limits: EngineLimits) -> None:
        self._factory = factory
        self._registry = registry
        self._limits = limits

    async def create(self, authorization: str | None, name: str, description: str, graph: Graph) -> Workflow:
        name = name.strip()
        if not name or len(name) > 200:
            raise InvalidArgument("workflow name is required and at most 200 characters")
        await compile_graph_off_loop(graph, self._registry, self._limits)
        async with UnitOfWork(self._factory) as uow:
            principal = await ApiKeyAuthenticator(uow).authenticate(authorization)
            now = datetime.now(UTC)
            wf = Workflow(str(uuid.uuid4()), principal.team_id, name, description, graph, 1, now, now)
            await uow.workflows.add(wf)
            await uow.commit()
            return wf

    async def validate(
        self, authorization: str | None, graph: Graph
    ) -> tuple[list[FieldViolation], list[FieldViolation]]:
        """(errors, warnings) of a graph; nothing is stored."""
        async with UnitOfWork(self._factory) as uow:
            await ApiKeyAuthenticator(uow).authenticate(authorization)
        try:
            compiled = await compile_graph_off_loop(graph, self._registry, self._limits)
        except InvalidWorkflow as exc:
            return list(exc.violations), []
        return [], warnings(compiled)

    async def get(self, authorization: str | None, workflow_id: str) -> Workflow:
        async with UnitOfWork(self._factory) as uow:
            principal = await ApiKeyAuthenticator(uow).authenticate(authorization)
            return await uow.workflows.get(workflow_id, principal.team_id)
