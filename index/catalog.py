"""The catalog: articles, sentences, chunks and a persistent BM25 index (`index.postings`) beside Chroma.

It is the source of truth for what is indexed: a chunk counts only once its article's catalog
transaction commits, so a killed ingest leaves nothing half-written here.

Example:
    >>> cat = Catalog(":memory:")
    >>> cat.count_chunks()
    0
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from index.catalog_base import BaseCatalog
from index.lru import Lru
from index.postings import Postings
from index.schema import ddl
from index.text import ANALYZER, terms
from index.types import Article, Chunk, Sentence


_SCHEMA = "PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\n" + ddl("sqlite", postings=False)


class Catalog(BaseCatalog):
    """SQLite catalog with its BM25 postings; safe to share between threads (one lock) and processes (WAL)."""

    def __init__(self, path: str | Path, cache_articles: int = 512) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=60, isolation_level=None)
        self._lock = threading.RLock()
        self._writes = 0  # own commits; `PRAGMA data_version` covers other connections'
        self._counted: tuple[int, int, int] | None = None  # (data_version, writes, chunks)
        with self._lock:
            self._db.executescript(_SCHEMA)
            self._postings = Postings(self._db)
            self._migrate_fts()
            self._reanalyse()
        # Bounded LRU caches: a question touches a few dozen articles, so 512 keeps a hot set in memory
        # without holding the whole corpus (the full RealTimeQA index would need ~1 GB for these alone).
        self._cache: Lru[list[Sentence]] = Lru(cache_articles)
        self._vcache: Lru[np.ndarray] = Lru(cache_articles)
        self._acache: Lru[Article] = Lru(cache_articles)

    # ---- metadata -------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        """A stored metadata value."""
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Store a metadata value."""
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # ---- writes ---------------------------------------------------------------------------
    @contextmanager
    def writer_lock(self) -> Iterator[None]:
        """An exclusive `flock` on `<catalog>.lock`: processes sharing this file (and a Chroma server) take
        turns across a vector upsert and its catalog commit; a killed holder's lock goes with it."""
        if self.path == ":memory:":
            yield
            return
        import fcntl

        with open(self.path + ".lock", "a+b") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction under the lock: committed on success, rolled back on any error."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            finally:
                self._writes += 1

    def add_articles(self, items: Sequence[tuple[Article, Sequence[Sentence], Sequence[Chunk]]],
                     replaced: Iterable[str] = (), vectors: dict[str, np.ndarray] | None = None) -> None:
        """Add articles with their sentences, sentence vectors and chunks; drop replaced ones; one transaction."""
        vectors = vectors or {}
        with self._write() as db:
            for old in replaced:
                self._delete_article(old)
            lexical: dict[int, list[str]] = {}
            for article, sentences, chunks in items:
                if db.execute("SELECT 1 FROM articles WHERE id=?", (article.id,)).fetchone():
                    db.execute("INSERT OR REPLACE INTO paths(path, article_id) VALUES (?, ?)",
                               (article.path, article.id))
                    continue
                db.execute(
                    "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?)",
                    (article.id, article.title, article.outlet, article.author, article.date, article.url,
                     article.body_start, article.text, article.path),
                )
                db.execute("INSERT OR REPLACE INTO paths(path, article_id) VALUES (?, ?)", (article.path, article.id))
                index = {s.start: i for i, s in enumerate(sentences)}
                db.executemany(
                    "INSERT INTO sentences VALUES (?,?,?,?,?)",
                    [(article.id, i, s.start, s.end, json.dumps(s.to_dict())) for i, s in enumerate(sentences)],
                )
                if article.id in vectors:
                    vec = vectors[article.id].astype(np.float16)
                    db.execute("INSERT OR REPLACE INTO svec VALUES (?,?,?)", (article.id, vec.shape[1], vec.tobytes()))
                for c in chunks:
                    first = index[c.sentences[0].start]
                    cur = db.execute(
                        "INSERT INTO chunks(id, article_id, start, end, first_sentence, last_sentence) "
                        "VALUES (?,?,?,?,?,?)", (c.id, article.id, c.start, c.end, first, first + len(c.sentences) - 1))
                    lexical[int(cur.lastrowid or 0)] = terms(c.text)
            self._index_terms(lexical)

    def remove_articles(self, article_ids: Iterable[str]) -> list[str]:
        """Delete articles (sentences, vectors, chunks, BM25 postings, paths) in one transaction; returns
        their chunk ids, whose Chroma vectors the caller deletes after the commit (as ingest does)."""
        with self._write():
            return [chunk for article_id in dict.fromkeys(article_ids) for chunk in self._delete_article(article_id)]

    def replace_annotations(self, annotated: Mapping[str, Sequence[Sentence]]) -> None:
        """Store new annotations of articles' existing sentences (same spans, same order), one transaction."""
        with self._write() as db:
            for article_id, sentences in annotated.items():
                db.executemany("UPDATE sentences SET data=? WHERE article_id=? AND idx=?",
                               [(json.dumps(s.to_dict()), article_id, i) for i, s in enumerate(sentences)])
                self._cache.pop(article_id, None)

    def _index_terms(self, lexical: dict[int, list[str]]) -> None:
        """Add chunks' terms to the vocabulary counts and the BM25 postings (inside a transaction)."""
        counts = self._postings.add(lexical)
        self._db.executemany(
            "INSERT INTO vocab(term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
            sorted(counts.items()))

    def _delete_article(self, article_id: str) -> list[str]:
        db = self._db
        rows = db.execute("SELECT n, id, start, end FROM chunks WHERE article_id=?", (article_id,)).fetchall()
        text = db.execute("SELECT text FROM articles WHERE id=?", (article_id,)).fetchone()
        lexical = {n: terms(text[0][start:end]) for n, _, start, end in rows} if text else {}
        db.executemany("UPDATE vocab SET df = df - 1 WHERE term=?",
                       [(t,) for ts in lexical.values() for t in set(ts)])
        db.execute("DELETE FROM vocab WHERE df <= 0")
        self._postings.remove(lexical)
        db.execute("DELETE FROM chunks WHERE article_id=?", (article_id,))
        db.execute("DELETE FROM sentences WHERE article_id=?", (article_id,))
        db.execute("DELETE FROM svec WHERE article_id=?", (article_id,))
        self._vcache.pop(article_id, None)
        self._acache.pop(article_id, None)
        db.execute("DELETE FROM articles WHERE id=?", (article_id,))
        db.execute("DELETE FROM paths WHERE article_id=?", (article_id,))
        self._cache.pop(article_id, None)
        return [row[1] for row in rows]

    # ---- reads ----------------------------------------------------------------------------
    def article_for_path(self, path: str) -> str | None:
        """The article id a source path holds now."""
        with self._lock:
            row = self._db.execute("SELECT article_id FROM paths WHERE path=?", (path,)).fetchone()
        return row[0] if row else None

    def has_article(self, article_id: str) -> bool:
        """Whether an article (by content hash) is indexed."""
        with self._lock:
            return self._db.execute("SELECT 1 FROM articles WHERE id=?", (article_id,)).fetchone() is not None

    def paths_of(self, article_id: str) -> list[str]:
        """Source paths that hold an article."""
        with self._lock:
            return [r[0] for r in self._db.execute("SELECT path FROM paths WHERE article_id=?", (article_id,))]

    def article(self, article_id: str) -> Article | None:
        """One article, text included (cached: an id is a content hash, so an article never changes)."""
        cached = self._acache.get(article_id)
        if cached is not None:
            return cached
        with self._lock:
            row = self._db.execute(
                "SELECT id, first_path, text, title, outlet, author, date, url, body_start FROM articles WHERE id=?",
                (article_id,),
            ).fetchone()
        if not row:
            return None
        return self._acache.put(article_id, Article(*row))

    def articles(self) -> list[Article]:
        """All articles (without re-reading files)."""
        with self._lock:
            ids = [r[0] for r in self._db.execute("SELECT id FROM articles ORDER BY first_path")]
        return [a for a in (self.article(i) for i in ids) if a]

    def sentences(self, article_id: str) -> list[Sentence]:
        """An article's annotated sentences, in order (cached)."""
        cached = self._cache.get(article_id)
        if cached is not None:
            return cached
        with self._lock:
            rows = self._db.execute(
                "SELECT data FROM sentences WHERE article_id=? ORDER BY idx", (article_id,)).fetchall()
        # One JSON document per article rather than one per sentence: half the decoding time.
        out = [Sentence.from_dict(d) for d in json.loads("[" + ",".join(r[0] for r in rows) + "]")]
        return self._cache.put(article_id, out)

    def sentences_between(self, article_id: str, first: int, last: int) -> dict[int, Sentence]:
        """Sentences `first..last` of an article by index (only those rows are decoded on a cache miss).

        A question touches a few sentences of each of a few dozen articles; decoding whole articles
        for them was the cost that grew with the corpus (fewer cache hits).
        """
        cached = self._cache.get(article_id)
        if cached is not None:
            return {i: cached[i] for i in range(max(0, first), min(last, len(cached) - 1) + 1)}
        with self._lock:
            rows = self._db.execute(
                "SELECT idx, data FROM sentences WHERE article_id=? AND idx BETWEEN ? AND ?",
                (article_id, first, last)).fetchall()
        decoded = json.loads("[" + ",".join(d for _, d in rows) + "]")
        return {int(i): Sentence.from_dict(d) for (i, _), d in zip(rows, decoded, strict=True)}

    def sentence_vectors(self, article_id: str) -> np.ndarray | None:
        """Unit vectors of an article's sentences (float16 as stored, one row a sentence), cached.

        Kept in float16 (no conversion, half the memory): numpy promotes a row to float32 in `row @ v`.
        """
        cached = self._vcache.get(article_id)
        if cached is not None:
            return cached
        with self._lock:
            row = self._db.execute("SELECT dim, vecs FROM svec WHERE article_id=?", (article_id,)).fetchone()
        if not row:
            return None
        vec = np.frombuffer(row[1], dtype=np.float16).reshape(-1, row[0])
        return self._vcache.put(article_id, vec)

    def chunk_rows(self, chunk_ids: Sequence[str]) -> dict[str, tuple[str, int, int]]:
        """`chunk id -> (article id, first sentence, last sentence)` for the ids that exist."""
        if not chunk_ids:
            return {}
        marks = ",".join("?" * len(chunk_ids))
        with self._lock:
            rows = self._db.execute(
                f"SELECT id, article_id, first_sentence, last_sentence FROM chunks WHERE id IN ({marks})",
                list(chunk_ids)).fetchall()
        return {r[0]: (r[1], r[2], r[3]) for r in rows}

    def chunk_texts(self, chunk_ids: Sequence[str]) -> dict[str, tuple[Article, int, int, str]]:
        """`chunk id -> (article, start, end, text)` for the ids that exist; text = article.text[start:end]."""
        if not chunk_ids:
            return {}
        marks = ",".join("?" * len(chunk_ids))
        with self._lock:
            rows = self._db.execute(f"SELECT id, article_id, start, end FROM chunks WHERE id IN ({marks})",
                                    list(chunk_ids)).fetchall()
        return self._texts_of(rows)

    def chunk_ids_of(self, article_id: str) -> list[str]:
        """Chunk ids of one article."""
        with self._lock:
            return [r[0] for r in self._db.execute("SELECT id FROM chunks WHERE article_id=?", (article_id,))]

    def chunk_ids(self) -> set[str]:
        """Every committed chunk id."""
        with self._lock:
            return {r[0] for r in self._db.execute("SELECT id FROM chunks")}

    def count_chunks(self) -> int:
        """Number of committed chunks (recounted only after a commit, here or in another process)."""
        with self._lock:
            version = int(self._db.execute("PRAGMA data_version").fetchone()[0])
            if self._counted and self._counted[:2] == (version, self._writes):
                return self._counted[2]
            n = int(self._db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0])
            self._counted = (version, self._writes, n)
            return n

    def count_sentences(self) -> int:
        """Indexed sentences."""
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM sentences").fetchone()[0])

    def count_articles(self) -> int:
        """Number of articles."""
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def document_frequency(self, query_terms: Sequence[str]) -> dict[str, int]:
        """Chunk counts of the given terms (absent terms are left out)."""
        uniq = sorted(set(query_terms))
        if not uniq:
            return {}
        marks = ",".join("?" * len(uniq))
        with self._lock:
            rows = self._db.execute(f"SELECT term, df FROM vocab WHERE term IN ({marks})", uniq).fetchall()
        return {t: int(n) for t, n in rows}

    def bm25(self, query_terms: Sequence[str], k: int) -> list[tuple[str, float]]:
        """Top-k chunk ids by BM25 (every query term, however common), best first, as `(id, score)`."""
        uniq = [t for t in dict.fromkeys(query_terms) if t.isalnum()]
        if not uniq:
            return []
        with self._lock:
            # One read transaction: another process's merge or write cannot land between the look-ups.
            self._db.execute("BEGIN")
            try:
                hits = self._postings.search(uniq, k)
                marks = ",".join("?" * len(hits))
                ids = dict(self._db.execute(f"SELECT n, id FROM chunks WHERE n IN ({marks})",
                                            [n for n, _ in hits])) if hits else {}
            finally:
                self._db.execute("COMMIT")
        return [(ids[n], score) for n, score in hits if n in ids]

    def optimize_bm25(self) -> None:
        """Merge the BM25 index's segments into one (after a large ingest); results do not change."""
        with self._write():
            self._postings.merge()

    def _migrate_fts(self) -> None:
        """Drop the FTS5 table an index written before the postings holds, and forget its analyzer:
        `_reanalyse` then builds the postings and vocabulary from the stored chunks (once, on open)."""
        db = self._db
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name='chunk_fts'").fetchone():
            return
        with self._write():
            db.execute("DROP TABLE IF EXISTS chunk_fts")
            db.execute("DELETE FROM meta WHERE key='analyzer'")

    def _reanalyse(self) -> None:
        """Re-derive BM25 postings and vocabulary when the index was written by another analyzer
        (a stemmer fix, say): stored terms and question terms must come from the same one."""
        db = self._db
        if db.execute("SELECT value FROM meta WHERE key='analyzer'").fetchone() == (ANALYZER,):
            return
        with self._write():
            if db.execute("SELECT value FROM meta WHERE key='analyzer'").fetchone() == (ANALYZER,):
                return  # another process re-analysed while this one waited for the lock
            self._postings.clear()
            db.execute("DELETE FROM vocab")
            batch: dict[int, list[str]] = {}
            for article_id, text in db.execute("SELECT id, text FROM articles ORDER BY id").fetchall():
                for n, start, end in db.execute("SELECT n, start, end FROM chunks WHERE article_id=?", (article_id,)):
                    batch[int(n)] = terms(text[start:end])
                if len(batch) >= 5000:
                    self._index_terms(batch)
                    batch = {}
            self._index_terms(batch)
            self._postings.merge()
            db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('analyzer', ?)", (ANALYZER,))

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()
