"""Files uploaded for an app's runs."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from flowgate.domain.models import UploadedFile
from flowgate.store.tables import UploadRow


class UploadRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(self, upload: UploadedFile) -> None:
        await self._s.execute(insert(UploadRow).values(**asdict(upload)))

    async def get(self, upload_id: str) -> UploadedFile | None:
        row = await self._s.get(UploadRow, upload_id)
        if row is None:
            return None
        created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=UTC)
        return UploadedFile(
            row.id,
            row.team_id,
            row.document_id,
            row.end_user,
            row.name,
            row.extension,
            row.mime_type,
            row.size,
            created,
            row.data,
        )
