"""Killing `greenlane ingest` part-way loses nothing: a rerun completes the batch, no duplicates."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from greenlane.store import Database


def _message(i: int) -> bytes:
    events = [
        {
            "event_id": f"m{i}-e{j}",
            "event_type": "loaded",
            "occurred_at": f"2026-02-{1 + j % 28:02d}T08:00:00Z",
            "container_number": "CSQU3054383",
            "unlocode": "SGSIN",
        }
        for j in range(200)
    ]
    return json.dumps({"greenlane": "1", "events": events}).encode()


def _ingest(inbox: Path, url: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "greenlane.cli", "ingest", str(inbox), "--json", "--database", url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_killed_ingest_completes_on_rerun(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(60):
        (inbox / f"msg-{i:03d}.json").write_bytes(_message(i))
    url = f"sqlite:///{tmp_path / 'kill.db'}"
    Database.connect(url).upgrade()

    first = _ingest(inbox, url)
    db = Database.connect(url)
    deadline = time.monotonic() + 60
    while db.counts()["raw_messages"] < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait()
    stored_before = db.counts()["events"]
    assert stored_before < 60 * 200, "the run finished before it could be killed"

    second = _ingest(inbox, url)
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err.decode()
    report = json.loads(out.decode().strip().splitlines()[-1])
    assert report["received"] == 60 and report["quarantined"] == 0
    counts = db.counts()
    assert counts["raw_messages"] == 60
    assert counts["events"] == 60 * 200
