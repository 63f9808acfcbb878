"""Management API: users and team members, workflow status and version history,
executions with their logs, data sources.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("username", sa.String(50), nullable=False, unique=True),
        sa.Column("email", sa.String(320), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("default_team_id", sa.String(36), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "team_members",
        sa.Column("team_id", sa.String(36), sa.ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("user_id", sa.String(36), sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("joined_at", TS, nullable=False),
    )
    op.create_index("ix_team_members_user_id", "team_members", ["user_id"])
    with op.batch_alter_table("workflows") as batch:
        batch.add_column(sa.Column("status", sa.String(16), nullable=False, server_default="draft"))
        batch.add_column(sa.Column("deleted_at", TS, nullable=True))
    op.create_table(
        "workflow_versions",
        sa.Column("workflow_id", sa.String(36), sa.ForeignKey("workflows.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("version", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("graph", sa.JSON(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(80), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    # Workflows made before this revision: their current version starts the history.
    op.execute(
        "INSERT INTO workflow_versions "
        "(workflow_id, version, name, description, graph, comment, created_by, created_at) "
        "SELECT id, version, name, description, graph, '', '', updated_at FROM workflows"
    )
    op.execute("UPDATE workflows SET status = 'published' WHERE id IN (SELECT workflow_id FROM releases)")
    op.create_table(
        "executions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("team_id", sa.String(36), sa.ForeignKey("teams.id", ondelete="CASCADE"), nullable=False),
        sa.Column("workflow_id", sa.String(36), sa.ForeignKey("workflows.id", ondelete="CASCADE"), nullable=False),
        sa.Column("workflow_version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("input_data", sa.JSON(), nullable=False),
        sa.Column("output_data", sa.JSON(), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=False),
        sa.Column("execution_time_ms", sa.Integer(), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("current_node", sa.String(200), nullable=False),
        sa.Column("task_id", sa.String(36), nullable=False),
        sa.Column("created_by", sa.String(80), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("started_at", TS, nullable=True),
        sa.Column("finished_at", TS, nullable=True),
    )
    op.create_index("ix_executions_team_created", "executions", ["team_id", "created_at"])
    op.create_index("ix_executions_workflow_id", "executions", ["workflow_id"])
    op.create_table(
        "execution_logs",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("execution_id", sa.String(36), sa.ForeignKey("executions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("node_id", sa.String(200), nullable=False),
        sa.Column("node_type", sa.String(64), nullable=False),
        sa.Column("level", sa.String(8), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("timestamp", TS, nullable=False),
    )
    op.create_index("ix_execution_logs_execution_seq", "execution_logs", ["execution_id", "seq"])
    op.create_table(
        "data_sources",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("team_id", sa.String(36), sa.ForeignKey("teams.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("config", sa.JSON(), nullable=False),
        sa.Column("secret", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_index("ix_data_sources_team_id", "data_sources", ["team_id"])


def downgrade() -> None:
    op.drop_table("data_sources")
    op.drop_table("execution_logs")
    op.drop_table("executions")
    op.drop_table("workflow_versions")
    with op.batch_alter_table("workflows") as batch:
        batch.drop_column("deleted_at")
        batch.drop_column("status")
    op.drop_table("team_members")
    op.drop_table("users")
