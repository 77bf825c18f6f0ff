"""visit_watch: each watched resident's shortest visit interval and last visit, kept by triggers

The dashboard's 待走访 (residents due a visit) was counted from the tags at every start: one probe
into the resident table per tag with a rule, ≈30–40 ms of the start at a street's size (200,000
residents), the longest of the numbers of the day. db.visit_watch keeps the answer's inputs in a
small local table instead; see there. A SQLite-only, derived table: not in the models, not synced.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27 18:00:00

"""
from collections.abc import Sequence

from alembic import op

from db import derived, visit_watch

revision: str = '0009'
down_revision: str | Sequence[str] | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    derived.add(bind, visit_watch)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        derived.drop(bind, visit_watch)
