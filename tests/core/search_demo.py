"""The demo community the resident search tests read (tests/core/conftest.py: search_demo_path)."""

from __future__ import annotations

from datetime import UTC, date, datetime

NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
TODAY = date(2026, 11, 24)
COMMUNITY = "370202010004"
SEED = 20201
