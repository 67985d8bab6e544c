"""A throw-away PostgreSQL cluster a test may stop and start (as `.ci/run` starts CI's own, on a free port).

Needs Debian's `postgresql` binaries (/usr/lib/postgresql/*/bin); run as the postgres user when the
tests run as root (root may not run PostgreSQL). Without them the test skips with the install
command, or fails when `SOURCECHECK_REQUIRE_POSTGRES=1` (CI).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import free_port
from tests.servers import INSTALL


def pg_bin() -> Path:
    """The newest installed PostgreSQL's bin directory, or a skip (a failure in CI) with the install command."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3]))
    if found:
        return found[-1].parent
    if os.environ.get("SOURCECHECK_REQUIRE_POSTGRES") == "1":
        pytest.fail("no PostgreSQL binaries under /usr/lib/postgresql but SOURCECHECK_REQUIRE_POSTGRES=1")
    pytest.skip(f"no PostgreSQL binaries under /usr/lib/postgresql: {INSTALL}")


class PgCluster:
    """One cluster in a temporary directory on a free loopback port; `stop()` and `start()` at will."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin, self.port = bin_dir, free_port()
        self.root = Path(tempfile.mkdtemp(prefix="sourcecheck-test-pg."))
        if os.getuid() == 0:
            shutil.chown(self.root, "postgres")
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        self._run(f"{self.bin}/initdb -N -D {self.root}/data -A trust -U postgres")

    def _run(self, command: str, check: bool = True) -> None:
        """Run a shell command as the postgres user (as ourselves when not root)."""
        argv = ["su", "postgres", "-s", "/bin/bash", "-c", command] if os.getuid() == 0 else ["bash", "-c", command]
        out = subprocess.run(argv, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0 or not check, f"{command}: {out.stderr}"

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        opts = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(f"{self.bin}/pg_ctl -D {self.root}/data -l {self.root}/log -w -o '{opts}' start")

    def stop(self) -> None:
        """Stop the server at once (`-m fast`: open sessions are ended)."""
        self._run(f"{self.bin}/pg_ctl -D {self.root}/data -m fast -w stop")

    def remove(self) -> None:
        """Stop the server if it runs and delete the cluster."""
        self._run(f"{self.bin}/pg_ctl -D {self.root}/data -m immediate stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture()
def own_pg() -> Iterator[PgCluster]:
    """A running throw-away cluster of this test's own (so it may stop it)."""
    cluster = PgCluster(pg_bin())
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.remove()
