"""Run the API in a real uvicorn server on 127.0.0.1 for tests: in a thread of the test process, on a port
the system picks (port 0, so there is no race for a free port)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import uvicorn

from rekg.settings import get_settings

#: Chromium flags for headless runs here (Debian's build; no sandbox in containers; nothing phones home).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def running_server(app: object, *, startup_timeout: float = 120.0) -> Iterator[str]:
    """Serve ``app`` until the block ends; yields its base URL (``http://127.0.0.1:<port>``, a free port)."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")  # type: ignore[arg-type]
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_timeout
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the API server stopped while starting (see the log above)")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError("the API server did not start in time")
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(60)


@contextmanager
def serve_store(store_dir: Path | str, *, warm: bool = True, **overrides: object) -> Iterator[str]:
    """The app over ``store_dir`` (opened read-only), with settings overridden (e.g. ``query_timeout_s``).
    ``warm``: yield once the query workers are up too (the server answers before they are: queries that
    come sooner wait for them, which timing-sensitive tests should not have to)."""
    from rekg.api.main import create_app

    settings = replace(get_settings(), **overrides)  # type: ignore[arg-type]
    app = create_app(str(store_dir), settings=settings)
    with running_server(app) as url:
        if warm:
            app.state.rekg.runner.warm()
        yield url
