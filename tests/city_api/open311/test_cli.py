"""`city-api open311-key add|list|revoke`, through the real argument parser of city_api.cli."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from city_api.cli import _db_arg, _session, build_parser
from city_api.database import make_engine, make_sessionmakers
from city_api.open311.cli import add_commands
from city_api.open311.keys import check_api_key


def parser() -> argparse.ArgumentParser:
    """city-api's parser, with open311-key added if city_api.cli does not register it yet."""
    built = build_parser()
    sub = next(a for a in built._actions if isinstance(a, argparse._SubParsersAction))
    if "open311-key" not in sub.choices:
        add_commands(sub, _db_arg, _session)
    return built


def run(*argv: str) -> int:
    args = parser().parse_args(list(argv))
    return int(args.func(args))


def test_issue_list_and_revoke_a_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'city.sqlite'}"
    assert run("open311-key", "list", "--db", url) == 0
    assert "还没有签发" in capsys.readouterr().out
    assert run("open311-key", "add", "--db", url, "--name", "12345热线平台") == 0
    lines = capsys.readouterr().out.splitlines()
    key, key_id = lines[1].strip(), lines[2].removeprefix("编号：")
    engine = make_engine(url)
    with make_sessionmakers(engine)[1]() as session:
        assert check_api_key(session, key) is not None
    assert run("open311-key", "list", "--db", url) == 0
    listed = capsys.readouterr().out
    assert key_id in listed and "12345热线平台" in listed and "有效" in listed and key not in listed
    assert run("open311-key", "revoke", "--db", url, "--id", key_id) == 0
    assert run("open311-key", "revoke", "--db", url, "--id", "nope") == 2
    with make_sessionmakers(engine)[1]() as session:
        assert check_api_key(session, key) is None
    engine.dispose()
