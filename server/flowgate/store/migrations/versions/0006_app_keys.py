"""App keys: an API key may be bound to one app (a document id); it then runs that
app's releases only. Team keys have no app (NULL).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("api_keys") as batch:
        batch.add_column(sa.Column("document_id", sa.String(36), nullable=True))
        batch.create_index("ix_api_keys_document_id", ["document_id"])


def downgrade() -> None:
    with op.batch_alter_table("api_keys") as batch:
        batch.drop_index("ix_api_keys_document_id")
        batch.drop_column("document_id")
