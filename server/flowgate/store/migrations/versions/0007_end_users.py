"""Runs record the end user a caller named (Dify's `user`), and each app numbers its
runs (Dify's `sequence_number`). An app's runs are listed newest first by document id.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("end_user", sa.String(255), nullable=False, server_default=""))
        batch.create_index("ix_runs_document_created", ["document_id", "created_at"])
    op.create_table(
        "run_sequences",
        sa.Column("document_id", sa.String(36), primary_key=True),
        sa.Column("last", sa.BigInteger(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("run_sequences")
    with op.batch_alter_table("runs") as batch:
        batch.drop_index("ix_runs_document_created")
        batch.drop_column("end_user")
