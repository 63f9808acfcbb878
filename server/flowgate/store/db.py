"""Database engine construction. SQLite by default, PostgreSQL by URL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from flowgate.files import private_dir, tighten_sqlite
from flowgate.store.uow import SessionFactory


def create_engine(url: str, *, pool_size: int = 16, max_overflow: int = 16) -> AsyncEngine:
    """An engine for `url`. SQLite gets a fixed pool of `pool_size` (no overflow: each
    aiosqlite connection is a thread); PostgreSQL `pool_size` + `max_overflow` connections."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
            database = Path(parsed.database)
            if not database.parent.exists():
                private_dir(database.parent)  # an existing directory is the operator's to set
            tighten_sqlite(database)  # 0600 before SQLite opens it: its -wal/-shm follow
        # A fixed pool: overflow connections opened and closed under load would cost a
        # thread and the pragmas each time.
        engine = create_async_engine(url, connect_args={"timeout": 30}, pool_size=pool_size, max_overflow=0)

        @event.listens_for(engine.sync_engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    return create_async_engine(url, pool_size=pool_size, max_overflow=max_overflow, pool_pre_ping=True)


def session_factory(engine: AsyncEngine) -> SessionFactory:
    return async_sessionmaker(engine, expire_on_commit=False)
