"""Shared fixtures: markers by folder, network blocked in unit tests, one real seed index per session."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "index" / "articles"
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, proc: subprocess.Popen, seconds: float) -> bool:
    """Wait until a server process listens on 127.0.0.1:port; False if it died or timed out."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            if proc.poll() is not None:
                return False
            time.sleep(0.3)
    return False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        parts = Path(str(item.fspath)).parts
        for marker in ("unit", "integration", "browser", "reliability"):
            if marker in parts:
                item.add_marker(getattr(pytest.mark, marker))


@pytest.fixture(autouse=True)
def _no_network_in_unit_tests(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unit tests may not open network connections (loopback included): they test logic only."""
    if request.node.get_closest_marker("unit") is None:
        return
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        if self.family == socket.AF_UNIX:
            return real_connect(self, address)
        raise RuntimeError(f"unit tests must not use the network (tried {address!r})")

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(scope="session")
def seed_bot(tmp_path_factory: pytest.TempPathFactory):
    """The shipped seed articles in a real Chroma directory with the real MiniLM model."""
    from bot import Bot
    from index.settings import Settings

    data = tmp_path_factory.mktemp("seed-index")
    return Bot.from_directory(SEEDS, settings=Settings(data_dir=data))


@pytest.fixture()
def hashing_bot(tmp_path: Path):
    """A bot on the seed articles with hashing embeddings (fast; for logic tests only)."""
    from bot import Bot
    from index.embed import HashingEmbeddings
    from index.settings import Settings

    return Bot.from_directory(SEEDS, settings=Settings(data_dir=tmp_path), embeddings=HashingEmbeddings(256))
