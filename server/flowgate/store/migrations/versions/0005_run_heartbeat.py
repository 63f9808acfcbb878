"""Released-app runs carry a heartbeat: the process running one refreshes it; a running
run whose heartbeat stopped is known to be lost. Open runs and executions are found by
status and heartbeat (the sweeper's query).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_index("ix_runs_status_heartbeat", ["status", "heartbeat_at"])
    with op.batch_alter_table("executions") as batch:
        batch.create_index("ix_executions_status_heartbeat", ["status", "heartbeat_at"])
    # Rows of earlier versions: their last sign of life is when they were created.
    op.execute("UPDATE runs SET heartbeat_at = created_at WHERE status = 'running'")


def downgrade() -> None:
    with op.batch_alter_table("executions") as batch:
        batch.drop_index("ix_executions_status_heartbeat")
    with op.batch_alter_table("runs") as batch:
        batch.drop_index("ix_runs_status_heartbeat")
        batch.drop_column("heartbeat_at")
