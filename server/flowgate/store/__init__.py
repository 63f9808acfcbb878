"""Persistence: SQLAlchemy 2 (async) models, repositories, a unit of work, Alembic migrations."""
