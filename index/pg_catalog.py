"""The catalog on PostgreSQL (psycopg 3): one index shared by page servers and ingests on several machines.

Same tables as the SQLite catalog (`index.catalog`), in a PostgreSQL schema named after the
collection, with the same BM25 postings (`index.postings`: PostgreSQL's own `ts_rank` ranked
fewer right chunks, so the postings stay). Writers take one advisory lock per transaction, so two
ingests from two processes never lose or double an article, and a second one (`writer_lock`) from a
batch's vector upsert to its commit, so no process's `reconcile` takes them for orphans; readers see
an article once its transaction commits. A lost connection is one `StoreError` whose message tells the fix; the next
call reconnects, so answers resume when the server is back.

Example:
    >>> PgCatalog("postgresql://127.0.0.1:1/none", "news")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    index.errors.StoreError: cannot reach the PostgreSQL catalog at 127.0.0.1:1/none ...
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlparse

import numpy as np
import psycopg
from psycopg import sql

from index.errors import StoreError
from index.lru import Lru
from index.pg_reads import PgReads
from index.pg_schema import SCHEMA, PgPostings, where
from index.text import ANALYZER, terms
from index.types import Article, Chunk, Sentence


class PgCatalog(PgReads):
    """PostgreSQL catalog with its BM25 postings; one connection per instance, shared by threads (one lock)."""

    def __init__(self, url: str, schema: str = "articles", cache_articles: int = 512) -> None:
        if urlparse(url).scheme not in {"postgresql", "postgres"}:
            raise StoreError(f"SOURCECHECK_CATALOG_URL={url!r} is not postgresql://user@host:port/db. "
                             "Fix: give a PostgreSQL URL, or unset it for the SQLite catalog")
        self.url, self.schema = url, schema
        self._lock = threading.RLock()
        self._key = int.from_bytes(schema.encode()[:7].ljust(7, b"\0"), "big")  # this schema's advisory lock
        self._cache: Lru[list[Sentence]] = Lru(cache_articles)
        self._vcache: Lru[np.ndarray] = Lru(cache_articles)
        self._acache: Lru[Article] = Lru(cache_articles)
        # Chunk number -> id: a number is never reused and its row never changes, and a posting names only
        # chunks its snapshot holds, so a cached id is always the one that snapshot would give.
        self._ids: Lru[str] = Lru(200_000)
        self._db: psycopg.Connection[Any] | None = None
        self._ldb: psycopg.Connection[Any] | None = None  # the writer lock's own session (see writer_lock)
        self._llock = threading.Lock()
        with self._lock:
            self._connect()
            self._reanalyse()

    # ---- connection -------------------------------------------------------------------------
    def _connect(self) -> psycopg.Connection[Any]:
        try:
            db = psycopg.connect(self.url, autocommit=True, connect_timeout=5)
        except psycopg.Error as err:
            raise self._down(err) from err
        name = sql.Identifier(self.schema)
        db.execute("SET jit = off")  # short look-ups: compiling a plan once cost a question 250 ms
        with db.transaction():
            db.execute("SELECT pg_advisory_xact_lock(%s)", (self._key,))  # two first opens race otherwise
            db.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(name))
            db.execute(sql.SQL("SET search_path TO {}").format(name))
            db.execute(SCHEMA)
        self._db = db
        self._postings = PgPostings(db)
        return db

    def _down(self, err: Exception) -> StoreError:
        reason = " ".join(str(err).split())  # psycopg's message spans lines; the error is one line
        return StoreError(f"cannot reach the PostgreSQL catalog at {where(self.url)} ({reason}). "
                          "Fix: start PostgreSQL (`pg_ctlcluster 15 main start`) or correct SOURCECHECK_CATALOG_URL; "
                          "the next question reconnects")

    @contextmanager
    def _conn(self) -> Iterator[psycopg.Connection[Any]]:
        """The connection under the lock (reconnecting after a lost one); a server that is down is a StoreError."""
        with self._lock:
            db = self._db
            if db is None or db.closed or db.broken:
                db = self._connect()
            try:
                yield db
            except psycopg.OperationalError as err:
                raise self._down(err) from err

    def _rows(self, query: str, params: Sequence[Any] = ()) -> list[Any]:
        # Binary results: a bytea (postings, vectors) comes as its bytes, not twice as many hex digits.
        with self._conn() as db:
            return db.execute(query, params, binary=True).fetchall()

    @contextmanager
    def writer_lock(self) -> Iterator[None]:
        """A session advisory lock, on its own connection (readers on the main one never wait for it), held
        across a vector upsert and its catalog commit, or a reconcile: writers on every machine take turns,
        and a killed holder's lock ends with its session. Its key is not the transactions' key."""
        with self._llock:
            try:
                if self._ldb is None or self._ldb.closed or self._ldb.broken:
                    self._ldb = psycopg.connect(self.url, autocommit=True, connect_timeout=5)
                self._ldb.execute("SELECT pg_advisory_lock(%s)", (self._key | 1 << 62,))
            except psycopg.Error as err:
                raise self._down(err) from err
            try:
                yield
            finally:
                try:
                    self._ldb.execute("SELECT pg_advisory_unlock(%s)", (self._key | 1 << 62,))
                except psycopg.Error:
                    self._ldb.close()  # the server ends the session, and the lock with it

    # ---- metadata ---------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        """A stored metadata value."""
        rows = self._rows("SELECT value FROM meta WHERE key=%s", (key,))
        return rows[0][0] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        """Store a metadata value."""
        self._rows("INSERT INTO meta VALUES (%s, %s) ON CONFLICT(key) DO UPDATE SET value=excluded.value "
                   "RETURNING key", (key, value))

    # ---- writes -----------------------------------------------------------------------------
    @contextmanager
    def _write(self) -> Iterator[psycopg.Connection[Any]]:
        """One transaction holding the schema's writer lock: writers from every process take turns."""
        with self._conn() as db, db.transaction():
            db.execute("SELECT pg_advisory_xact_lock(%s)", (self._key,))
            yield db

    def add_articles(self, items: Sequence[tuple[Article, Sequence[Sentence], Sequence[Chunk]]],
                     replaced: Iterable[str] = (), vectors: dict[str, np.ndarray] | None = None) -> None:
        """Add articles with their sentences, sentence vectors and chunks; drop replaced ones; one transaction."""
        vectors = vectors or {}
        with self._write() as db:
            for old in replaced:
                self._delete_article(db, old)
            lexical: dict[int, list[str]] = {}
            for article, sentences, chunks in items:
                db.execute("INSERT INTO paths VALUES (%s, %s) ON CONFLICT(path) DO UPDATE "
                           "SET article_id=excluded.article_id", (article.path, article.id))
                if db.execute("SELECT 1 FROM articles WHERE id=%s", (article.id,)).fetchone():
                    continue
                self._insert(db, article, sentences, vectors.get(article.id))
                lexical.update(self._insert_chunks(db, article, sentences, chunks))
            self._index_terms(db, lexical)

    def _insert(self, db: psycopg.Connection[Any], article: Article, sentences: Sequence[Sentence],
                vec: np.ndarray | None) -> None:
        db.execute("INSERT INTO articles VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                   (article.id, article.title, article.outlet, article.author, article.date, article.url,
                    article.body_start, article.text, article.path))
        db.cursor().executemany("INSERT INTO sentences VALUES (%s,%s,%s,%s,%s)",
                                [(article.id, i, s.start, s.end, json.dumps(s.to_dict()))
                                 for i, s in enumerate(sentences)])
        if vec is not None:
            v = vec.astype(np.float16)
            db.execute("INSERT INTO svec VALUES (%s,%s,%s)", (article.id, v.shape[1], v.tobytes()))

    def _insert_chunks(self, db: psycopg.Connection[Any], article: Article, sentences: Sequence[Sentence],
                       chunks: Sequence[Chunk]) -> dict[int, list[str]]:
        index = {s.start: i for i, s in enumerate(sentences)}
        rows = []
        for c in chunks:
            first = index[c.sentences[0].start]
            rows.append((c.id, article.id, c.start, c.end, first, first + len(c.sentences) - 1))
        if not rows:
            return {}
        cur = db.cursor()
        cur.executemany("INSERT INTO chunks(id, article_id, start, stop, first_sentence, last_sentence) "
                        "VALUES (%s,%s,%s,%s,%s,%s) RETURNING n", rows, returning=True)
        numbers = []
        while True:
            numbers.append(int(cur.fetchone()[0]))
            if not cur.nextset():
                break
        return {n: terms(c.text) for n, c in zip(numbers, chunks, strict=True)}

    def _index_terms(self, db: psycopg.Connection[Any], lexical: dict[int, list[str]]) -> None:
        counts = self._postings.add(lexical)
        if counts:
            db.cursor().executemany(
                "INSERT INTO vocab VALUES (%s, %s) ON CONFLICT(term) DO UPDATE SET df = vocab.df + excluded.df",
                sorted(counts.items()))

    def remove_articles(self, article_ids: Iterable[str]) -> list[str]:
        """Delete articles in one transaction; returns their chunk ids, whose Chroma vectors go after the commit."""
        with self._write() as db:
            return [c for article_id in dict.fromkeys(article_ids) for c in self._delete_article(db, article_id)]

    def replace_annotations(self, annotated: Mapping[str, Sequence[Sentence]]) -> None:
        """Store new annotations of articles' existing sentences (same spans, same order), one transaction."""
        with self._write() as db:
            for article_id, sentences in annotated.items():
                db.cursor().executemany("UPDATE sentences SET data=%s WHERE article_id=%s AND idx=%s",
                                        [(json.dumps(s.to_dict()), article_id, i) for i, s in enumerate(sentences)])
                self._cache.pop(article_id, None)

    def _delete_article(self, db: psycopg.Connection[Any], article_id: str) -> list[str]:
        rows = db.execute("SELECT n, id, start, stop FROM chunks WHERE article_id=%s", (article_id,)).fetchall()
        text = db.execute("SELECT text FROM articles WHERE id=%s", (article_id,)).fetchone()
        lexical = {n: terms(text[0][start:end]) for n, _, start, end in rows} if text else {}
        gone = sorted({t for ts in lexical.values() for t in set(ts)})
        if gone:
            db.cursor().executemany("UPDATE vocab SET df = df - 1 WHERE term=%s",
                                    [(t,) for ts in lexical.values() for t in set(ts)])
            db.execute("DELETE FROM vocab WHERE df <= 0")
        self._postings.remove(lexical)
        for table, column in (("chunks", "article_id"), ("sentences", "article_id"), ("svec", "article_id"),
                              ("articles", "id"), ("paths", "article_id")):
            db.execute(sql.SQL("DELETE FROM {} WHERE {}=%s").format(sql.Identifier(table), sql.Identifier(column)),
                       (article_id,))
        for cache in (self._cache, self._vcache, self._acache):
            cache.pop(article_id, None)
        return [row[1] for row in rows]

    def optimize_bm25(self) -> None:
        """Merge the BM25 index's segments into one (after a large ingest); results do not change."""
        with self._write():
            self._postings.merge()

    def _reanalyse(self) -> None:
        """Re-derive postings and vocabulary when another analyzer wrote them (see `Catalog._reanalyse`)."""
        if self.get_meta("analyzer") == ANALYZER:
            return
        with self._write() as db:
            if db.execute("SELECT value FROM meta WHERE key='analyzer'").fetchone() == (ANALYZER,):
                return
            self._postings.clear()
            db.execute("DELETE FROM vocab")
            rows = db.execute("SELECT c.n, a.text, c.start, c.stop FROM chunks c JOIN articles a "
                              "ON a.id = c.article_id ORDER BY c.n").fetchall()
            for i in range(0, len(rows), 5000):
                self._index_terms(db, {int(n): terms(t[s:e]) for n, t, s, e in rows[i:i + 5000]})
            self._postings.merge()
            db.execute("INSERT INTO meta VALUES ('analyzer', %s) ON CONFLICT(key) DO UPDATE "
                       "SET value=excluded.value", (ANALYZER,))

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            for db in (self._db, self._ldb):
                if db is not None:
                    db.close()
