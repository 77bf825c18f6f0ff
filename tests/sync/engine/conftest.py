"""One real city API server per test module (starting one costs seconds on a loaded machine);
each test gets its own community on it, so no test sees another's records."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.city_server import CityServer, start_server
from tests.sync.engine.devices import Device, new_community, new_device


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CityServer]:
    city = start_server(f"sqlite:///{tmp_path_factory.mktemp('city') / 'city.sqlite'}")
    yield city
    city.stop()


@pytest.fixture
def community() -> str:
    return new_community()


@pytest.fixture
def office_a(server: CityServer, community: str, tmp_path: Path) -> Iterator[Device]:
    device = new_device(server, community, tmp_path / "a", "一号电脑")
    yield device
    device.engine.dispose()


@pytest.fixture
def office_b(server: CityServer, community: str, tmp_path: Path) -> Iterator[Device]:
    device = new_device(server, community, tmp_path / "b", "二号电脑")
    yield device
    device.engine.dispose()
