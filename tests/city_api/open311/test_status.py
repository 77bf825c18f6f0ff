"""The city API's copy of the workflow vocabulary stays the desktop's."""

from __future__ import annotations

from city_api.open311.status import ACTION_NAMES, CLOSED, OPEN, STAGES, stage_name, status_of
from community_app.core import stages, workflow_rules


def test_every_stage_is_mapped_to_open_or_closed_as_the_desktop_counts_it() -> None:
    assert set(STAGES) == set(stages.ALL_STAGES)
    assert {code for code, (status, _name) in STAGES.items() if status == OPEN} == set(stages.OPEN_STAGES)
    assert {code for code, (status, _name) in STAGES.items() if status == CLOSED} == set(stages.FINISHED_STAGES)
    assert {code: name for code, (_status, name) in STAGES.items()} == stages.STAGE_NAMES


def test_action_names_are_the_desktops() -> None:
    assert ACTION_NAMES == workflow_rules.ACTION_NAMES


def test_an_unknown_stage_counts_as_open_and_keeps_its_code() -> None:
    assert status_of("waiting_for_parts") == OPEN
    assert stage_name("waiting_for_parts") == "waiting_for_parts"
    assert status_of("closed") == CLOSED and stage_name("closed") == "已结案"
