"""resident search: derived search columns and the resident_fts full-text index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 07:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

from db import search_index
from db.search_keys import derived_columns

revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

BATCH = 5000


def upgrade() -> None:
    # plain ALTER TABLE ADD COLUMN: a batch (copy) migration would renumber the rowids
    op.add_column('resident', sa.Column('search_names', sa.Text(), nullable=True))
    op.add_column('resident', sa.Column('search_numbers', sa.Text(), nullable=True))
    op.add_column('resident', sa.Column('search_sort', sa.Text(), nullable=True))
    conn = op.get_bind()
    rows = conn.exec_driver_sql("SELECT rowid, name, id_number, phone FROM resident").fetchall()
    for start in range(0, len(rows), BATCH):
        values = []
        for rowid, name, id_number, phone in rows[start:start + BATCH]:
            keys = derived_columns(name, id_number, phone)
            values.append((keys["search_names"], keys["search_numbers"], keys["search_sort"], rowid))
        conn.exec_driver_sql("UPDATE resident SET search_names = ?, search_numbers = ?, search_sort = ? "
                             "WHERE rowid = ?", values)  # type: ignore[arg-type]
    op.create_index('ix_resident_listing', 'resident', ['community_code', 'status', 'search_sort'], unique=False,
                    sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))
    conn.exec_driver_sql(search_index.CREATE_SQL)
    for trigger in search_index.TRIGGERS:
        conn.exec_driver_sql(trigger)
    search_index.rebuild(conn)


def downgrade() -> None:
    conn = op.get_bind()
    for name in search_index.TRIGGER_NAMES:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {search_index.FTS_TABLE}")
    op.drop_index('ix_resident_listing', table_name='resident')
    op.drop_column('resident', 'search_sort')
    op.drop_column('resident', 'search_numbers')
    op.drop_column('resident', 'search_names')
