"""sync device: this device's enrolment with the city API and the outcome of its syncs

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 10:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '0004'
down_revision: Union[str, Sequence[str], None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # a new table only: no existing row changes meaning (a device is unenrolled until it enrols)
    op.create_table(
        'sync_device',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('server_url', sa.String(length=255), nullable=False),
        sa.Column('device_id', sa.String(length=64), nullable=False),
        sa.Column('community_code', sa.String(length=12), nullable=False),
        sa.Column('community_name', sa.String(length=64), nullable=True),
        sa.Column('role', sa.String(length=16), nullable=False),
        sa.Column('device_name', sa.String(length=64), nullable=False),
        sa.Column('device_no', sa.Integer(), nullable=True),
        sa.Column('enrolled_at', sa.DateTime(), nullable=False),
        sa.Column('last_attempt_at', sa.DateTime(), nullable=True),
        sa.Column('last_success_at', sa.DateTime(), nullable=True),
        sa.Column('last_error_code', sa.String(length=32), nullable=True),
        sa.Column('last_error_message', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_device')),
    )


def downgrade() -> None:
    op.drop_table('sync_device')
