"""resident (id, community_code, grid_cell_id) for live residents: the scope of a resident by id, index only

The dashboard's visits-due count joins every special-group tag to its resident to learn the
resident's community and grid cell; at a street's size (54,000 tags) those table lookups
took ~120 ms of the start, with this covering index ~40 ms.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 13:20:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | Sequence[str] | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # an index only: no row changes
    op.create_index('ix_resident_active_id', 'resident', ['id', 'community_code', 'grid_cell_id'], unique=False,
                    sqlite_where=sa.text("status = 'active' AND deleted_at IS NULL"),
                    postgresql_where=sa.text("status = 'active' AND deleted_at IS NULL"))
    bind = op.get_bind()
    has_statistics = bind.dialect.name == "sqlite" and bind.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first()
    if has_statistics:
        # an upgraded database keeps its statistics, which know nothing of the new index: the
        # planner then scanned it whole instead of probing it per tag. (A new database has no
        # statistics at all; db.connection.ensure_statistics_on makes them all when it opens.)
        op.execute("PRAGMA analysis_limit=400")
        op.execute("ANALYZE ix_resident_active_id")


def downgrade() -> None:
    op.drop_index('ix_resident_active_id', table_name='resident',
                  sqlite_where=sa.text("status = 'active' AND deleted_at IS NULL"),
                  postgresql_where=sa.text("status = 'active' AND deleted_at IS NULL"))
