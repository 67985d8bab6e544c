"""Hybrid retrieval: dense (Chroma) and BM25 (`index.postings`) fused by reciprocal rank, then sentence scoring.

Example:
    >>> rrf([["a", "b"], ["b", "c"]], k=60)[0][0]
    'b'
"""

from __future__ import annotations

import datetime
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from bot.question import Question
from bot.synonyms import synonyms
from bot.types import Evidence
from index import cues
from index.catalog_base import Lexical
from index.catalog_base import BaseCatalog
from index.store import Store
from index.text import terms as text_terms

_DATE = re.compile(r"\b(?:\d{4}|january|february|march|april|may|june|july|august|september|october|november|"
                   r"december|jan\.|feb\.|sept?\.|oct\.|nov\.|dec\.|monday|tuesday|wednesday|thursday|friday|"
                   r"saturday|sunday|yesterday|today|last\s+(?:week|month|year)|this\s+week|\w+\s+ago|"
                   r"earlier\s+this\s+\w+|recently)\b", re.I)
_NUMBER = re.compile(r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|"
                     r"thousands?|millions?|several|many)\b", re.I)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z’'-]+(?:\s+(?:al-|Al\s)?[A-Z][a-z’'-]+)*")


def rrf(rankings: Sequence[Sequence[str]], k: int = 60) -> list[tuple[str, float]]:
    """Reciprocal rank fusion of several rankings, best first."""
    scores: dict[str, float] = defaultdict(float)
    for ranking in rankings:
        for rank, item in enumerate(ranking):
            scores[item] += 1.0 / (k + rank + 1)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


@dataclass
class Retrieval:
    """What one search found: ranked chunks and scored sentences."""

    chunks: list[tuple[str, float]]
    evidence: list[Evidence]
    best_similarity: float


@dataclass
class _Chunks:
    chunks: list[tuple[str, float]]
    dense: dict[str, float]
    lexical: dict[str, float]
    expanded: list[str]
    df: dict[str, int]
    vector: np.ndarray
    rows: dict[str, tuple[str, int, int]]  # `catalog.chunk_rows` of the chunks (and of the ones passed over)
    n_chunks: int
    fused: list[tuple[str, float]]


_POOL = ThreadPoolExecutor(max_workers=8, thread_name_prefix="sourcecheck-bm25")


class HybridRetriever:
    """Dense + BM25 over one store; scores each sentence of the fused chunks."""

    def __init__(self, store: Store, candidates: int = 40, top_k: int = 8, rrf_k: int = 60,
                 sentence_articles: int = 0, sentences_per_article: int = 2, recency_bonus: float = 0.0,
                 recency_days: int = 30) -> None:
        self.store = store
        self.candidates = candidates
        self.top_k = top_k
        self.rrf_k = rrf_k
        self.sentence_articles = sentence_articles  # Settings.sentence_search_articles
        self.sentences_per_article = sentences_per_article  # Settings.sentence_search_per_article
        self.recency_bonus = recency_bonus  # Settings.recency_bonus
        self.recency_days = recency_days  # Settings.recency_days

    def lexical(self, query_terms: Sequence[str]) -> Lexical:
        """Expanded terms, their chunk frequencies, the BM25 candidates, and the chunks indexed."""
        return self.store.catalog.lexical(query_terms, self.candidates)

    def chunk_search(self, query_text: str, query_terms: Sequence[str], vector: np.ndarray | None = None,
                     k: int | None = None,
                     ) -> tuple[list[tuple[str, float]], dict[str, float], dict[str, float]]:
        """Fused chunk ranking, plus the dense similarities and BM25 scores seen."""
        found = self._search_chunks(query_text, query_terms, vector, k)
        return found.chunks, found.dense, found.lexical

    def _search_chunks(self, query_text: str, query_terms: Sequence[str], vector: np.ndarray | None,
                       k: int | None) -> _Chunks:
        # The lexical side (SQLite + numpy) runs while the query is encoded (ONNX releases the GIL).
        pending = _POOL.submit(self.lexical, query_terms)
        try:
            if vector is None:
                vector = self.store.embedder.encode([query_text])[0]
            dense = self.store.dense(vector, self.candidates)
        finally:
            expanded, df, lexical, n_chunks = pending.result()
        fused = rrf([[i for i, _ in dense], [i for i, _ in lexical]], self.rrf_k)
        chunks, rows = _diverse(self.store, fused, k or self.top_k)
        return _Chunks(chunks, dict(dense), dict(lexical), expanded, df, vector, rows, n_chunks, fused)

    def search(self, q: Question) -> Retrieval:
        """Retrieve and score candidate evidence sentences for a question."""
        all_terms = list(q.terms) + list(q.context_terms)
        catalog = self.store.catalog
        syn = {t: synonyms(t) for t in all_terms}
        lexical_terms = list(dict.fromkeys(all_terms + [v for t in all_terms for v in sorted(syn[t])]))
        found = self._search_chunks(q.search_text, lexical_terms, None, None)
        chunks, dense, expanded, df, vector = found.chunks, found.dense, found.expanded, found.df, found.vector
        own_vector = vector if not q.followup else self.store.embedder.encode([q.text])[0]
        rows = found.rows
        n_chunks = max(1, found.n_chunks)
        idf = {t: math.log(1 + (n_chunks + 0.5) / (df.get(t, 0) + 0.5)) for t in expanded}
        groups = {t: {t} | syn[t] | {v for v in expanded if v not in all_terms and _one_sub(t, v)} for t in all_terms}
        top_fused = chunks[0][1] if chunks else 1.0
        # A follow-up ("Where does he work?") is about what the previous question named: its terms count too.
        wanted = list(dict.fromkeys(all_terms)) if q.followup else list(q.terms)
        weight = {t: idf.get(t, 1.0) * (0.8 if t in q.context_terms and t not in q.terms else 1.0) for t in wanted}
        evidence: list[Evidence] = []
        seen: set[tuple[str, int]] = set()
        chunk_ids = {cid for cid, _ in chunks}
        spans = [(rank, fused, *rows[cid]) for rank, (cid, fused) in enumerate(chunks) if cid in rows]
        spans += strong_sentences(catalog, found.fused, own_vector, len(chunks), seen_chunks=chunk_ids,
                                  articles=self.sentence_articles, per_article=self.sentences_per_article)
        passages = catalog.passages([(article_id, first - 1, last) for _, _, article_id, first, last in spans])
        for (rank, fused, article_id, first, last), (article, sentences, vecs) in zip(spans, passages, strict=True):
            if article is None:
                continue
            for idx in range(first, last + 1):
                if (article_id, idx) in seen or idx not in sentences:
                    continue
                seen.add((article_id, idx))
                s = sentences[idx]
                if cues.INSTRUCTION.search(s.text):
                    continue  # text addressed to a model is data, never evidence
                sim = float(vecs[idx] @ own_vector) if vecs is not None else 0.0
                ctx_sim = float(vecs[idx] @ vector) if vecs is not None and q.followup else sim
                sent_terms = set(text_terms(s.text))
                coverage = _coverage(wanted, groups, weight, sent_terms)
                # The previous sentence often holds the subject ("The two rival groups agreed…").
                if idx - 1 in sentences:
                    window = sent_terms | set(text_terms(sentences[idx - 1].text))
                    coverage = max(coverage, 0.85 * _coverage(wanted, groups, weight, window))
                ctx_cov = _coverage(q.context_terms, groups, idf, sent_terms) if q.context_terms else 0.0
                score = (0.45 * max(sim, ctx_sim) + 0.45 * coverage + 0.1 * fused / top_fused
                         + 0.1 * ctx_cov + _type_bonus(q, s.text) - _shape_penalty(s.text))
                evidence.append(Evidence(s, article, score, rank, max(sim, ctx_sim), coverage))
        if q.recent and self.recency_bonus:
            evidence = prefer_recent(evidence, self.recency_bonus, self.recency_days)
        evidence.sort(key=lambda e: -e.score)
        best = max((dense.get(cid, 0.0) for cid, _ in chunks), default=0.0)
        return Retrieval(chunks, evidence, best)


def strong_sentences(catalog: BaseCatalog, fused: Sequence[tuple[str, float]], vector: np.ndarray, first_rank: int,
                     seen_chunks: set[str], articles: int, per_article: int) -> list[tuple[int, float, str, int, int]]:
    """Sentence-level dense search: in the articles of the best `articles` fused chunks, the `per_article`
    sentences nearest the question, as `(rank, fused score, article id, idx, idx)` spans beyond the chunks.

    Example:
        >>> strong_sentences(None, [], np.zeros(2), 8, set(), 0, 2)
        []
    """
    if articles <= 0 or not fused:
        return []
    rows = catalog.chunk_rows([cid for cid, _ in fused[: articles * 2] if cid not in seen_chunks])
    best: dict[str, float] = {}
    for cid, score in fused[: articles * 2]:
        if cid in rows and rows[cid][0] not in best and len(best) < articles:
            best[rows[cid][0]] = score
    out: list[tuple[int, float, str, int, int]] = []
    for rank, (article_id, score) in enumerate(best.items(), start=first_rank):
        vecs = catalog.sentence_vectors(article_id)
        if vecs is None or not len(vecs):
            continue
        sims = vecs.astype(np.float32) @ vector
        for idx in np.argsort(-sims)[:per_article]:
            out.append((rank, score, article_id, int(idx), int(idx)))
    return out


def _day(date: str) -> int | None:
    try:
        return datetime.date.fromisoformat(date[:10]).toordinal()
    except ValueError:
        return None


def prefer_recent(evidence: list[Evidence], bonus: float, days: int) -> list[Evidence]:
    """Raise the score of sentences from the newest articles among the candidates: `bonus` for the newest,
    falling linearly to 0 for an article `days` older (an undated article gets nothing).

    Example:
        >>> prefer_recent([], 0.1, 30)
        []
    """
    dated = {e.article.id: _day(e.article.date) for e in evidence}
    newest = max((d for d in dated.values() if d is not None), default=None)
    if newest is None:
        return evidence
    out = []
    for e in evidence:
        d = dated[e.article.id]
        gain = bonus * max(0.0, 1 - (newest - d) / days) if d is not None else 0.0
        out.append(replace(e, score=e.score + gain) if gain else e)
    return out


def _one_sub(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _coverage(query_terms: Sequence[str], groups: dict[str, set[str]], idf: dict[str, float],
              sent_terms: set[str]) -> float:
    total = sum(idf.get(t, 1.0) for t in query_terms)
    if not total:
        return 0.0
    hit = sum(idf.get(t, 1.0) for t in query_terms if groups.get(t, {t}) & sent_terms)
    return hit / total


def _type_bonus(q: Question, text: str) -> float:
    if q.kind == "when":
        return 0.12 if _DATE.search(text) else -0.05
    if q.kind == "how_many":
        return 0.12 if _NUMBER.search(text) else -0.1
    if q.kind in {"who", "where", "which"}:
        qwords = {w.lower() for w in re.findall(r"[\w’'-]+", q.text)}
        names = [m.group(0) for m in _NAME.finditer(text) if m.group(0).split()[0].lower() not in qwords]
        # "Which substance…?" may be answered by a common noun ("marijuana"): a milder penalty there
        return 0.08 if names else (-0.03 if q.kind == "which" else -0.05)
    return 0.0


def _shape_penalty(text: str) -> float:
    words = len(text.split())
    penalty = 0.0
    if words < 4:
        penalty += 0.3
    if text.rstrip("”\"’' ").endswith("?"):
        penalty += 0.25
    return penalty


def _diverse(store: Store, fused: list[tuple[str, float]], k: int,
             ) -> tuple[list[tuple[str, float]], dict[str, tuple[str, int, int]]]:
    """Top-k fused chunks with at most ⌈k/2⌉+1 from one article, so several sources get a say; and the
    catalog rows of the candidates looked at (the caller's evidence comes from them: no second look-up)."""
    rows = store.catalog.chunk_rows([cid for cid, _ in fused[: k * 4]])
    cap = k // 2 + 1
    per: dict[str, int] = defaultdict(int)
    out: list[tuple[str, float]] = []
    rest: list[tuple[str, float]] = []
    for cid, score in fused[: k * 4]:
        if cid not in rows:
            continue  # a vector whose article never committed (killed ingest): ignore it
        art = rows[cid][0]
        if per[art] < cap:
            per[art] += 1
            out.append((cid, score))
        else:
            rest.append((cid, score))
        if len(out) >= k:
            break
    return (out + rest)[:k], rows
