"""TLS verification is always on: a server whose certificate the machine does not trust is
refused in plain words; the office's own CA bundle (a setting) makes it trusted."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from community_app.sync.enrolment import enroll
from community_app.sync.errors import SyncError
from community_app.sync.http import HttpSettings, make_session
from community_app.sync.tokens import MemoryTokenStore
from db.migrate import create_database
from tests.city_server import CityServer
from tests.sync.engine.faulty_proxy import FaultyProxy


@pytest.fixture
def https_proxy(server: CityServer, tmp_path: Path) -> Iterator[tuple[FaultyProxy, Path]]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    proxy = FaultyProxy(server.base_url, tls=(str(cert), str(key))).start()
    yield proxy, cert
    proxy.stop()


def test_verification_cannot_be_switched_off() -> None:
    assert make_session().verify is True
    assert make_session(HttpSettings(ca_bundle="/etc/office-ca.pem")).verify == "/etc/office-ca.pem"
    assert make_session().trust_env is False  # no proxy credentials from the environment


def test_untrusted_certificate_is_refused_then_trusted_with_the_office_ca(
        server: CityServer, https_proxy: tuple[FaultyProxy, Path], community: str, tmp_path: Path) -> None:
    proxy, cert = https_proxy
    engine = create_database(tmp_path / "c.sqlite")
    tokens = MemoryTokenStore()
    code = server.issue_code(community)

    with pytest.raises(SyncError) as refused:
        enroll(engine, proxy.base_url, code, "一号电脑", tokens=tokens, http=HttpSettings(retries=0))
    assert refused.value.problem.code == "tls_failed" and "证书" in refused.value.problem.message
    assert tokens.get(proxy.base_url) is None

    info = enroll(engine, proxy.base_url, code, "一号电脑", tokens=tokens,
                  http=HttpSettings(retries=0, ca_bundle=str(cert)))
    assert info.server_url.startswith("https://") and tokens.get(proxy.base_url)
    engine.dispose()
