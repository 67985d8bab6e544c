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
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlparse

import numpy as np
import psycopg
from psycopg import sql

from index.catalog_base import MIN_DF, VARIANT_MAX_SHARE, BaseCatalog, Lexical
from index.errors import StoreError
from index.lru import Lru
from index.pg_schema import LEXICAL, SCHEMA, PgPostings, where
from index.postings import score
from index.text import ANALYZER, terms, variants
from index.types import Article, Chunk, Sentence

class PgCatalog(BaseCatalog):
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

    # ---- reads ------------------------------------------------------------------------------
    def article_for_path(self, path: str) -> str | None:
        """The article id a source path holds now."""
        rows = self._rows("SELECT article_id FROM paths WHERE path=%s", (path,))
        return rows[0][0] if rows else None

    def has_article(self, article_id: str) -> bool:
        """Whether an article (by content hash) is indexed."""
        return bool(self._rows("SELECT 1 FROM articles WHERE id=%s", (article_id,)))

    def paths_of(self, article_id: str) -> list[str]:
        """Source paths that hold an article."""
        return [r[0] for r in self._rows("SELECT path FROM paths WHERE article_id=%s", (article_id,))]

    def article(self, article_id: str) -> Article | None:
        """One article, text included (cached: an id is a content hash, so an article never changes)."""
        cached = self._acache.get(article_id)
        if cached is not None:
            return cached
        rows = self._rows("SELECT id, first_path, text, title, outlet, author, date, url, body_start "
                          "FROM articles WHERE id=%s", (article_id,))
        return self._acache.put(article_id, Article(*rows[0])) if rows else None

    def articles(self) -> list[Article]:
        """All articles (without re-reading files)."""
        ids = [r[0] for r in self._rows("SELECT id FROM articles ORDER BY first_path")]
        return [a for a in (self.article(i) for i in ids) if a]

    def sentences(self, article_id: str) -> list[Sentence]:
        """An article's annotated sentences, in order (cached)."""
        cached = self._cache.get(article_id)
        if cached is not None:
            return cached
        rows = self._rows("SELECT data FROM sentences WHERE article_id=%s ORDER BY idx", (article_id,))
        out = [Sentence.from_dict(d) for d in json.loads("[" + ",".join(r[0] for r in rows) + "]")]
        return self._cache.put(article_id, out)

    def sentences_between(self, article_id: str, first: int, last: int) -> dict[int, Sentence]:
        """Sentences `first..last` of an article by index (only those rows are decoded on a cache miss)."""
        cached = self._cache.get(article_id)
        if cached is not None:
            return {i: cached[i] for i in range(max(0, first), min(last, len(cached) - 1) + 1)}
        rows = self._rows("SELECT idx, data FROM sentences WHERE article_id=%s AND idx BETWEEN %s AND %s",
                          (article_id, first, last))
        decoded = json.loads("[" + ",".join(d for _, d in rows) + "]")
        return {int(i): Sentence.from_dict(d) for (i, _), d in zip(rows, decoded, strict=True)}

    def sentence_vectors(self, article_id: str) -> np.ndarray | None:
        """Unit vectors of an article's sentences (float16 as stored, one row a sentence), cached."""
        cached = self._vcache.get(article_id)
        if cached is not None:
            return cached
        rows = self._rows("SELECT dim, vecs FROM svec WHERE article_id=%s", (article_id,))
        if not rows:
            return None
        vec = np.frombuffer(bytes(rows[0][1]), dtype=np.float16).reshape(-1, rows[0][0])
        return self._vcache.put(article_id, vec)

    def chunk_rows(self, chunk_ids: Sequence[str]) -> dict[str, tuple[str, int, int]]:
        """`chunk id -> (article id, first sentence, last sentence)` for the ids that exist."""
        if not chunk_ids:
            return {}
        rows = self._rows("SELECT id, article_id, first_sentence, last_sentence FROM chunks WHERE id = ANY(%s)",
                          (list(chunk_ids),))
        return {r[0]: (r[1], r[2], r[3]) for r in rows}

    def chunk_texts(self, chunk_ids: Sequence[str]) -> dict[str, tuple[Article, int, int, str]]:
        """`chunk id -> (article, start, end, text)` for the ids that exist; text = article.text[start:end]."""
        if not chunk_ids:
            return {}
        rows = self._rows("SELECT id, article_id, start, stop FROM chunks WHERE id = ANY(%s)", (list(chunk_ids),))
        out = {}
        for cid, art_id, start, end in rows:
            art = self.article(art_id)
            if art is not None:
                out[cid] = (art, start, end, art.text[start:end])
        return out

    def chunk_ids_of(self, article_id: str) -> list[str]:
        """Chunk ids of one article."""
        return [r[0] for r in self._rows("SELECT id FROM chunks WHERE article_id=%s", (article_id,))]

    def chunk_ids(self) -> set[str]:
        """Every committed chunk id."""
        return {r[0] for r in self._rows("SELECT id FROM chunks")}

    def count_chunks(self) -> int:
        """Number of committed chunks (the postings' count, kept in the same transactions: one row read)."""
        return int(self._rows("SELECT docs FROM post_stats")[0][0])

    def count_sentences(self) -> int:
        """Indexed sentences."""
        return int(self._rows("SELECT COUNT(*) FROM sentences")[0][0])

    def count_articles(self) -> int:
        """Number of articles."""
        return int(self._rows("SELECT COUNT(*) FROM articles")[0][0])

    def document_frequency(self, query_terms: Sequence[str]) -> dict[str, int]:
        """Chunk counts of the given terms (absent terms are left out)."""
        uniq = sorted(set(query_terms))
        if not uniq:
            return {}
        return {t: int(n) for t, n in self._rows("SELECT term, df FROM vocab WHERE term = ANY(%s)", (uniq,))}

    def bm25(self, query_terms: Sequence[str], k: int) -> list[tuple[str, float]]:
        """Top-k chunk ids by BM25 (every query term, however common), best first, as `(id, score)`."""
        uniq = [t for t in dict.fromkeys(query_terms) if t.isalnum()]
        if not uniq:
            return []
        with self._conn() as db, db.transaction():
            # One snapshot: another process's merge or write cannot land between the look-ups.
            db.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            hits = self._postings.search(uniq, k)
            ids = dict(db.execute("SELECT n, id FROM chunks WHERE n = ANY(%s)",
                                  ([n for n, _ in hits],)).fetchall()) if hits else {}
        return [(ids[n], score) for n, score in hits if n in ids]

    def lexical(self, query_terms: Sequence[str], k: int) -> Lexical:
        """`expand_with_df` then `bm25`, as `BaseCatalog.lexical` gives them, from one statement (one snapshot):
        the vocabulary counts of the terms and of their spelling variants, the postings' totals, and the
        posting rows of the terms the expansion keeps. Chunk ids come from a cache (one more look-up for
        numbers not seen before)."""
        out = list(dict.fromkeys(query_terms))
        if any(not t or " " in t for t in out):  # never an analyzer's term: the two look-ups instead
            return super().lexical(query_terms, k)
        pairs = [(t, v) for t in out for v in variants(t)]
        rows = self._rows(LEXICAL, {"own": " ".join(out), "src": " ".join(t for t, _ in pairs),
                                    "var": " ".join(v for _, v in pairs), "min": float(MIN_DF),
                                    "share": VARIANT_MAX_SHARE})
        own: dict[str, int] = {}
        near: dict[str, int] = {}
        fetched: dict[str, list[tuple[int, bytes]]] = defaultdict(list)
        n_docs = tokens = 0
        for kind, term, value, extra, data in rows:
            if kind == 0:
                own[term] = int(value)
            elif kind == 1:
                near[term] = int(value)
            elif kind == 2:
                n_docs, tokens = int(value), int(extra)
            else:
                fetched[term].append((int(value), bytes(data)))
        # `BaseCatalog.expand_with_df`, on the counts read (the statement applies the same filters; these decide).
        rare = max(MIN_DF, int(VARIANT_MAX_SHARE * n_docs))
        cands = {v for t in out if own.get(t, 0) <= rare for v in variants(t)}
        found = {f: n for f, n in near.items() if f in cands and f not in own and f not in out}
        expanded = out + sorted(f for f, n in found.items() if n <= rare)
        df = {**own, **{f: found[f] for f in expanded if f in found}}
        # `bm25(expanded, k)`: every term with chunks has its rows in `fetched` (asserted, else a second read).
        uniq = sorted({t for t in expanded if t.isalnum()})
        if any(df.get(t) and t not in fetched for t in uniq):
            return Lexical(expanded, df, self.bm25(expanded, k), n_docs)
        parts = {t: [d for _, d in sorted(fetched[t], key=lambda r: r[0])] for t in uniq if t in fetched}
        hits = score(parts, n_docs, tokens, k) if uniq else []
        return Lexical(expanded, df, self._with_ids(hits), n_docs)

    def _with_ids(self, hits: list[tuple[int, float]]) -> list[tuple[str, float]]:
        ids = {n: self._ids.get(str(n)) for n, _ in hits}
        missing = [n for n, cid in ids.items() if cid is None]
        if missing:
            for n, cid in self._rows("SELECT n, id FROM chunks WHERE n = ANY(%s)", (missing,)):
                ids[int(n)] = self._ids.put(str(n), cid)
        return [(cid, s) for n, s in hits if (cid := ids.get(n)) is not None]

    def passages(self, spans: Sequence[tuple[str, int, int]],
                 ) -> list[tuple[Article | None, dict[int, Sentence], np.ndarray | None]]:
        """`BaseCatalog.passages`, with what the caches lack read in one round trip (three pipelined queries)."""
        ids = list(dict.fromkeys(a for a, _, _ in spans))
        arts = {a: self._acache.get(a) for a in ids}
        vecs = {a: self._vcache.get(a) for a in ids}
        whole = {a: self._cache.get(a) for a in ids}
        need_a = [a for a, v in arts.items() if v is None]
        need_v = [a for a, v in vecs.items() if v is None]
        need_s = [(i, a, f, l) for i, (a, f, l) in enumerate(spans) if whole[a] is None]
        with self._conn() as db:
            with db.pipeline():
                qa = db.execute("SELECT id, first_path, text, title, outlet, author, date, url, body_start "
                                "FROM articles WHERE id = ANY(%s)", (need_a,), binary=True) if need_a else None
                qv = db.execute("SELECT article_id, dim, vecs FROM svec WHERE article_id = ANY(%s)",
                                (need_v,), binary=True) if need_v else None
                qs = db.execute("SELECT r.i, s.idx, s.data FROM unnest(%s::int[], %s::text[], %s::int[], %s::int[]) "
                                "AS r(i, a, f, l) JOIN sentences s ON s.article_id = r.a AND s.idx BETWEEN r.f AND r.l",
                                ([i for i, *_ in need_s], [a for _, a, _, _ in need_s],
                                 [f for _, _, f, _ in need_s], [l for *_, l in need_s]),
                                binary=True) if need_s else None
            rows_a = qa.fetchall() if qa else []
            rows_v = qv.fetchall() if qv else []
            rows_s = qs.fetchall() if qs else []
        for row in rows_a:
            arts[row[0]] = self._acache.put(row[0], Article(*row))
        for a, dim, data in rows_v:
            vecs[a] = self._vcache.put(a, np.frombuffer(bytes(data), dtype=np.float16).reshape(-1, dim))
        part: dict[int, dict[int, Sentence]] = defaultdict(dict)
        decoded = json.loads("[" + ",".join(d for *_, d in rows_s) + "]")
        for (i, idx, _), d in zip(rows_s, decoded, strict=True):
            part[int(i)][int(idx)] = Sentence.from_dict(d)
        out = []
        for i, (a, first, last) in enumerate(spans):
            cached = whole[a]
            sentences = ({j: cached[j] for j in range(max(0, first), min(last, len(cached) - 1) + 1)}
                         if cached is not None else part.get(i, {}))
            out.append((arts[a], sentences, vecs[a]))
        return out
