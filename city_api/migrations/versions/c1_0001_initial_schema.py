"""City API initial schema: communities, devices, enrolment codes, records, mutations, blobs.

Revision ID: c1_0001
Revises: (none)
Create Date: 2026-11-27 09:39:21.379292

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON_DOC = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')

# revision identifiers, used by Alembic.
revision: str = 'c1_0001'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('blob',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content_type', sa.String(length=64), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_blob'))
    )
    op.create_table('community',
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('district_code', sa.String(length=12), nullable=False),
    sa.Column('street_code', sa.String(length=12), nullable=False),
    sa.Column('last_seq', sa.BigInteger(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_community'))
    )
    op.create_table('mutation',
    sa.Column('mutation_id', sa.String(length=64), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('community_code', sa.String(length=12), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('result', JSON_DOC, nullable=False),
    sa.PrimaryKeyConstraint('mutation_id', name=op.f('pk_mutation'))
    )
    with op.batch_alter_table('mutation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mutation_device_id'), ['device_id'], unique=False)

    op.create_table('device',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('community_code', sa.String(length=12), nullable=False),
    sa.Column('device_no', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('enrolled_at', sa.DateTime(), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['community_code'], ['community.code'], name=op.f('fk_device_community_code_community')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_device')),
    sa.UniqueConstraint('community_code', 'device_no', name=op.f('uq_device_community_code_device_no')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_device_token_hash'))
    )
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_device_community_code'), ['community_code'], unique=False)

    op.create_table('record',
    sa.Column('community_code', sa.String(length=12), nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('data', JSON_DOC, nullable=False),
    sa.Column('field_versions', JSON_DOC, nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_device', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['community_code'], ['community.code'], name=op.f('fk_record_community_code_community')),
    sa.PrimaryKeyConstraint('community_code', 'table_name', 'id', name=op.f('pk_record'))
    )
    with op.batch_alter_table('record', schema=None) as batch_op:
        batch_op.create_index('ix_record_community_seq', ['community_code', 'seq'], unique=True)

    op.create_table('enrolment_code',
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('community_code', sa.String(length=12), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['community_code'], ['community.code'],
                            name=op.f('fk_enrolment_code_community_code_community')),
    sa.ForeignKeyConstraint(['device_id'], ['device.id'], name=op.f('fk_enrolment_code_device_id_device')),
    sa.PrimaryKeyConstraint('code_hash', name=op.f('pk_enrolment_code'))
    )
    with op.batch_alter_table('enrolment_code', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enrolment_code_community_code'), ['community_code'], unique=False)



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('enrolment_code', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enrolment_code_community_code'))

    op.drop_table('enrolment_code')
    with op.batch_alter_table('record', schema=None) as batch_op:
        batch_op.drop_index('ix_record_community_seq')

    op.drop_table('record')
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_device_community_code'))

    op.drop_table('device')
    with op.batch_alter_table('mutation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mutation_device_id'))

    op.drop_table('mutation')
    op.drop_table('community')
    op.drop_table('blob')
