"""The city API inside another program (the desktop's --demo): uvicorn in a daemon thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable

import uvicorn

from city_api.app import create_app
from city_api.database import upgrade

START_TIMEOUT_S = 15.0


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def start_in_thread(db_url: str, host: str = "127.0.0.1", port: int = 0) -> tuple[str, Callable[[], None]]:
    """Upgrade the schema, serve on host:port (a free port when 0) and return (base_url, stop).
    stop() asks uvicorn to finish and waits for the thread (idempotent)."""
    upgrade(db_url)
    port = port or free_port(host)
    # log_config=None: leave the host program's logging alone (uvicorn's records go to its handlers)
    config = uvicorn.Config(create_app(db_url), host=host, port=port, log_level="warning", access_log=False,
                            lifespan="on", log_config=None)
    server = uvicorn.Server(config)
    server.install_signal_handlers = lambda: None  # type: ignore[method-assign]  # not the main thread
    thread = threading.Thread(target=server.run, name="city-api", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the embedded city API did not start on {host}:{port}")
        time.sleep(0.02)

    def stop() -> None:
        server.should_exit = True
        thread.join(timeout=10)

    return f"http://{host}:{port}", stop
