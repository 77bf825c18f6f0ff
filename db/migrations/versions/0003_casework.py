"""casework: the paused clock's reason, extensions, the first deadline, escalations, merge index

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 08:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # plain ALTER TABLE ADD COLUMN (no batch copy): fast on a street's 100k requests, and
    # existing rows keep their meaning (nothing pending, never escalated, due_at never moved)
    op.add_column('service_request', sa.Column('pending_action', sa.String(length=16), nullable=True))
    op.add_column('service_request', sa.Column('extension_hours_requested', sa.Integer(), nullable=True))
    op.add_column('service_request', sa.Column('due_at_original', sa.DateTime(), nullable=True))
    op.add_column('service_request', sa.Column('escalation_count', sa.Integer(), server_default='0',
                                               nullable=False))
    # SQLite adds a column with a REFERENCES clause in place (its default is NULL); Alembic's
    # add_column would ask for a batch copy of the whole timeline for the foreign key
    fk = 'fk_request_event_target_request_id_service_request'
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(f"ALTER TABLE request_event ADD COLUMN target_request_id VARCHAR(36) "
                   f"CONSTRAINT {fk} REFERENCES service_request (id)")
    else:
        op.add_column('request_event', sa.Column('target_request_id', sa.String(length=36), nullable=True))
        op.create_foreign_key(fk, 'request_event', 'service_request', ['target_request_id'], ['id'])
    op.add_column('request_event', sa.Column('extension_hours', sa.Integer(), nullable=True))
    # a request's page lists the requests merged into it
    op.create_index(op.f('ix_service_request_merged_into_id'), 'service_request', ['merged_into_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_service_request_merged_into_id'), table_name='service_request')
    # SQLite ≥ 3.35 drops plain columns in place; a column with a REFERENCES clause needs a copy
    with op.batch_alter_table('request_event') as batch_op:
        batch_op.drop_column('extension_hours')
        batch_op.drop_column('target_request_id')
    op.drop_column('service_request', 'escalation_count')
    op.drop_column('service_request', 'due_at_original')
    op.drop_column('service_request', 'extension_hours_requested')
    op.drop_column('service_request', 'pending_action')
