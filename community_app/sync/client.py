"""The city API's sync endpoints (see /work/notes/sync-protocol.md), one method each."""

from __future__ import annotations

from typing import Any

import requests

from community_app.sync import errors
from community_app.sync.errors import SyncError
from community_app.sync.http import HttpSettings, make_session, request


class ApiClient:
    def __init__(self, base_url: str, token: str | None = None, settings: HttpSettings | None = None,
                 session: requests.Session | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.settings = settings or HttpSettings()
        self.session = session or make_session(self.settings)
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        self.session.close()

    def _url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def _json(self, response: requests.Response) -> dict[str, Any]:
        try:
            body = response.json()
        except ValueError:
            raise SyncError(errors.bad_response()) from None
        if not isinstance(body, dict):
            raise SyncError(errors.bad_response())
        return body

    def enroll(self, code: str, device_name: str) -> dict[str, Any]:
        """Trade a one-time code for {token, device_id, community_code, role}."""
        response = request(self.session, "POST", self._url("/sync/enroll"), self.settings,
                           json={"code": code.strip().upper(), "device_name": device_name})
        body = self._json(response)
        if not isinstance(body.get("token"), str) or not body.get("device_id"):
            raise SyncError(errors.bad_response())
        return body

    def whoami(self) -> dict[str, Any]:
        return self._json(request(self.session, "GET", self._url("/sync/whoami"), self.settings))

    def changes(self, since: int, limit: int = 1000) -> dict[str, Any]:
        body = self._json(request(self.session, "GET", self._url("/sync/changes"), self.settings,
                                  params={"since": since, "limit": limit}))
        if not isinstance(body.get("changes"), list) or not isinstance(body.get("next"), int):
            raise SyncError(errors.bad_response())
        return body

    def push(self, mutations: list[dict[str, Any]]) -> list[dict[str, Any]]:
        body = self._json(request(self.session, "POST", self._url("/sync/push"), self.settings,
                                  json={"mutations": mutations}))
        results = body.get("results")
        if not isinstance(results, list) or len(results) != len(mutations):
            raise SyncError(errors.bad_response())
        return results

    def has_blob(self, sha256: str) -> bool:
        response = request(self.session, "HEAD", self._url(f"/sync/blobs/{sha256}"), self.settings, ok=(200, 404))
        return response.status_code == 200

    def get_blob(self, sha256: str) -> bytes:
        return request(self.session, "GET", self._url(f"/sync/blobs/{sha256}"), self.settings).content

    def put_blob(self, sha256: str, data: bytes, content_type: str) -> None:
        """Raises BlobRefusedError when the server will never take this file (type, size, hash)."""
        response = request(self.session, "PUT", self._url(f"/sync/blobs/{sha256}"), self.settings,
                           ok=(200, 201, 400, 413, 415), data=data, headers={"Content-Type": content_type})
        if response.status_code not in (200, 201):
            try:
                message = str(response.json()["error"]["message"])
            except (ValueError, KeyError, TypeError):
                message = "城市平台不接受这个文件。"
            raise BlobRefusedError(message)


class BlobRefusedError(Exception):
    """The server refused a photo for good; str() is its reason in Chinese."""
