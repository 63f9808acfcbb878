"""Released deployments: the immutable release rows (their snapshot, semver and routes) and
the lookups that resolve a document's live releases."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, true
from sqlalchemy.ext.asyncio import AsyncSession

from flowgate.domain.errors import DeploymentNotFound
from flowgate.domain.models import Release, Route, Visibility
from flowgate.store.tables import ReleaseRow


def _routes(raw: dict[str, Any] | None) -> tuple[Route, ...]:
    return tuple(Route(r["name"], r["method"], r["path"], r.get("deployment_id")) for r in (raw or {}).get("items", []))


def _release(row: ReleaseRow) -> Release:
    return Release(
        deployment_id=row.deployment_id,
        document_id=row.document_id,
        workflow_id=row.workflow_id,
        workflow_version=row.workflow_version,
        team_id=row.team_id,
        version=row.version,
        visibility=Visibility(row.visibility),
        content_hash=row.content_hash,
        created_at=row.created_at,
        routes=_routes(row.routes),
        retired_at=row.retired_at,
    )


class ReleaseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(self, release: Release, snapshot: dict[str, Any], semver: tuple[int, int, int]) -> None:
        self._s.add(
            ReleaseRow(
                deployment_id=release.deployment_id,
                document_id=release.document_id,
                workflow_id=release.workflow_id,
                workflow_version=release.workflow_version,
                team_id=release.team_id,
                version=release.version,
                major=semver[0],
                minor=semver[1],
                patch=semver[2],
                visibility=release.visibility.value,
                snapshot=snapshot,
                content_hash=release.content_hash,
                created_at=release.created_at,
                routes={
                    "items": [
                        {"name": r.name, "method": r.method, "path": r.path, "deployment_id": r.deployment_id}
                        for r in release.routes
                    ]
                },
                retired_at=None,
            )
        )
        await self._s.flush()

    async def retire(self, deployment_id: str) -> Release:
        row = await self._s.get(ReleaseRow, deployment_id)
        if row is None:
            raise DeploymentNotFound()
        if row.retired_at is None:
            row.retired_at = datetime.now(UTC)
            await self._s.flush()
        return _release(row)

    async def list_team(self, team_id: str, document_id: str = "") -> list[Release]:
        stmt = select(ReleaseRow).where(ReleaseRow.team_id == team_id)
        if document_id:
            stmt = stmt.where(ReleaseRow.document_id == document_id)
        stmt = stmt.order_by(ReleaseRow.created_at.desc())
        return [_release(r) for r in (await self._s.execute(stmt)).scalars()]

    async def get(self, deployment_id: str) -> Release:
        row = await self._s.get(ReleaseRow, deployment_id)
        if row is None:
            raise DeploymentNotFound()
        return _release(row)

    async def get_with_snapshot(self, deployment_id: str) -> tuple[Release, dict[str, Any]]:
        row = await self._s.get(ReleaseRow, deployment_id)
        if row is None:
            raise DeploymentNotFound()
        return _release(row), row.snapshot

    async def list_document(self, document_id: str, *, live_only: bool = True) -> list[Release]:
        """The document's releases, newest version first (retired ones only if asked)."""
        stmt = (
            select(ReleaseRow)
            .where(ReleaseRow.document_id == document_id)
            .where(ReleaseRow.retired_at.is_(None) if live_only else true())
            .order_by(ReleaseRow.major.desc(), ReleaseRow.minor.desc(), ReleaseRow.patch.desc())
        )
        return [_release(r) for r in (await self._s.execute(stmt)).scalars()]

    async def document_of_workflow(self, workflow_id: str) -> str | None:
        stmt = select(ReleaseRow.document_id).where(ReleaseRow.workflow_id == workflow_id).limit(1)
        return (await self._s.execute(stmt)).scalar_one_or_none()
