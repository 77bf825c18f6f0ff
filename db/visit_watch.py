"""The visit watch: for each active resident with a special-group tag that has a visit rule, the
shortest interval among their tags' rules and their last visit — kept in step by triggers.

What it answers: how many residents in a scope are due a visit today (core.dashboard), without
reading every tag of the street at each start. Counting that from the tags meant one probe into
the resident table per tag with a rule (17,000 at a street's size, ≈30–40 ms); here it is one
range of an index over a few thousand compact rows (< 1 ms). Which residents are due, and since
when, stays core.visits' work: it reads the tables themselves, and the tests hold the two to the
same answer.

A local table, never synced: every device derives it from the rows it holds (see db.derived).

The row of a resident is made again from the tables whenever their status, scope, tags or visits
change; a change to a visit rule (rare: an administrator's setting) makes every row again.
"""

from __future__ import annotations

from db.sql_triggers import trigger

TABLE = "visit_watch"

CREATE_SQL = (
    f"CREATE TABLE {TABLE} ("
    "resident_id VARCHAR(36) NOT NULL PRIMARY KEY,"
    " community_code VARCHAR(12) NOT NULL,"
    " grid_cell_id VARCHAR(36),"
    " interval_days INTEGER NOT NULL,"  # the shortest among the resident's rules
    " last_visit_at DATETIME"  # NULL: never visited
    ") WITHOUT ROWID"
)
# a scope's rows, each interval's by its last visit: counting the due ones reads this index alone
INDEXES = (f"CREATE INDEX ix_{TABLE}_scope ON {TABLE} (community_code, interval_days, last_visit_at, grid_cell_id)",)

# the rows as they should be, from the tables; `{where}` narrows to one resident
_ROWS = (
    "SELECT r.id, r.community_code, r.grid_cell_id, min(vr.interval_days),"
    " (SELECT max(v.visited_at) FROM visit v WHERE v.resident_id = r.id AND v.deleted_at IS NULL)"
    " FROM resident r"
    " JOIN resident_tag rt ON rt.resident_id = r.id AND rt.deleted_at IS NULL"
    " JOIN visit_rule vr ON vr.tag_code = rt.tag_code AND vr.deleted_at IS NULL AND vr.active = 1"
    " WHERE r.status = 'active' AND r.deleted_at IS NULL{where} GROUP BY r.id"
)
_COLUMNS = "(resident_id, community_code, grid_cell_id, interval_days, last_visit_at)"
EXPECTED_SQL = _ROWS.format(where="")  # for checks: what the table must hold
REBUILD = (f"DELETE FROM {TABLE}", f"INSERT INTO {TABLE} {_COLUMNS} {EXPECTED_SQL}")


def _refresh(resident: str) -> str:
    """Trigger body: make the row of one resident (an expression such as NEW.resident_id) again."""
    return (f"DELETE FROM {TABLE} WHERE resident_id = {resident};\n"
            f"  INSERT INTO {TABLE} {_COLUMNS} {_ROWS.format(where=f' AND r.id = {resident}')};")


def _last_visit(resident: str) -> str:
    """Trigger body: a visit of the resident changed; only their last visit can differ."""
    return (f"UPDATE {TABLE} SET last_visit_at = (SELECT max(v.visited_at) FROM visit v"
            f" WHERE v.resident_id = {resident} AND v.deleted_at IS NULL) WHERE resident_id = {resident};")


_CHANGED_RESIDENT = ("OLD.status IS NOT NEW.status OR OLD.deleted_at IS NOT NEW.deleted_at"
                     " OR OLD.community_code IS NOT NEW.community_code OR OLD.grid_cell_id IS NOT NEW.grid_cell_id")
_CHANGED_TAG = ("OLD.resident_id IS NOT NEW.resident_id OR OLD.tag_code IS NOT NEW.tag_code"
                " OR OLD.deleted_at IS NOT NEW.deleted_at")
_CHANGED_VISIT = ("OLD.resident_id IS NOT NEW.resident_id OR OLD.visited_at IS NOT NEW.visited_at"
                  " OR OLD.deleted_at IS NOT NEW.deleted_at")
_CHANGED_RULE = ("OLD.tag_code IS NOT NEW.tag_code OR OLD.interval_days IS NOT NEW.interval_days"
                 " OR OLD.active IS NOT NEW.active OR OLD.deleted_at IS NOT NEW.deleted_at")
_REBUILD_BODY = ";\n  ".join(REBUILD) + ";"

TRIGGERS: dict[str, str] = dict((
    # a new resident has no row unless their tags came first (a sync page may bring them so)
    trigger(f"{TABLE}_resident_ai", "AFTER INSERT ON resident", _refresh("NEW.id"),
             "EXISTS (SELECT 1 FROM resident_tag WHERE resident_id = NEW.id)"),
    trigger(f"{TABLE}_resident_au", "AFTER UPDATE OF status, deleted_at, community_code, grid_cell_id ON resident",
             _refresh("NEW.id"), _CHANGED_RESIDENT),
    trigger(f"{TABLE}_resident_ad", "AFTER DELETE ON resident",
             f"DELETE FROM {TABLE} WHERE resident_id = OLD.id;"),
    trigger(f"{TABLE}_tag_ai", "AFTER INSERT ON resident_tag", _refresh("NEW.resident_id")),
    trigger(f"{TABLE}_tag_au", "AFTER UPDATE OF resident_id, tag_code, deleted_at ON resident_tag",
             _refresh("NEW.resident_id") + "\n  " + _refresh("OLD.resident_id"), _CHANGED_TAG),
    trigger(f"{TABLE}_tag_ad", "AFTER DELETE ON resident_tag", _refresh("OLD.resident_id")),
    trigger(f"{TABLE}_visit_ai", "AFTER INSERT ON visit", _last_visit("NEW.resident_id")),
    trigger(f"{TABLE}_visit_au", "AFTER UPDATE OF resident_id, visited_at, deleted_at ON visit",
             _last_visit("NEW.resident_id") + "\n  " + _last_visit("OLD.resident_id"), _CHANGED_VISIT),
    trigger(f"{TABLE}_visit_ad", "AFTER DELETE ON visit", _last_visit("OLD.resident_id")),
    trigger(f"{TABLE}_rule_ai", "AFTER INSERT ON visit_rule", _REBUILD_BODY),
    trigger(f"{TABLE}_rule_au", "AFTER UPDATE ON visit_rule", _REBUILD_BODY, _CHANGED_RULE),
    trigger(f"{TABLE}_rule_ad", "AFTER DELETE ON visit_rule", _REBUILD_BODY),
))
