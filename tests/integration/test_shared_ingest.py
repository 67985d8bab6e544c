"""Ingests from several processes on one PostgreSQL catalog and one `chroma run` (issue 18, Build 2).

Each worker is a real process (`tests/shared_worker.py`) with its own data directory: two ingests of
different folders at once never lose or double an article, a reader sees an article only once its
transaction commits, and `reconcile()` clears the vectors of a killed ingest (and only those: never
the vectors of an ingest that is still writing in another process).
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from bot import Bot
from index.ingest import ingest
from index.store import Store
from index.text import terms
from tests.conftest import ROOT
from tests.servers import chroma_server, pg  # noqa: F401  (fixtures)
from tests.shared_worker import open_store

Shared = tuple[str, str, str]  # (catalog URL, collection/schema, Chroma URL)


def write_articles(folder: Path, prefix: str, n: int) -> list[str]:
    """n small articles, each with one marker word of its own; returns the markers."""
    folder.mkdir(parents=True, exist_ok=True)
    markers = [f"marker{prefix}{i}" for i in range(n)]
    for i, marker in enumerate(markers):
        (folder / f"{prefix}{i}.txt").write_text(
            f"title: Report {prefix} {i}\n\nReport {prefix} {i} came in. Officials said {marker} was seen in "
            f"town on day {i}. Witnesses said nothing more about it.\n", encoding="utf-8")
    return markers


def worker(mode: str, data: Path, shared: Shared, *folders: Path) -> subprocess.Popen[str]:
    url, schema, chroma = shared
    args = [mode, str(data), url, chroma, schema, *map(str, folders)]
    return subprocess.Popen([sys.executable, "-m", "tests.shared_worker", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def opened(data: Path, shared: Shared) -> Store:
    url, schema, chroma = shared
    return open_store(data, url, chroma, schema)


def consistent(store: Store) -> set[str]:
    """Assert Chroma holds exactly the catalog's chunks, the postings count them all; return the ids."""
    known = store.catalog.chunk_ids()
    in_chroma = set(store.collection.get(include=[])["ids"])
    assert in_chroma == known, f"{len(known - in_chroma)} chunks without vectors, {len(in_chroma - known)} orphans"
    assert store.catalog.count_chunks() == len(known)
    return known


def each_once(store: Store, markers: list[str]) -> None:
    """Every marker's article is indexed once: one BM25 hit, whose chunk has its vector in Chroma."""
    for marker in markers:
        hits = store.catalog.bm25(terms(marker), 5)
        assert len(hits) == 1, f"{marker}: indexed {len(hits)} times"
        held = store.collection.get(ids=[hits[0][0]], include=["documents"])["documents"]
        assert held and marker in held[0].lower(), f"{marker}: no vector"


def paused_writer_survives_reconcile(shared: Shared, writer_dir: Path, reader_dir: Path, corpus: Path) -> None:
    """A writer process paused between its vector upsert and its commit; another process reconciles."""
    markers = write_articles(corpus, "p", 3)
    writer_dir.mkdir(exist_ok=True)
    proc = worker("pause", writer_dir, shared, corpus)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "upserted", proc.stderr.read()
    reader = opened(reader_dir, shared)
    assert reader.collection.count() > 0 and reader.catalog.count_articles() == 0, "not committed: not seen"
    assert not reader.catalog.bm25(terms(markers[0]), 3)
    assert not Bot(reader).retrieve(f"Was {markers[0]} seen in town?").evidence, "its vectors alone answer nothing"
    removed: list[int] = []
    sweep = threading.Thread(target=lambda: removed.append(reader.reconcile()))
    sweep.start()
    time.sleep(1.0)
    (writer_dir / "go").touch()
    sweep.join(60)
    assert proc.wait(60) == 0, proc.stderr.read() if proc.stderr else ""
    assert removed == [0], f"reconcile deleted {removed} vectors of an ingest that was still writing"
    assert reader.catalog.count_articles() == 3
    consistent(reader)
    each_once(reader, markers)


def test_reconcile_leaves_the_vectors_of_an_ingest_still_writing_elsewhere(pg, chroma_server, tmp_path):  # noqa: F811
    paused_writer_survives_reconcile((*pg, chroma_server), tmp_path / "m1", tmp_path / "m2", tmp_path / "corpus")


def test_the_sqlite_catalog_shared_on_one_machine_waits_too(chroma_server, tmp_path):  # noqa: F811
    """Several page servers on one machine share the SQLite file beside a Chroma server (README): same race."""
    data = tmp_path / "one-machine"
    paused_writer_survives_reconcile(("", "articles", chroma_server), data, data, tmp_path / "corpus")


def test_reconcile_clears_the_orphan_vectors_of_a_killed_ingest(pg, chroma_server, tmp_path):  # noqa: F811
    shared = (*pg, chroma_server)
    write_articles(tmp_path / "killed", "k", 3)
    proc = worker("kill", tmp_path / "m1", shared, tmp_path / "killed")
    assert proc.wait(60) == -9, proc.stderr.read() if proc.stderr else ""
    store = opened(tmp_path / "m2", shared)
    orphans = store.collection.count()
    assert orphans > 0 and store.catalog.count_articles() == 0
    markers = write_articles(tmp_path / "next", "n", 2)
    report = ingest(tmp_path / "next", store)  # starts with reconcile(); the killed process's lock is gone
    assert report.orphans_removed == orphans and report.added == 2
    consistent(store)
    each_once(store, markers)


def test_two_ingest_processes_at_once_lose_and_double_nothing(pg, chroma_server, tmp_path):  # noqa: F811
    shared = (*pg, chroma_server)
    folders: dict[str, list[Path]] = {"a": [], "b": []}
    markers: list[str] = []
    for prefix in folders:
        for part in range(4):
            folder = tmp_path / prefix / str(part)
            markers += write_articles(folder, f"{prefix}{part}x", 6)
            folders[prefix].append(folder)
    procs = [worker("ingest", tmp_path / f"m-{p}", shared, *fs) for p, fs in folders.items()]
    for proc in procs:
        assert proc.wait(120) == 0, proc.stderr.read() if proc.stderr else ""
    store = opened(tmp_path / "reader", shared)
    assert store.catalog.count_articles() == len(markers) == 48
    assert all(len(store.catalog.paths_of(a.id)) == 1 for a in store.catalog.articles())
    consistent(store)
    each_once(store, markers)
