"""A separate ingest process on a shared index (PostgreSQL catalog + `chroma run`), for the concurrency tests.

    python -m tests.shared_worker MODE DATA_DIR CATALOG_URL CHROMA_URL COLLECTION FOLDER...

MODE `ingest` ingests each folder in turn (each run reconciles first, as `sourcecheck ingest` does);
`pause` prints "upserted" once a batch's vectors are in Chroma and waits for DATA_DIR/go before the
catalog commit; `kill` SIGKILLs itself at that moment (a killed ingest that leaves orphan vectors).
Hashing embeddings: the tests are about who writes what when, not about the model.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from index.embed import HashingEmbeddings
from index.ingest import ingest
from index.settings import Settings
from index.store import Store

EMBEDDER = HashingEmbeddings(64)


def open_store(data_dir: Path, catalog_url: str, chroma_url: str, collection: str) -> Store:
    """The shared store as one machine opens it (its own, otherwise empty, data directory)."""
    settings = Settings(data_dir=data_dir, catalog_url=catalog_url, chroma_url=chroma_url, collection=collection)
    return Store.open(settings, EMBEDDER)


def _before_commit(store: Store, hook: Callable[[], None]) -> None:
    """Run `hook` after a batch's vectors are upserted, just before its catalog transaction."""
    commit = store.catalog.add_articles

    def add_articles(*args: Any, **kw: Any) -> None:
        hook()
        commit(*args, **kw)

    store.catalog.add_articles = add_articles  # type: ignore[method-assign]


def _wait_for(go: Path) -> None:
    print("upserted", flush=True)
    deadline = time.time() + 60
    while not go.exists() and time.time() < deadline:
        time.sleep(0.05)


def main(argv: list[str]) -> int:
    mode, data, url, chroma, collection, *folders = argv
    store = open_store(Path(data), url, chroma, collection)
    if mode == "pause":
        _before_commit(store, lambda: _wait_for(Path(data) / "go"))
    elif mode == "kill":
        _before_commit(store, lambda: os.kill(os.getpid(), signal.SIGKILL))
    for folder in folders:
        ingest(folder, store)
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
