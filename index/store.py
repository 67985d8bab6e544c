"""The index on disk: a Chroma collection (embedded or `chroma run` server) plus the SQLite catalog.

The collection and the catalog record the settings that shape the index (model, chunking) and
refuse to be read with others.

Example:
    >>> from index.embed import HashingEmbeddings
    >>> import tempfile
    >>> st = Store.open(Settings(persist_dir=tempfile.mkdtemp(), embedding_model="hashing-8"), HashingEmbeddings(8))
    >>> st.count()
    0
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlparse

import numpy as np

from index.catalog_base import BaseCatalog, open_catalog
from index.epistemic import ANNOTATOR
from index.errors import IndexMismatchError, StoreError
from index.lru import Lru
from index.settings import Settings


class Encoder(Protocol):
    """What the store needs of an embedder."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def _client(settings: Settings) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if not url.hostname or url.scheme not in {"http", "https"}:
            raise StoreError(f"SOURCECHECK_CHROMA_URL={settings.chroma_url!r} is not http://host:port. "
                             "Fix: give the address `chroma run` prints, e.g. http://127.0.0.1:8000")
        try:
            return chromadb.HttpClient(host=url.hostname, port=url.port or 8000, ssl=url.scheme == "https",
                                       settings=chroma_settings)
        except Exception as err:  # chromadb raises plain exceptions when the server is down
            raise StoreError(f"cannot reach the Chroma server at {settings.chroma_url} ({err}). "
                             "Fix: start it with `chroma run --path DIR --port N` or unset SOURCECHECK_CHROMA_URL") from err
    path = settings.index_dir() / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


class Store:
    """Chroma collection + catalog with one shape; open it with `Store.open`."""

    def __init__(self, settings: Settings, collection: Any, catalog: BaseCatalog, embedder: Encoder,
                 client: Any = None) -> None:
        self.settings = settings
        self.client = client
        self.collection = collection
        self.catalog = catalog
        self.embedder = embedder
        self.write_lock = threading.Lock()
        # Vectors of recently ingested short sentences: news copy repeats datelines, bylines and
        # boilerplate (4% of the RealTimeQA encoder work), so ingest encodes each of them once.
        self.sentence_cache: Lru[np.ndarray] = Lru(20_000)

    @classmethod
    def open(cls, settings: Settings, embedder: Encoder) -> Store:
        """Open (or create) the index for `settings`; raise `IndexMismatchError` on another shape."""
        shape = dict(settings.shape())
        shape["embedding_model"] = embedder.name
        index_dir = settings.index_dir()
        catalog_path = index_dir / (f"catalog-{settings.collection}.sqlite")
        catalog = open_catalog(settings.catalog_url, catalog_path, settings.collection)
        stored = catalog.get_meta("shape")
        if stored is not None and json.loads(stored) != shape:
            catalog.close()
            raise IndexMismatchError(_mismatch(index_dir, json.loads(stored), shape))
        client = _client(settings)
        try:
            collection = client.get_or_create_collection(
                settings.collection, metadata={"shape": json.dumps(shape, sort_keys=True)},
                configuration={"hnsw": {"space": "cosine"}}, embedding_function=None,
            )
        except Exception as err:
            raise StoreError(f"cannot open Chroma collection {settings.collection!r} ({err}). "
                             "Fix: check SOURCECHECK_COLLECTION (3-512 letters, digits, . _ -)") from err
        held = (collection.metadata or {}).get("shape")
        if held and json.loads(held) != shape:
            raise IndexMismatchError(_mismatch(index_dir, json.loads(held), shape))
        if stored is None:
            catalog.set_meta("shape", json.dumps(shape, sort_keys=True))
        if catalog.get_meta("annotator") is None and catalog.count_articles() == 0:
            catalog.set_meta("annotator", ANNOTATOR)  # a new index: its statuses will come from these rules
        return cls(settings, collection, catalog, embedder, client)

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Writers take turns: this process's threads (`write_lock`) and, on a shared catalog, every
        process's (`catalog.writer_lock`). Held from a batch's vector upsert to its catalog commit and
        around `reconcile`, so a reconcile never deletes vectors another process is about to commit."""
        with self.write_lock, self.catalog.writer_lock():
            yield

    def warm_up(self) -> threading.Thread:
        """Load the vector index in the background (Chroma reads it lazily, at the first query).

        On the 122,000-chunk RealTimeQA index that first query takes ~0.7 s; the page server starts
        this as it opens, so it is over before the first question arrives (one asked sooner waits for
        the rest). Not a daemon thread: the interpreter waits for it at exit instead of tearing it
        down inside Chroma's native code (which aborts the process).
        """
        def run() -> None:
            # Only a warm-up: a failure here is reported by the first real query instead.
            with contextlib.suppress(Exception):
                if self.count():
                    vector = self.embedder.encode(["warm-up"])[0]
                    self.collection.query(query_embeddings=[vector], n_results=1, include=[])

        thread = threading.Thread(target=run, name="sourcecheck-warm-up")
        thread.start()
        return thread

    def count(self) -> int:
        """Committed chunks."""
        return self.catalog.count_chunks()

    def upsert(self, ids: Sequence[str], texts: Sequence[str], vectors: np.ndarray,
               metadatas: Sequence[dict[str, Any]]) -> None:
        """Write chunk vectors to Chroma (idempotent: ids are content hashes)."""
        step = 2000
        for i in range(0, len(ids), step):
            self.collection.upsert(ids=list(ids[i:i + step]), embeddings=vectors[i:i + step],
                                   documents=list(texts[i:i + step]), metadatas=list(metadatas[i:i + step]))

    def update_metadata(self, metadatas: dict[str, dict[str, Any]]) -> None:
        """Change some metadata keys of existing chunks (the others and the vectors stay)."""
        ids = list(metadatas)
        step = 2000
        for i in range(0, len(ids), step):
            part = ids[i:i + step]
            self.collection.update(ids=part, metadatas=[metadatas[c] for c in part])

    def delete(self, ids: Sequence[str]) -> None:
        """Remove chunk vectors."""
        step = 2000
        for i in range(0, len(ids), step):
            self.collection.delete(ids=list(ids[i:i + step]))

    def remove_articles(self, article_ids: Sequence[str]) -> int:
        """Remove articles, crash-safe in ingest's order: the catalog commits first (from then on nothing
        of them is answered from), then their vectors go; a kill between the two leaves orphan vectors
        that the next ingest's `reconcile` deletes. Returns the number of chunks removed."""
        with self.writing():
            chunk_ids = self.catalog.remove_articles(article_ids)
            self.delete(chunk_ids)
        return len(chunk_ids)

    def dense(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """Top-k chunk ids by cosine similarity, best first, as `(id, similarity)`."""
        # No count first: Chroma 1.x returns what it has when asked for more (or nothing when empty), and
        # a count would wait for the catalog lock that the BM25 look-up holds in parallel.
        res = self.collection.query(query_embeddings=[vector], n_results=k, include=["distances"])
        return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0], strict=True)]

    def reconcile(self) -> int:
        """Delete Chroma vectors whose article never committed to the catalog (after a crash); under the
        writers' lock, so the vectors of an ingest still writing (in any process) are not taken for orphans."""
        with self.writing():
            known = self.catalog.chunk_ids()
            orphans: list[str] = []
            offset, step = 0, 5000
            while True:
                ids = self.collection.get(include=[], limit=step, offset=offset)["ids"]
                orphans.extend(i for i in ids if i not in known)
                if len(ids) < step:
                    break
                offset += step
            if orphans:
                self.delete(orphans)
        return len(orphans)


def _mismatch(index_dir: Path, stored: dict[str, Any], wanted: dict[str, Any]) -> str:
    diff = ", ".join(f"{k}={stored.get(k)!r} (you asked for {wanted.get(k)!r})"
                     for k in sorted(set(stored) | set(wanted)) if stored.get(k) != wanted.get(k))
    return (f"the index at {index_dir} was built with {diff}. Fix: use the same settings "
            f"(SOURCECHECK_EMBEDDING_MODEL, SOURCECHECK_CHUNK_MAX_CHARS, SOURCECHECK_CHUNK_MAX_SENTENCES), "
            f"or point SOURCECHECK_PERSIST_DIR at a new directory (or delete {index_dir}) and ingest again")
