"""Real servers for the tests that stand in for several machines: PostgreSQL and `chroma run`.

`SOURCECHECK_TEST_PG_URL` names a PostgreSQL server (CI's `.ci/run` starts one); without a reachable
one the tests skip with the install command, or fail when `SOURCECHECK_REQUIRE_POSTGRES=1` (CI).
Each test gets its own schema (its collection name), dropped afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import free_port, wait_for_port

INSTALL = ("apt-get install -y postgresql && pg_ctlcluster 15 main start, then "
           "SOURCECHECK_TEST_PG_URL=postgresql://postgres@127.0.0.1:5432/postgres (as .ci/run does)")


_SESSION_PG: list[str] = []  # the URL of the cluster `_session_cluster` started, once per test run


def _session_cluster() -> str | None:
    """Without a server to use, a throw-away cluster of the installed PostgreSQL binaries (`tests.pg_cluster`),
    started once for the whole run and removed at exit; None when no binaries are installed."""
    if not _SESSION_PG:
        if not list(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl")):
            return None
        import atexit

        from tests.pg_cluster import PgCluster, pg_bin

        cluster = PgCluster(pg_bin())
        atexit.register(cluster.remove)
        cluster.start()
        _SESSION_PG.append(cluster.url)
    return _SESSION_PG[0]


def pg_url() -> str:
    """The test PostgreSQL URL (`SOURCECHECK_TEST_PG_URL`, else a server on 5432, else a cluster of the
    installed binaries started for the run), or a skip (a failure in CI) saying how to get one."""
    import psycopg

    url = os.environ.get("SOURCECHECK_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.Error as err:
        own = None if "SOURCECHECK_TEST_PG_URL" in os.environ else _session_cluster()
        if own:
            return own
        if os.environ.get("SOURCECHECK_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"no PostgreSQL at {url} ({err}) but SOURCECHECK_REQUIRE_POSTGRES=1")
        pytest.skip(f"no PostgreSQL at {url}: {INSTALL}")
    return url


def drop_schema(url: str, schema: str) -> None:
    """Drop a test's schema and everything in it."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(url, autocommit=True) as db:
        db.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


def fresh_schema(url: str) -> Iterator[tuple[str, str]]:
    """`(url, schema)` with a new schema name, its schema dropped afterwards."""
    schema = f"t{uuid.uuid4().hex[:12]}"
    yield url, schema
    drop_schema(url, schema)


@pytest.fixture()
def pg() -> Iterator[tuple[str, str]]:
    """`(url, schema)`: a real PostgreSQL and a fresh schema name (also a valid Chroma collection name)."""
    yield from fresh_schema(pg_url())


@pytest.fixture(scope="module")
def pg_module() -> Iterator[tuple[str, str]]:
    """`pg` for a whole module (its page servers start once)."""
    yield from fresh_schema(pg_url())


@contextmanager
def running_chroma(path: Path) -> Iterator[str]:
    """A real `chroma run` server on a free port, its data under `path`; yields its URL."""
    chroma = Path(sys.executable).with_name("chroma")
    port = free_port()
    proc = subprocess.Popen([str(chroma), "run", "--path", str(path), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        if not wait_for_port(port, proc, 60):
            pytest.fail("`chroma run` did not start within 60 s")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture()
def chroma_server(tmp_path: Path) -> Iterator[str]:
    """A `chroma run` server for one test."""
    with running_chroma(tmp_path / "chroma-server") as url:
        yield url


@pytest.fixture(scope="module")
def chroma_module(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A `chroma run` server for a whole module."""
    with running_chroma(tmp_path_factory.mktemp("chroma-server")) as url:
        yield url
