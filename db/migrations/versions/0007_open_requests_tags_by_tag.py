"""open requests and live special-group tags, index only: the start's counts at a street's size

The dashboard counts a community's open requests by stage and those overdue or due soon; at a
street's size (100,000 requests, 7,700 open) each count read every open request's row to learn
its community (≈16 ms each). A partial index over the open requests alone answers them from
the index (<1 ms) and stays small as closed requests pile up over the years.

The visits-due count joins every live special-group tag to its resident: with deleted_at and the
resident id in the tag's index (which replaces the one on tag_code alone) the tag rows need not
be read (≈52 → 28 ms for 54,000 tags).

The index's condition is written as the dashboard writes it (core.dashboard): SQLite uses a
partial index only when the query repeats its condition (a test ties the two).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 15:00:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | Sequence[str] | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN = ("stage IN ('reported', 'accepted', 'dispatched', 'in_progress', 'pending_verification')"
        " AND deleted_at IS NULL")


def upgrade() -> None:
    op.create_index('ix_service_request_open', 'service_request',
                    ['community_code', 'stage', 'due_at', 'grid_cell_id', 'paused_since'], unique=False,
                    sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))
    op.drop_index('ix_resident_tag_tag_code', table_name='resident_tag')
    op.create_index('ix_resident_tag_by_tag', 'resident_tag', ['tag_code', 'deleted_at', 'resident_id'], unique=False)
    bind = op.get_bind()
    has_statistics = bind.dialect.name == "sqlite" and bind.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first()
    if has_statistics:  # see 0006: old statistics know nothing of new indexes
        op.execute("PRAGMA analysis_limit=400")
        op.execute("ANALYZE ix_service_request_open")
        op.execute("ANALYZE ix_resident_tag_by_tag")


def downgrade() -> None:
    op.drop_index('ix_resident_tag_by_tag', table_name='resident_tag')
    op.create_index('ix_resident_tag_tag_code', 'resident_tag', ['tag_code'], unique=False)
    op.drop_index('ix_service_request_open', table_name='service_request',
                  sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))
