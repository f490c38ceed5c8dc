"""Real SPARQL servers for tests, each on free ports of 127.0.0.1 in a directory of its own: ``oxigraph serve``
(the pip package ``oxigraph``) and Virtuoso (Debian's ``virtuoso-opensource``, which ``make test`` installs when
run as root). Each yields a :class:`SparqlServer`: the ``sparql+http://…`` locations rekg opens it by."""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

#: How long a server may take to answer its first query.
STARTUP_S = 60.0

#: The password of Virtuoso's ``dba`` account in a database it creates (its documented default).
VIRTUOSO_DBA = ("dba", "dba")


@dataclass(frozen=True)
class SparqlServer:
    """A running server: the location that writes, and the one a reader (the API) uses."""

    name: str
    writer: str
    reader: str
    pid: int  # the server's process


class ServerError(RuntimeError):
    """A test server did not start; the message carries the end of its log."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server of this virtual environment (or of PATH)."""
    candidate = Path(sys.executable).with_name("oxigraph")
    return str(candidate) if candidate.exists() else shutil.which("oxigraph")


def virtuoso_binary() -> str | None:
    return shutil.which("virtuoso-t")


def virtuoso_missing() -> str | None:
    """Why Virtuoso cannot run here (for a skip), or None. In CI as root ``make test`` installs it, so there
    a missing Virtuoso fails the test instead."""
    if virtuoso_binary() is not None:
        return None
    reason = "Virtuoso is not installed (apt-get install virtuoso-opensource; `make test` does it as root)"
    if os.environ.get("CI") and os.geteuid() == 0:
        pytest.fail(reason)
    return reason


@contextmanager
def _running(
    command: Sequence[str], log_path: Path, probe: str, auth: httpx.Auth | None = None
) -> Iterator[int]:
    """Run ``command`` until the block ends, once ``probe`` answers ``ASK {}``; stop it with SIGTERM (SIGKILL
    after 15 s)."""
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, cwd=log_path.parent, preexec_fn=_die_with_parent
        )
    try:
        deadline = time.monotonic() + STARTUP_S
        while True:
            if process.poll() is not None:
                raise ServerError(f"{command[0]} exited with {process.returncode}: {_tail(log_path)}")
            try:
                answer = httpx.post(probe, data={"query": "ASK {}"}, auth=auth, timeout=2)
                if answer.status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise ServerError(
                    f"{command[0]} did not answer on {probe} in {STARTUP_S:.0f} s: {_tail(log_path)}"
                )
            time.sleep(0.1)
        yield process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def _die_with_parent() -> None:
    """In the server's process before it starts: SIGTERM when the test process ends, even killed (Linux's
    PR_SET_PDEATHSIG), so that no server outlives an interrupted run."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


_PR_SET_PDEATHSIG = 1


def _tail(log_path: Path) -> str:
    return log_path.read_text(encoding="utf-8", errors="replace")[-2000:]


@contextmanager
def oxigraph_server(directory: Path) -> Iterator[SparqlServer]:
    """``oxigraph serve`` over a new store in ``directory``."""
    binary = oxigraph_binary()
    if binary is None:
        raise ServerError("the oxigraph server binary is not installed (pip install oxigraph)")
    directory.mkdir(parents=True, exist_ok=True)
    url = f"http://127.0.0.1:{free_port()}"
    command = [binary, "serve", "--location", str(directory / "data"), "--bind", url.removeprefix("http://")]
    with _running(command, directory / "oxigraph.log", f"{url}/query") as pid:
        yield SparqlServer("oxigraph", f"sparql+{url}", f"sparql+{url}", pid)


#: A Virtuoso configuration with everything in one directory, on two free ports, and no cap on answers below
#: what rekg reads unless told (its default ResultSetMaxRows, 10 000, is less than the seed build's quads).
_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
Charset = UTF-8
ServerThreads = 10

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 60
"""


@contextmanager
def virtuoso_server(directory: Path, *, max_rows: int = 1_000_000) -> Iterator[SparqlServer]:
    """Virtuoso over the database in ``directory`` (a new one if there is none), answering at most ``max_rows`` rows: the writer is
    ``dba`` at ``/sparql-auth`` (HTTP Digest), the reader anonymous at ``/sparql``."""
    binary = virtuoso_binary()
    if binary is None:
        raise ServerError("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    directory.mkdir(parents=True, exist_ok=True)
    http_port = free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(
        _VIRTUOSO_INI.format(dir=directory, sql_port=free_port(), http_port=http_port, max_rows=max_rows)
    )
    url = f"http://127.0.0.1:{http_port}"
    user, password = VIRTUOSO_DBA
    command = [binary, "+foreground", "+configfile", str(ini)]
    with _running(
        command, directory / "virtuoso.out", f"{url}/sparql-auth", httpx.DigestAuth(user, password)
    ) as pid:
        yield SparqlServer(
            "virtuoso",
            f"sparql+http://{user}:{password}@127.0.0.1:{http_port}/sparql-auth?layout=virtuoso",
            f"sparql+{url}/sparql?layout=virtuoso",
            pid,
        )


@contextmanager
def server_of(kind: str, directory: Path) -> Iterator[SparqlServer]:
    """A server of ``kind`` (``oxigraph`` or ``virtuoso``) in ``directory``; a test using it is skipped where
    Virtuoso is not installed (see :func:`virtuoso_missing`)."""
    if kind == "virtuoso" and (reason := virtuoso_missing()):
        pytest.skip(reason)
    start = oxigraph_server if kind == "oxigraph" else virtuoso_server
    with start(directory) as running:
        yield running
