"""Alembic environment. Flowgate runs migrations programmatically (see flowgate.store.migrate),
handing over an open connection, so this works the same for SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import context

from flowgate.store.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable when alembic's CLI is used directly
    raise RuntimeError("run migrations with `flowgate migrate`")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
