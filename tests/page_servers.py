"""Served pages (`sourcecheck serve`, separate processes) talked to over HTTP through the page's own API.

Each server stands in for a machine: its own `SOURCECHECK_DATA_DIR`, the index only on the shared
PostgreSQL catalog and `chroma run`. `gradio_client` calls the page's endpoints (`/ask`, `/add`,
`/check`, `/refresh`), the same handlers the browser's clicks reach.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.render import message_text
from tests.conftest import ROOT, SEEDS, free_port, wait_for_port


@dataclass
class PageServer:
    """One `sourcecheck serve` process."""

    proc: subprocess.Popen[bytes]
    url: str
    data: Path

    def client(self) -> Any:
        """A `gradio_client.Client` of this page."""
        from gradio_client import Client

        return Client(self.url, verbose=False)

    def log(self) -> str:
        """What the server printed so far."""
        return (self.data / "serve.log").read_text(errors="replace")


def shared_env(data: Path, catalog_url: str, chroma_url: str, collection: str) -> dict[str, str]:
    """The environment of one "machine": its own data directory, the shared catalog and vector store."""
    data.mkdir(parents=True, exist_ok=True)
    return dict(os.environ, SOURCECHECK_DATA_DIR=str(data), SOURCECHECK_CATALOG_URL=catalog_url,
                SOURCECHECK_CHROMA_URL=chroma_url, SOURCECHECK_COLLECTION=collection,
                GRADIO_ANALYTICS_ENABLED="False")


def _start(env: dict[str, str]) -> PageServer:
    data, port = Path(env["SOURCECHECK_DATA_DIR"]), free_port()
    with open(data / "serve.log", "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve", "--corpus", str(SEEDS), "--port", str(port)],
                                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    return PageServer(proc, f"http://127.0.0.1:{port}/", data)


@contextmanager
def serving(envs: list[dict[str, str]], seconds: float = 240) -> Iterator[list[PageServer]]:
    """Start one page server per environment, all at once (each ingests the seed articles as it opens)."""
    servers = [_start(env) for env in envs]
    try:
        for s in servers:
            port = int(s.url.rsplit(":", 1)[1].strip("/"))
            if not wait_for_port(port, s.proc, seconds):
                raise RuntimeError(f"the page at {s.url} did not come up in {seconds:.0f} s:\n{s.log()}")
        yield servers
    finally:
        for s in servers:
            if s.proc.poll() is None:
                s.proc.terminate()
        for s in servers:
            try:
                s.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                s.proc.kill()


def ask(client: Any, question: str) -> dict[str, str]:
    """Ask in a fresh conversation (a new session: the page keeps one conversation per session); the answer
    bubble, the sources panel and the "how sure" box."""
    client.reset_session()
    chat, _box, sources, sure, *_ = client.predict(question, [], api_name="/ask")
    return {"answer": message_text(chat[-1]["content"]), "sources": sources, "sure": sure}


def add(client: Any, title: str, text: str) -> str:
    """Paste an article on the "Add articles" tab; the result box."""
    return str(client.predict([], title, text, api_name="/add"))


def index_files(data: Path) -> list[Path]:
    """Index files on a machine's disk (there should be none: the index is on the servers)."""
    return [p for p in data.rglob("*") if p.suffix == ".sqlite" or p.name == "chroma"]
