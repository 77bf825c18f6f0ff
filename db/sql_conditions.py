"""SQL conditions shared by partial indexes and the queries that need them (plain text, no imports:
the start path reads them before SQLAlchemy is loaded).

SQLite uses a partial index only when the query repeats the index's condition term by term, so
both sides take it from here.
"""

from __future__ import annotations

from typing import Final

# a request still in the workflow (core.stages.OPEN_STAGES, in that order; a test ties them)
OPEN_REQUESTS: Final = ("stage IN ('reported', 'accepted', 'dispatched', 'in_progress', 'pending_verification')"
                        " AND deleted_at IS NULL")
