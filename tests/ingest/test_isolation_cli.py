"""`greenlane ingest` over a folder with one bad file among good ones: every good file stored,
the bad one quarantined with its place, exit 1, no traceback; the same folder again: duplicates."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from greenlane.store import Database, MessageStatus


def _native(i: int) -> bytes:
    event = {
        "event_id": f"e{i}",
        "event_type": "loaded",
        "occurred_at": "2026-01-10T08:00:00Z",
        "container_number": "CSQU3054383",
        "unlocode": "SGSIN",
    }
    return json.dumps({"greenlane": "1", "events": [event]}).encode()


def _ingest(inbox: Path, url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"GREENLANE_MAX_MESSAGE_BYTES": "4096"}
    return subprocess.run(
        [sys.executable, "-m", "greenlane.cli", "ingest", str(inbox), "--database", url, *extra],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_one_bad_file_among_good_ones(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(4):
        (inbox / f"good-{i}.json").write_bytes(_native(i))
    # The lone surrogate once stopped the run with a traceback and left the file "received".
    (inbox / "bad-surrogate.json").write_bytes(_native(9).replace(b'"e9"', b'"\\ud800"'))
    (inbox / "big.json").write_bytes(b'{"greenlane": "1", "x": "' + b"a" * 5000 + b'"}')
    url = f"sqlite:///{tmp_path / 'inbox.db'}"

    first = _ingest(inbox, url, "--json")
    assert first.returncode == 1, first.stderr
    assert "Traceback" not in first.stderr + first.stdout
    report = json.loads(first.stdout.strip().splitlines()[-1])
    assert (report["received"], report["stored"], report["quarantined"]) == (6, 4, 1)
    assert report["refused"] == 1 and report["catch_all"] == 0
    problems = {Path(p["file"]).name: p for p in report["problems"]}
    assert problems["bad-surrogate.json"]["where"] == "/events/0/event_id"
    assert problems["big.json"]["outcome"] == "refused"
    db = Database.connect(url)
    assert db.counts()["events"] == 4
    bad = problems["bad-surrogate.json"]["id"]
    assert db.message_status(bad) is MessageStatus.QUARANTINED

    again = _ingest(inbox, url)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Traceback" not in again.stderr + again.stdout
    assert "Every message was already stored" in again.stdout
    assert db.counts()["events"] == 4 and db.counts()["raw_messages"] == 6

    listed = subprocess.run(
        [sys.executable, "-m", "greenlane.cli", "quarantine", "list", "--database", url],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ | {"COLUMNS": "200"},
    )
    assert listed.returncode == 0, listed.stderr
    assert "Quarantine" in listed.stdout and "Refused (bytes not kept)" in listed.stdout
    assert bad[:12] in listed.stdout and problems["big.json"]["id"][:12] in listed.stdout
