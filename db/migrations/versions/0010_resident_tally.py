"""resident_tally: active residents per (community, household, grid cell), kept by triggers

The dashboard's 居民总数 and 户数 read every active resident of the community at each start
(60,000 index entries at a street's size, ≈20–30 ms on the fresh connection the start counts on);
db.resident_tally keeps one row per household instead; see there and db.derived. A SQLite-only,
derived table: not in the models, not synced.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27 19:00:00

"""
from collections.abc import Sequence

from alembic import op

from db import derived, resident_tally

revision: str = '0010'
down_revision: str | Sequence[str] | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    derived.create(bind, resident_tally)
    has_statistics = bind.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first()
    if has_statistics:  # see 0006: old statistics know nothing of a new table
        op.execute(f"ANALYZE {resident_tally.TABLE}")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        derived.drop(bind, resident_tally)
