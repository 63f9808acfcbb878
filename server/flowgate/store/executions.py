"""Management-API executions and their log records."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession


class ExecutionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session
