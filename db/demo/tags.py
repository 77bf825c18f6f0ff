"""Special-group tags (特殊群体), assigned by rules a grid worker would recognise:
独居老人 only to people of 60+ who are the only active member of their household,
留守儿童 only to children looked after by grandparents, 特困 never together with 低保."""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any

from db.demo.clock import DAY, stamp
from db.demo.data import document, table
from db.demo.people import Person
from db.demo.seeded import IdFactory, chance

Row = dict[str, Any]
TAG_COLUMNS = ("id", "version", "created_at", "updated_at", "deleted_at", "resident_id", "tag_code", "note")
RECENT_SHARE = 0.03  # tags given in the last RECENT_DAYS days: some of them not visited yet
RECENT_DAYS = 40


def tag_rows(now: int, ids: IdFactory) -> list[Row]:
    made = now - 1000 * DAY
    return [{**ids.row(made), "code": r["code"], "name": r["name"], "sensitive": r["sensitive"] == "1",
             "description": r["description"]} for r in table("special_groups.csv")]


def visit_rule_rows(now: int, ids: IdFactory) -> list[Row]:
    made = now - 1000 * DAY
    return [{**ids.row(made), "tag_code": r["tag_code"], "interval_days": int(r["interval_days"]), "active": True,
             "note": r["note"]} for r in table("visit_rules.csv")]


def assign_tags(people: list[Person], rng: random.Random, ids: IdFactory, now: int) -> list[tuple[Any, ...]]:
    """Tag people (Person.tags) and return the resident_tag rows (TAG_COLUMNS)."""
    texts = document("texts.json")
    by_household: dict[str, list[Person]] = defaultdict(list)
    for p in people:
        if p.active:
            by_household[p.household["id"]].append(p)
    rows: list[tuple[Any, ...]] = []

    def tag(p: Person, code: str, note: str | None = None) -> None:
        p.tags.append(code)
        if chance(rng, RECENT_SHARE):  # found on a recent visit or check: tagged in the last weeks
            made = max(p.created, now - int(rng.uniform(0.2, RECENT_DAYS) * DAY))
        else:
            made = p.created + int((now - p.created) * rng.uniform(0.0, 0.6))
        p.tagged_at[code] = made
        text = stamp(made)
        rows.append((ids.at(made), 0, text, text, None, p.id, code, note))

    for members in by_household.values():
        registered = members[0].row["residence_type"] == "registered"
        alone = len(members) == 1
        poor = registered and chance(rng, 0.05 if alone or members[0].family.kind == "single_parent" else 0.015)
        for p in members:
            age = p.age
            if age >= 60 and alone:
                tag(p, "elderly_alone")
            elif age >= 60 and all(m.age >= 60 for m in members):
                tag(p, "empty_nest")
            if age >= 80:
                tag(p, "aged_80")
            disabled = chance(rng, 0.004 if age < 18 else 0.012 if age < 60 else 0.045)
            if disabled:
                kind, grade = rng.choice(texts["disability_kinds"]), rng.choice(texts["disability_grades"])
                tag(p, "disabled", f"{kind}残疾{grade}")
            if registered and alone and (age >= 60 or disabled) and not poor and chance(rng, 0.06):
                tag(p, "tekun", "分散供养")
            elif poor:
                tag(p, "dibao")
            if p.family.left_behind and p.member.relation == "孙子女" and age < 16:
                tag(p, "left_behind_child", "父母在外地务工，由祖父母照料")
            if p.member.sex == "M" and chance(rng, 0.03 if age >= 60 else 0.008 if age >= 30 else 0.0):
                tag(p, "youfu", rng.choice(texts["youfu_kinds"]))
            if 18 <= age <= 70 and chance(rng, 0.003):
                tag(p, "key_focus", rng.choice(texts["key_focus_notes"]))
    return rows
