"""Writing SQLite triggers as text: the derived tables (db.derived) keep theirs as name → SQL."""

from __future__ import annotations


def trigger(name: str, event: str, body: str, when: str = "") -> tuple[str, str]:
    """(name, CREATE TRIGGER …) for a row trigger; body: its statements, each ending in ';'."""
    condition = f" WHEN {when}" if when else ""
    return name, f"CREATE TRIGGER {name} {event} FOR EACH ROW{condition} BEGIN\n  {body}\nEND"
