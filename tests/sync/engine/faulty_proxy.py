"""A small faulty HTTP proxy in front of the real city API: it stands for the network and the
load balancer between a device and the city, and does to chosen requests what they do on a bad
day — answer 500 or 429 with Retry-After, hang past the client's read timeout, reset the
connection (also AFTER the server has committed the request, the nastiest case).

Faults are a queue consumed in request order by requests that match `only` (a path prefix);
other requests pass through untouched.
"""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import struct
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

PASS, ERROR_500, BUSY_429, UNAVAILABLE_503, HANG, RESET, COMMIT_THEN_RESET = (
    "pass", "500", "429", "503", "hang", "reset", "commit_then_reset")


@dataclass
class Seen:
    at: float
    method: str
    path: str
    fault: str


@dataclass
class FaultyProxy:
    upstream: str
    only: str = "/sync/"
    retry_after: int = 1
    hang_seconds: float = 1.0
    faults: deque[str] = field(default_factory=deque)
    seen: list[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None
    tls: tuple[str, str] | None = None  # (certificate, key) PEM files: serve https

    @property
    def base_url(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"{'https' if self.tls else 'http'}://{'localhost' if self.tls else host}:{port}"

    def inject(self, *faults: str) -> None:
        with self.lock:
            self.faults.extend(faults)

    def _next_fault(self, method: str, path: str) -> str:
        with self.lock:
            fault = self.faults.popleft() if path.startswith(self.only) and self.faults else PASS
            self.seen.append(Seen(time.monotonic(), method, path, fault))
            return fault

    def requests_to(self, path: str, method: str | None = None) -> list[Seen]:
        return [s for s in self.seen if s.path.startswith(path) and (method is None or s.method == method)]

    def start(self) -> FaultyProxy:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # one request per connection: simple and enough

            def log_message(self, *_args: object) -> None:  # keep test output quiet
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                fault = proxy._next_fault(self.command, self.path)
                if fault == ERROR_500:
                    return self._answer(500, {"error": {"code": "server_error", "message": "服务器内部错误"}})
                if fault in (BUSY_429, UNAVAILABLE_503):
                    return self._answer(int(fault), {"error": {"code": "rate_limited", "message": "请求太多"}},
                                        {"Retry-After": str(proxy.retry_after)})
                if fault == HANG:
                    time.sleep(proxy.hang_seconds)
                    return self._reset()
                if fault == RESET:
                    return self._reset()
                status, headers, payload = self._forward(body)
                if fault == COMMIT_THEN_RESET:
                    return self._reset()
                self.send_response(status)
                for name, value in headers:
                    if name.lower() not in ("transfer-encoding", "connection", "content-length", "date", "server"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            def _forward(self, body: bytes | None) -> tuple[int, list[tuple[str, str]], bytes]:
                target = urlsplit(proxy.upstream)
                conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
                conn.request(self.command, self.path, body=body, headers=headers)
                response = conn.getresponse()
                payload = response.read()
                conn.close()
                return response.status, response.getheaders(), payload

            def _answer(self, status: int, body: dict[str, object], headers: dict[str, str] | None = None) -> None:
                data = json.dumps(body, ensure_ascii=False).encode()
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _reset(self) -> None:
                # SO_LINGER 0: close() sends RST, as a dropped NAT entry or a dying load balancer does
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.close_connection = True
                self.connection.close()

            do_GET = do_POST = do_PUT = do_HEAD = _handle  # noqa: N815

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        if self.tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*self.tls)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
