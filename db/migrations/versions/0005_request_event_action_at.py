"""request_event (action, at): the period's 回访 (review events) as an index range

The dashboard and the monthly report count the return visits made in a period by the
review event's own time (core.kpi_requests.reviewed_in); without this index each count
read the whole timeline (665,000 events at street scale, 0.2–0.4 s per period; with it
~0.05 s).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 10:50:00

"""
from collections.abc import Sequence

from alembic import op

revision: str = '0005'
down_revision: str | Sequence[str] | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # an index only: no row changes
    op.create_index('ix_request_event_action_at', 'request_event', ['action', 'at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_request_event_action_at', table_name='request_event')
