"""Publishing workflows as immutable, versioned releases."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime
from typing import Any

from flowgate.auth.keys import ApiKeyAuthenticator
from flowgate.domain.errors import AlreadyExists, DeploymentNotFound
from flowgate.domain.models import Release, Visibility, Workflow
from flowgate.domain.versions import parse_semver
from flowgate.store.uow import SessionFactory, UnitOfWork


def snapshot_of(workflow: Workflow) -> dict[str, Any]:
    return {"name": workflow.name, "description": workflow.description, "graph": workflow.graph.to_json()}


def content_hash(snapshot: dict[str, Any]) -> str:
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


class ReleaseUseCases:
    def __init__(self, factory: SessionFactory) -> None:
        self._factory = factory

    async def publish(
        self, authorization: str | None, workflow_id: str, version: str, visibility: Visibility
    ) -> Release:
        semver = parse_semver(version)
        async with UnitOfWork(self._factory) as uow:
            principal = await ApiKeyAuthenticator(uow).authenticate(authorization)
            workflow = await uow.workflows.get(workflow_id, principal.team_id)
            document_id = await uow.releases.document_of_workflow(workflow.id) or str(uuid.uuid4())
            canonical = "{}.{}.{}".format(*semver)
            if any(r.version == canonical for r in await uow.releases.list_document(document_id)):
                raise AlreadyExists(f"Version {canonical} is already published for this document")
            snapshot = snapshot_of(workflow)
            release = Release(
                deployment_id=str(uuid.uuid4()),
                document_id=document_id,
                workflow_id=workflow.id,
                workflow_version=workflow.version,
                team_id=workflow.team_id,
                version=canonical,
                visibility=visibility,
                content_hash=content_hash(snapshot),
                created_at=datetime.now(UTC),
            )
            await uow.releases.add(release, snapshot, semver)
            await uow.commit()
            return release

    async def get(self, authorization: str | None, deployment_id: str) -> Release:
        async with UnitOfWork(self._factory) as uow:
            principal = await ApiKeyAuthenticator(uow).authenticate(authorization)
            release = await uow.releases.get(deployment_id)
            if release.team_id != principal.team_id:
                raise DeploymentNotFound()
            return release
