"""Where the device token lives: the OS keyring (service "CommunityGrid", username = the server
URL), never SQLite, settings or logs.

A headless Linux machine (a kiosk box without a desktop session, CI) has no keyring service:
the keyring package then falls back to its "fail" backend, which can store nothing. Only then
does default_token_store() use a file in the user's data folder, readable by the user alone
(mode 0600, written atomically) — the same protection ~/.ssh keys have, and the same as the
keyrings.alt plaintext backend, without a dependency. It logs one line saying it does so; no
line ever contains a token.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)

SERVICE = "CommunityGrid"
TOKEN_FILE = "sync-token.json"


class TokenStore(Protocol):
    def get(self, server_url: str) -> str | None: ...
    def set(self, server_url: str, token: str) -> None: ...
    def delete(self, server_url: str) -> None: ...


def _key(server_url: str) -> str:
    return server_url.rstrip("/")


class KeyringTokenStore:
    """The OS keyring through the keyring package (Windows Credential Locker, macOS Keychain,
    Secret Service / KWallet on Linux)."""

    def get(self, server_url: str) -> str | None:
        import keyring

        return keyring.get_password(SERVICE, _key(server_url))

    def set(self, server_url: str, token: str) -> None:
        import keyring

        keyring.set_password(SERVICE, _key(server_url), token)

    def delete(self, server_url: str) -> None:
        import keyring
        from keyring.errors import PasswordDeleteError

        with contextlib.suppress(PasswordDeleteError):
            keyring.delete_password(SERVICE, _key(server_url))


class FileTokenStore:
    """Fallback when no keyring exists: {server_url: token} in a file only the user can read."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".token-")  # mkstemp creates it 0600
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, server_url: str) -> str | None:
        return self._read().get(_key(server_url))

    def set(self, server_url: str, token: str) -> None:
        data = self._read()
        data[_key(server_url)] = token
        self._write(data)

    def delete(self, server_url: str) -> None:
        data = self._read()
        if data.pop(_key(server_url), None) is not None:
            self._write(data)


class MemoryTokenStore:
    """Holds tokens for the life of the process (tests; a demo that enrols at every start)."""

    def __init__(self) -> None:
        self._tokens: dict[str, str] = {}

    def get(self, server_url: str) -> str | None:
        return self._tokens.get(_key(server_url))

    def set(self, server_url: str, token: str) -> None:
        self._tokens[_key(server_url)] = token

    def delete(self, server_url: str) -> None:
        self._tokens.pop(_key(server_url), None)


def keyring_available() -> bool:
    """True when keyring has a backend that really stores secrets (not 'fail' or 'null')."""
    import keyring
    from keyring.backends import chainer, fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or type(backend).__module__.endswith(".null"):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return bool(backend.backends)
    return True


def default_token_store(data_dir: Path | None = None) -> TokenStore:
    """The OS keyring if there is one, else the 0600 file in the user data folder."""
    if keyring_available():
        return KeyringTokenStore()
    if data_dir is None:
        from community_app import paths

        data_dir = paths.data_dir()
    path = Path(data_dir) / TOKEN_FILE
    log.info("no OS keyring on this machine: the device token is kept in %s, readable by this user only", path)
    return FileTokenStore(path)
