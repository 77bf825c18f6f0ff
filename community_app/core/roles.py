"""Built-in roles and the permissions they carry. Roles are stored as data (db.models.Role);
these are the defaults a new database is seeded with."""

from __future__ import annotations

from typing import Final

GRID_WORKER: Final = "grid_worker"
SUPERVISOR: Final = "supervisor"
ADMIN: Final = "admin"

# permission codes
RESIDENT_VIEW: Final = "resident.view"
RESIDENT_EDIT: Final = "resident.edit"
PII_REVEAL: Final = "pii.reveal"  # show an ID number / phone in full (asks a reason, audited)
PII_EXPORT: Final = "pii.export"  # export or print unmasked personal data
REQUEST_HANDLE: Final = "request.handle"
REQUEST_DISPATCH: Final = "request.dispatch"
REQUEST_VERIFY: Final = "request.verify"
REPORT_VIEW: Final = "report.view"
SYNC_RESOLVE: Final = "sync.resolve"
ADMIN_STAFF: Final = "admin.staff"
ADMIN_SETTINGS: Final = "admin.settings"

DEFAULT_ROLES: Final[dict[str, tuple[str, list[str]]]] = {
    GRID_WORKER: ("网格员", [RESIDENT_VIEW, RESIDENT_EDIT, REQUEST_HANDLE]),
    SUPERVISOR: (
        "社区负责人",
        [RESIDENT_VIEW, RESIDENT_EDIT, PII_REVEAL, REQUEST_HANDLE, REQUEST_DISPATCH, REQUEST_VERIFY,
         REPORT_VIEW, SYNC_RESOLVE],
    ),
    ADMIN: (
        "系统管理员",
        [RESIDENT_VIEW, PII_REVEAL, PII_EXPORT, REPORT_VIEW, SYNC_RESOLVE, ADMIN_STAFF, ADMIN_SETTINGS],
    ),
}
