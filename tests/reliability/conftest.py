"""Helpers for reliability tests: run the real CLI, make corpora, read the index back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SEEDS

SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir())]


def cli(args: list[str], data_dir: Path, **kw) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCECHECK_DATA_DIR=str(data_dir))
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, **kw)


def make_corpus(folder: Path, n: int, start: int = 0) -> list[Path]:
    """n distinct small articles built from the seed sentences (each with its own number and title)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [ln for t in SEED_TEXTS for ln in t.splitlines() if len(ln.split()) > 8]
    paths = []
    for i in range(start, start + n):
        body = " ".join(lines[(i + k) % len(lines)] for k in range(3))
        p = folder / f"article-{i:04d}.txt"
        p.write_text(f"title: Dispatch {i}\n\nDispatch number {i} from the desk. {body}\n", encoding="utf-8")
        paths.append(p)
    return paths


def index_state(data_dir: Path) -> tuple[set[str], set[str], int]:
    """(catalog chunk ids, Chroma ids, chunks in the BM25 index) of the index under data_dir."""
    import sqlite3

    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from index.postings import Postings

    idx = data_dir / "index"
    db = sqlite3.connect(idx / "catalog-articles.sqlite")
    catalog = {r[0] for r in db.execute("SELECT id FROM chunks")}
    fts = len(Postings(db).chunk_numbers())
    db.close()
    client = chromadb.PersistentClient(path=str(idx / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))
    chroma = set(client.get_collection("articles").get(include=[])["ids"])
    return catalog, chroma, fts
