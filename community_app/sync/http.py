"""HTTP to the city API: one configured requests.Session and the translation of whatever the
network or the server does into a SyncProblem a user can read.

- explicit connect and read timeouts on every request (requests has none by default);
- urllib3 Retry: exponential backoff with jitter, Retry-After honoured (capped, so a worker never
  sleeps for hours), 429/500/502/503/504 and dropped connections retried — POST included, which
  is safe only because every pushed mutation carries a permanent id the server deduplicates on;
- TLS verification always on; a custom CA bundle (an office's own certificate authority) is a
  setting, never "verify=False".

Nothing here logs a token, a URL query or a body.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from community_app.sync import errors
from community_app.sync.errors import SyncError, SyncProblem

log = logging.getLogger(__name__)

RETRY_STATUSES = (429, 500, 502, 503, 504)
RETRY_METHODS = frozenset({"GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS"})
USER_AGENT = "CommunityGrid-desktop/1"


@dataclass(frozen=True)
class HttpSettings:
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    retries: int = 4  # after the first attempt
    backoff_factor: float = 0.5  # 0.5, 1, 2, 4 … seconds between attempts
    backoff_jitter: float = 0.5  # up to this many seconds added at random, so devices do not retry in step
    backoff_max: float = 30.0
    retry_after_max: int = 60  # a longer Retry-After is cut to this; the next background sync tries again
    ca_bundle: str | None = None  # path of a PEM bundle to trust instead of the system's

    @property
    def timeout(self) -> tuple[float, float]:
        return (self.connect_timeout, self.read_timeout)


def make_retry(settings: HttpSettings) -> Retry:
    return Retry(
        total=settings.retries, connect=settings.retries, read=settings.retries, status=settings.retries,
        backoff_factor=settings.backoff_factor, backoff_jitter=settings.backoff_jitter,
        backoff_max=settings.backoff_max, status_forcelist=RETRY_STATUSES, allowed_methods=RETRY_METHODS,
        respect_retry_after_header=True, retry_after_max=settings.retry_after_max,
        raise_on_status=False,  # give back the last response: its Retry-After and error body word the message
        redirect=0,
    )


def make_session(settings: HttpSettings | None = None) -> requests.Session:
    """A session with retries on http and https, TLS verification on (custom CA if set)."""
    settings = settings or HttpSettings()
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=make_retry(settings))
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.verify = settings.ca_bundle or True
    session.trust_env = False  # no proxy or netrc credentials picked up from the environment
    session.headers["User-Agent"] = USER_AGENT
    return session


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "").strip()
    try:
        return float(value) if value else None
    except ValueError:
        return None


def problem_for_response(response: requests.Response) -> SyncProblem:
    """The problem a non-2xx answer means for the user."""
    status = response.status_code
    if status in (401, 403):
        return errors.token_refused()
    if status in (429, 503):
        return errors.server_busy(_retry_after(response))
    if status >= 500:
        return errors.server_error()
    code = _error_code(response)
    if code == errors.INVALID_ENROLMENT_CODE:
        return errors.invalid_enrolment_code()
    return errors.bad_response()


def _error_code(response: requests.Response) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return None
    error = body.get("error") if isinstance(body, dict) else None
    return error.get("code") if isinstance(error, dict) else None


def problem_for_exception(exc: requests.RequestException) -> SyncProblem:
    if isinstance(exc, requests.exceptions.SSLError):
        return errors.tls_failed()
    if isinstance(exc, requests.exceptions.Timeout):
        return errors.timed_out()
    if isinstance(exc, requests.exceptions.RetryError):
        return errors.server_error()
    if isinstance(exc, requests.exceptions.ConnectionError):
        cause = str(exc)
        # a read that timed out arrives wrapped in a ConnectionError after the retries
        if "timed out" in cause.lower():
            return errors.timed_out()
        return errors.network_unreachable()
    return errors.bad_response()


def request(session: requests.Session, method: str, url: str, settings: HttpSettings, *,
            ok: tuple[int, ...] = (200, 201), headers: Mapping[str, str] | None = None,
            **kwargs: Any) -> requests.Response:
    """Send one request (with the session's retries); return the response if its status is in `ok`,
    else raise SyncError with the problem in plain words."""
    try:
        response = session.request(method, url, timeout=settings.timeout, headers=headers, **kwargs)
    except requests.RequestException as exc:
        problem = problem_for_exception(exc)
        log.warning("sync %s %s failed: %s (%s)", method, _path(url), problem.code, type(exc).__name__)
        raise SyncError(problem) from None
    if response.status_code not in ok:
        problem = problem_for_response(response)
        log.warning("sync %s %s answered %d: %s", method, _path(url), response.status_code, problem.code)
        raise SyncError(problem)
    return response


def _path(url: str) -> str:
    """The URL without its query (a query may one day hold something private)."""
    return url.split("?", 1)[0]
