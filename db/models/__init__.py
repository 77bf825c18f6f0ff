"""All models, imported here so that Base.metadata is complete once this package is imported."""

from db.models.audit import AuditEntry
from db.models.base import Base, SyncedMixin, UTCDateTime, synced_tables, utcnow
from db.models.divisions import Division
from db.models.fieldwork import PatrolPlan, PatrolRound, PatrolRoundItem, Visit, VisitRule
from db.models.notices import Notice
from db.models.people import Resident, ResidentTag, SpecialGroupTag
from db.models.places import Building, GridCell, Household, Unit
from db.models.requests import Attachment, Category, RequestEvent, ServiceRequest
from db.models.staff import Role, StaffUser
from db.models.sync import OutboxEntry, SyncConflict, SyncCursor

__all__ = [
    "Attachment",
    "AuditEntry",
    "Base",
    "Building",
    "Category",
    "Division",
    "GridCell",
    "Household",
    "Notice",
    "OutboxEntry",
    "PatrolPlan",
    "PatrolRound",
    "PatrolRoundItem",
    "RequestEvent",
    "Resident",
    "ResidentTag",
    "Role",
    "ServiceRequest",
    "SpecialGroupTag",
    "StaffUser",
    "SyncConflict",
    "SyncCursor",
    "SyncedMixin",
    "UTCDateTime",
    "Unit",
    "Visit",
    "VisitRule",
    "synced_tables",
    "utcnow",
]
