"""Publishing workflows as immutable, versioned releases."""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flowgate.auth.keys import ApiKeyAuthenticator
from flowgate.domain.errors import AlreadyExists, DeploymentNotFound, FieldViolation, InvalidArgument
from flowgate.domain.models import Release, ReleaseAlias, Route, Visibility, Workflow
from flowgate.domain.versions import parse_semver
from flowgate.store.uow import SessionFactory, UnitOfWork


def snapshot_of(workflow: Workflow) -> dict[str, Any]:
    return {"name": workflow.name, "description": workflow.description, "graph": workflow.graph.to_json()}


def content_hash(snapshot: dict[str, Any]) -> str:
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


ALIAS = re.compile(r"^[A-Za-z0-9_-]{1,100}$")
METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})


class _Self:
    """Marker: the route runs the release being published."""


SELF = _Self()


@dataclass(frozen=True, slots=True)
class RouteSpec:
    name: str
    method: str
    path: str
    deployment_id: str | _Self | None
    """SELF: this release; "" or None: no deployment configured; else a deployment id."""


def _route_problems(i: int, spec: RouteSpec) -> list[FieldViolation]:
    problems = []
    if spec.method.upper() not in METHODS:
        problems.append(FieldViolation(f"routes[{i}].method", f"one of {sorted(METHODS)}"))
    if not spec.path.startswith("/") or len(spec.path) > 500 or "//" in spec.path:
        problems.append(FieldViolation(f"routes[{i}].path", "an absolute path like /users/{id}"))
    return problems


class ReleaseUseCases:
    def __init__(self, factory: SessionFactory) -> None:
        self._factory = factory
        self._on_retire: list[Callable[[str], None]] = []

    async def publish(
        self,
        authorization: str | None,
        workflow_id: str,
        version: str,
        visibility: Visibility,
        *,
        alias: str = "",
        routes: Sequence[RouteSpec] = (),
    ) -> Release:
        """Publish the workflow's current revision. `routes` is the router tree; a route whose
        deployment is SELF runs this very release."""
        semver = parse_semver(version)
        if alias and not ALIAS.fullmatch(alias):
            raise InvalidArgument(
                "alias: 1-100 letters, digits, '-' or '_'",
                violations=[FieldViolation("alias", "1-100 letters, digits, '-' or '_'")],
            )
        problems = [v for i, r in enumerate(routes) for v in _route_problems(i, r)]
        if problems:
            raise InvalidArgument("invalid routes", violations=problems)
        async with UnitOfWork(self._factory) as uow:
            principal = await ApiKeyAuthenticator(uow).authenticate(authorization)
            workflow = await uow.workflows.get(workflow_id, principal.team_id)
            document_id = await uow.releases.document_of_workflow(workflow.id) or str(uuid.uuid4())
            canonical = "{}.{}.{}".format(*semver)
            if any(r.version == canonical for r in await uow.releases.list_document(document_id)):
                raise AlreadyExists(f"Version {canonical} is already published for this document")
            snapshot = snapshot_of(workflow)
            deployment_id = str(uuid.uuid4())
            resolved: list[Route] = []
            for i, spec in enumerate(routes):
                target = deployment_id if isinstance(spec.deployment_id, _Self) else (spec.deployment_id or None)
                if target:  # an endpoint must name a deployment of the same team
                    other = await uow.releases.get(target) if target != deployment_id else None
                    if other is not None and other.team_id != principal.team_id:
                        raise InvalidArgument(
                            "a route names another team's deployment",
                            violations=[FieldViolation(f"routes[{i}].deployment_id", "not a deployment of your team")],
                        )
                resolved.append(Route(spec.name, spec.method.upper(), "/" + spec.path.strip("/"), target))
            release = Release(
                deployment_id=deployment_id,
                document_id=document_id,
                workflow_id=workflow.id,
                workflow_version=workflow.version,
                team_id=workflow.team_id,
                version=canonical,
                visibility=visibility,
                content_hash=content_hash(snapshot),
                created_at=datetime.now(UTC),
                routes=tuple(resolved),
            )
            await uow.releases.add(release, snapshot, semver)
            await uow.workflows.mark_published(workflow.id)
            if alias:
                await uow.aliases.set(ReleaseAlias(alias, document_id, principal.team_id))
            await uow.commit()
            return release

    async def retire(self, authorization: str | None, deployment_id: str) -> Release:
        async with UnitOfWork(self._factory) as uow:
            principal = await ApiKeyAuthenticator(uow).authenticate(authorization)
            release = await uow.releases.get(deployment_id)
            if release.team_id != principal.team_id:
                raise DeploymentNotFound()
            release = await uow.releases.retire(deployment_id)
            await uow.commit()
        for listener in self._on_retire:
            listener(deployment_id)
        return release

    async def list(self, authorization: str | None, document_id: str = "") -> list[Release]:
        async with UnitOfWork(self._factory) as uow:
            principal = await ApiKeyAuthenticator(uow).authenticate(authorization)
            return await uow.releases.list_team(principal.team_id, document_id)

    def on_retire(self, listener: Callable[[str], None]) -> None:
        """Call `listener(deployment_id)` after a release is retired (to drop caches)."""
        self._on_retire.append(listener)

    async def get(self, authorization: str | None, deployment_id: str) -> Release:
        async with UnitOfWork(self._factory) as uow:
            principal = await ApiKeyAuthenticator(uow).authenticate(authorization)
            release = await uow.releases.get(deployment_id)
            if release.team_id != principal.team_id:
                raise DeploymentNotFound()
            return release
