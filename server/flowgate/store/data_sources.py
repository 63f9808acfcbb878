"""A team's data sources (secret config keys stored encrypted)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession


class DataSourceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session
