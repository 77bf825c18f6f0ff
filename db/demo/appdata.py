"""The only place where the demo generator reads from the application: role defaults and
workflow stage codes. Kept in one module so the import contract "db does not depend on
the app" needs a single, visible exception for demo data. Both modules it reads are
plain constants (no third-party imports), so the light db.demo.accounts may use it too.

Password hashes are made in db.demo.staff with the argon2id parameters of
community_app.core.passwords, imported from there (tests/db/test_demo.py checks).
"""

from __future__ import annotations

from community_app.core.roles import ADMIN, DEFAULT_ROLES, GRID_WORKER, SUPERVISOR
from community_app.core.stages import (
    ACCEPTED,
    ALL_STAGES,
    CLOSED,
    DISPATCHED,
    FINISHED_STAGES,
    IN_PROGRESS,
    MERGED,
    OPEN_STAGES,
    PENDING_VERIFICATION,
    REJECTED,
    REPORTED,
    REVIEWED,
)

__all__ = [
    "ACCEPTED",
    "ADMIN",
    "ALL_STAGES",
    "CLOSED",
    "DEFAULT_ROLES",
    "DISPATCHED",
    "FINISHED_STAGES",
    "GRID_WORKER",
    "IN_PROGRESS",
    "MERGED",
    "OPEN_STAGES",
    "PENDING_VERIFICATION",
    "REJECTED",
    "REPORTED",
    "REVIEWED",
    "SUPERVISOR",
]
