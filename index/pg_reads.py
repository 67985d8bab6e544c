"""The PostgreSQL catalog's reads (`index.pg_catalog.PgCatalog` mixes them in): look-ups, BM25 and passages.

Every read goes through `_rows` / `_conn` (the catalog's one connection, under its lock) and the catalog's
bounded caches; an article id is a content hash, so a cached article, sentence list or vector row never goes stale.

Example:
    >>> issubclass(PgReads, BaseCatalog) and "passages" in PgReads.__dict__
    True
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any

import numpy as np
import psycopg

from index.catalog_base import MIN_DF, VARIANT_MAX_SHARE, BaseCatalog, Lexical
from index.lru import Lru
from index.pg_schema import LEXICAL, PgPostings
from index.postings import score
from index.text import variants
from index.types import Article, Sentence


class PgReads(BaseCatalog):
    """The read half of `PgCatalog`; the attributes below are set by its `__init__`."""

    _cache: Lru[list[Sentence]]
    _vcache: Lru[np.ndarray]
    _acache: Lru[Article]
    _ids: Lru[str]
    _postings: PgPostings

    def _rows(self, query: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        raise NotImplementedError

    def _conn(self) -> AbstractContextManager[psycopg.Connection[Any]]:
        raise NotImplementedError

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
        return self._texts_of(rows)

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
