"""The only place where the demo generator reads from the application: role defaults,
workflow stage codes and password hashing. Kept in one module so the import contract
"db does not depend on the app" needs a single, visible exception for demo data."""

from __future__ import annotations

from community_app.core.passwords import hash_password
from community_app.core.roles import ADMIN, DEFAULT_ROLES, GRID_WORKER, SUPERVISOR
from community_app.core.stages import (
    ACCEPTED,
    ALL_STAGES,
    CLOSED,
    DISPATCHED,
    IN_PROGRESS,
    MERGED,
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
    "GRID_WORKER",
    "IN_PROGRESS",
    "MERGED",
    "PENDING_VERIFICATION",
    "REJECTED",
    "REPORTED",
    "REVIEWED",
    "SUPERVISOR",
    "hash_password",
]
