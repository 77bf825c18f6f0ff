"""The resident register (一人一档): checking, duplicates, create/edit, moving out and death
(status changes, never deletes), revealing personal data with an audited reason, and the
resident's page. Functions take a Session; writes flush and leave the commit to the caller.

Modules: inputs (records and code tables), checking, duplicates, editing, privacy, detail,
timeline, lookups.
"""

from community_app.core.residents.checking import check_resident
from community_app.core.residents.detail import HouseholdMember, ResidentDetail, TagInfo, resident_detail
from community_app.core.residents.duplicates import find_by_id_number, find_duplicates
from community_app.core.residents.editing import (
    create_resident,
    mark_deceased,
    move_out,
    require_edit,
    resident_input,
    update_resident,
)
from community_app.core.residents.inputs import (
    ID_TYPE_NAMES,
    RESIDENCE_TYPE_NAMES,
    SEX_NAMES,
    STATUS_NAMES,
    Checked,
    DuplicateHint,
    ResidentInput,
)
from community_app.core.residents.lookups import ResidentNotFound
from community_app.core.residents.privacy import can_reveal, reveal
from community_app.core.residents.timeline import TimelineEntry

__all__ = [
    "ID_TYPE_NAMES",
    "RESIDENCE_TYPE_NAMES",
    "SEX_NAMES",
    "STATUS_NAMES",
    "Checked",
    "DuplicateHint",
    "HouseholdMember",
    "ResidentDetail",
    "ResidentInput",
    "ResidentNotFound",
    "TagInfo",
    "TimelineEntry",
    "can_reveal",
    "check_resident",
    "create_resident",
    "find_by_id_number",
    "find_duplicates",
    "mark_deceased",
    "move_out",
    "require_edit",
    "resident_detail",
    "resident_input",
    "reveal",
    "update_resident",
]
