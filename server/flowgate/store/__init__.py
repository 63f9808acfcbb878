"""Persistence: SQLAlchemy 2 (async) tables, one repository module per aggregate (teams,
memberships, users, api_keys, workflows, releases, aliases, schedules, idempotency, runs,
executions, data_sources), a unit of work, Alembic migrations."""
