"""Shared fixtures: a real PostgreSQL for the test session, and a fresh database per test.

The server is Debian's PostgreSQL 15, found with ``pg_config --bindir``, initialised into a
temporary folder and listening on a free loopback port; it is stopped and removed at the end.
PostgreSQL refuses to run as root, so under root (as in CI) it runs as the ``postgres`` user.
Where it cannot start, tests that need it skip with the reason, unless
GREENLANE_TEST_REQUIRE_POSTGRES=1 (``make test`` sets it), in which case they fail.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

REQUIRE_POSTGRES = "GREENLANE_TEST_REQUIRE_POSTGRES"


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get(REQUIRE_POSTGRES) == "1":
        pytest.fail(f"PostgreSQL is required ({REQUIRE_POSTGRES}=1) but {reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL for this run: {reason}")


@dataclass(frozen=True)
class PostgresServer:
    port: int
    user: str = "postgres"

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{dbname}"

    def admin(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE need that)."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=self.user, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql)  # type: ignore[arg-type]  # test-made names, not user input


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _bindir() -> Path:
    pg_config = shutil.which("pg_config")
    if pg_config is None:
        _unavailable(
            "pg_config is not on PATH (install Debian's postgresql; `make postgres-tools`)"
        )
    bindir = Path(
        subprocess.run([pg_config, "--bindir"], capture_output=True, text=True).stdout.strip()
    )
    for tool in ("initdb", "pg_ctl"):
        if not os.access(bindir / tool, os.X_OK):
            _unavailable(f"{bindir / tool} is missing (install Debian's postgresql package)")
    return bindir


def _as_postgres_user(base: Path) -> list[str]:
    """The command prefix that runs server tools as ``postgres`` when we are root."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    try:
        account = pwd.getpwnam("postgres")
    except KeyError:
        _unavailable("running as root and there is no `postgres` user to run the server as")
    if runuser is None:
        _unavailable("running as root and `runuser` is not available")
    os.chown(base, account.pw_uid, account.pw_gid)
    return [runuser, "-u", "postgres", "--"]


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed (pip install -e '.[dev]')")
    bindir = _bindir()
    base = Path(tempfile.mkdtemp(prefix="greenlane-pg-"))
    data, log = base / "data", base / "server.log"
    prefix = _as_postgres_user(base)
    ctl = [*prefix, str(bindir / "pg_ctl"), "-D", str(data)]
    started = False
    try:
        init = _run(
            [
                *prefix,
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
            ],
            base,
        )
        if init.returncode != 0:
            _unavailable(f"initdb failed: {init.stderr.strip() or init.stdout.strip()}")
        for _attempt in range(3):  # another process may take the free port before we do
            port = _free_port()
            options = (
                f"-p {port} -c listen_addresses=127.0.0.1 -k {base} -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off"
            )
            start = _run([*ctl, "-w", "-t", "60", "-l", str(log), "-o", options, "start"], base)
            if start.returncode == 0:
                started = True
                break
        if not started:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else start.stderr
            _unavailable(f"the server did not start:\n{tail}")
        yield PostgresServer(port=port)
    finally:
        if started:
            _run([*ctl, "-m", "fast", "stop"], base)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a new, empty database: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'greenlane.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = f"greenlane_test_{uuid.uuid4().hex[:12]}"
    server.admin(f'CREATE DATABASE "{name}"')
    yield server.url(name)
    server.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say in one line how many tests skipped because ../shared (GREENLANE_SHARED_DIR) is absent,
    so a run without the shared samples cannot pass for a full one."""
    skipped = terminalreporter.stats.get("skipped", [])
    shared = [r for r in skipped if "GREENLANE_SHARED_DIR" in str(getattr(r, "longrepr", ""))]
    if shared:
        terminalreporter.write_line(
            f"{len(shared)} tests skipped because the shared samples and data were not found "
            "(../shared beside the repo, or set GREENLANE_SHARED_DIR)",
            yellow=True,
        )
