"""One server, one snapshot (issue 12, point 7): after an ingest, every endpoint answers from the old
snapshot — a query worker lost meanwhile is not replaced on the newer data — until the server notices the
store's generation mark and reopens the store and every view together, without a restart, saying so in its
log."""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from api_server import serve_store

from rekg.graph.generation import read_generation

NEWS = "北方稀土与江西赣磁新材料股份有限公司签署战略合作协议，双方将在赣州共建稀土永磁材料项目。\n"
DOCUMENT = "https://w3id.org/rekg/id/document/ganci-news-txt"
ASK = f"ASK {{ GRAPH <{DOCUMENT}> {{ ?s ?p ?o }} }}"


def workers() -> list[int]:
    return [p.pid for p in multiprocessing.active_children() if p.name == "rekg-sparql-worker" and p.pid]


def snapshot_seen(client: httpx.Client) -> set[tuple[bool, int]]:
    """What the endpoints show of the document: (its graph in SPARQL, its entity page's status), from three
    SPARQL requests at once (so both workers answer) between two reads of the page. A 503 (no worker free)
    shows nothing; nor does a probe the server reopened in the middle of (the page changed while the SPARQL
    requests ran: requests made one after another cannot catch one snapshot across a reopen)."""

    def page() -> int:
        return client.get("/id/document/ganci-news-txt", headers={"Accept": "application/json"}).status_code

    before = page()
    with ThreadPoolExecutor(3) as pool:
        asked = list(pool.map(lambda _: client.get("/sparql", params={"query": ASK}), range(3)))
    if page() != before:
        return set()
    return {(answer.json()["boolean"], before) for answer in asked if answer.status_code == 200}


@pytest.mark.slow
def test_the_server_reopens_every_view_together_after_a_write(
    built_store_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The server reopens the store once its mark has been still this long: long enough here for the test to
    # see the old snapshot and lose a worker after the ingest (the reopen itself takes a fraction of a second)
    monkeypatch.setattr("rekg.api.state.QUIET_S", 5.0)
    store = tmp_path / "store"
    shutil.copytree(built_store_dir, store)
    (tmp_path / "ganci-news.txt").write_text(NEWS, encoding="utf-8")
    old, new = (False, 404), (True, 200)
    with (
        caplog.at_level(logging.INFO, logger="rekg.api"),
        serve_store(store, long_queries=0) as url,
        httpx.Client(base_url=url, timeout=30) as client,
    ):
        assert snapshot_seen(client) == {old}
        before = read_generation(store)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "rekg.cli",
                "ingest",
                str(tmp_path / "ganci-news.txt"),
                "--store",
                str(store),
            ],
            check=True,
            capture_output=True,
        )
        assert read_generation(store).number > before.number
        os.kill(workers()[0], signal.SIGKILL)  # a worker lost after the write must not come back on new data
        seen: list[set[tuple[bool, int]]] = []
        deadline = time.monotonic() + 30
        while not seen or seen[-1] != {new}:
            assert time.monotonic() < deadline, "the server did not take in the write"
            seen.append(snapshot_seen(client))
            time.sleep(0.1)
        assert all(views in ({old}, {new}, set()) for views in seen), seen  # never two versions at once
        assert {old} in seen, "the old snapshot was served until the store was reopened"
        assert "reopened the store and every view" in caplog.text
        assert "was not replaced: the store has changed" in caplog.text
