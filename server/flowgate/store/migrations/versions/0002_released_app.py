"""Released-app API: router trees, retiring, aliases, schedules, credits, idempotency keys.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("teams") as batch:
        batch.add_column(sa.Column("credits", sa.BigInteger(), nullable=False, server_default="0"))
    with op.batch_alter_table("releases") as batch:
        batch.add_column(sa.Column("routes", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("retired_at", TS, nullable=True))
    op.create_table(
        "release_aliases",
        sa.Column("alias", sa.String(100), primary_key=True),
        sa.Column("document_id", sa.String(36), nullable=False),
        sa.Column("team_id", sa.String(36), sa.ForeignKey("teams.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_release_aliases_document_id", "release_aliases", ["document_id"])
    op.create_index("ix_release_aliases_team_id", "release_aliases", ["team_id"])
    op.create_table(
        "schedules",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("team_id", sa.String(36), sa.ForeignKey("teams.id", ondelete="CASCADE"), nullable=False),
        sa.Column(
            "deployment_id",
            sa.String(36),
            sa.ForeignKey("releases.deployment_id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("cron", sa.String(200), nullable=False),
        sa.Column("inputs", sa.JSON(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("token_prefix", sa.String(16), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("next_run_at", TS, nullable=True),
        sa.Column("last_run_at", TS, nullable=True),
        sa.Column("last_run_id", sa.String(36), nullable=False),
    )
    op.create_index("ix_schedules_team_id", "schedules", ["team_id"])
    op.create_index("ix_schedules_deployment_id", "schedules", ["deployment_id"])
    op.create_index("ix_schedules_next_run_at", "schedules", ["next_run_at"])
    op.create_table(
        "credit_entries",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("team_id", sa.String(36), sa.ForeignKey("teams.id", ondelete="CASCADE"), nullable=False),
        sa.Column("run_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_credit_entries_team_id", "credit_entries", ["team_id"])
    op.create_table(
        "idempotency_keys",
        sa.Column("team_id", sa.String(36), primary_key=True),
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("run_id", sa.String(36), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_idempotency_keys_created_at", "idempotency_keys", ["created_at"])


def downgrade() -> None:
    for table in ("idempotency_keys", "credit_entries", "schedules", "release_aliases"):
        op.drop_table(table)
    with op.batch_alter_table("releases") as batch:
        batch.drop_column("retired_at")
        batch.drop_column("routes")
    with op.batch_alter_table("teams") as batch:
        batch.drop_column("credits")
