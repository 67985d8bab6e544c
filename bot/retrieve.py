"""Hybrid retrieval: dense (Chroma) and BM25 (FTS5) fused by reciprocal rank, then sentence scoring.

Example:
    >>> rrf([["a", "b"], ["b", "c"]], k=60)[0][0]
    'b'
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.question import Question
from bot.types import Evidence
from index import cues
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


class HybridRetriever:
    """Dense + BM25 over one store; scores each sentence of the fused chunks."""

    def __init__(self, store: Store, candidates: int = 40, top_k: int = 8, rrf_k: int = 60) -> None:
        self.store = store
        self.candidates = candidates
        self.top_k = top_k
        self.rrf_k = rrf_k

    def chunk_search(self, query_text: str, query_terms: Sequence[str], vector: np.ndarray | None = None,
                     k: int | None = None, expanded: Sequence[str] | None = None,
                     ) -> tuple[list[tuple[str, float]], dict[str, float], dict[str, float]]:
        """Fused chunk ranking, plus the dense similarities and BM25 scores seen."""
        k = k or self.top_k
        if vector is None:
            vector = self.store.embedder.encode([query_text])[0]
        dense = self.store.dense(vector, self.candidates)
        if expanded is None:
            expanded = self.store.catalog.expand(query_terms)
        lexical = self.store.catalog.bm25(expanded, self.candidates)
        fused = rrf([[i for i, _ in dense], [i for i, _ in lexical]], self.rrf_k)
        return _diverse(self.store, fused, k), dict(dense), dict(lexical)

    def search(self, q: Question) -> Retrieval:
        """Retrieve and score candidate evidence sentences for a question."""
        vector = self.store.embedder.encode([q.search_text])[0]
        own_vector = vector if not q.followup else self.store.embedder.encode([q.text])[0]
        all_terms = list(q.terms) + list(q.context_terms)
        catalog = self.store.catalog
        expanded = catalog.expand(all_terms)
        chunks, dense, _ = self.chunk_search(q.search_text, all_terms, vector, expanded=expanded)
        rows = catalog.chunk_rows([cid for cid, _ in chunks])
        n_chunks = max(1, catalog.count_chunks())
        df = catalog.document_frequency(expanded)
        idf = {t: math.log(1 + (n_chunks + 0.5) / (df.get(t, 0) + 0.5)) for t in expanded}
        groups = {t: {t} | {v for v in expanded if v not in all_terms and _one_sub(t, v)} for t in all_terms}
        top_fused = chunks[0][1] if chunks else 1.0
        # A follow-up ("Where does he work?") is about what the previous question named: its terms count too.
        wanted = list(dict.fromkeys(all_terms)) if q.followup else list(q.terms)
        weight = {t: idf.get(t, 1.0) * (0.8 if t in q.context_terms and t not in q.terms else 1.0) for t in wanted}
        evidence: list[Evidence] = []
        seen: set[tuple[str, int]] = set()
        for rank, (cid, fused) in enumerate(chunks):
            if cid not in rows:
                continue
            article_id, first, last = rows[cid]
            article = catalog.article(article_id)
            sentences = catalog.sentences(article_id)
            vecs = catalog.sentence_vectors(article_id)
            if article is None:
                continue
            for idx in range(first, last + 1):
                if (article_id, idx) in seen or idx >= len(sentences):
                    continue
                seen.add((article_id, idx))
                s = sentences[idx]
                if cues.INSTRUCTION.search(s.text):
                    continue  # text addressed to a model is data, never evidence
                sim = float(vecs[idx] @ own_vector) if vecs is not None else dense.get(cid, 0.0)
                ctx_sim = float(vecs[idx] @ vector) if vecs is not None and q.followup else sim
                sent_terms = set(text_terms(s.text))
                coverage = _coverage(wanted, groups, weight, sent_terms)
                if idx > 0:  # the previous sentence often holds the subject ("The two rival groups agreed…")
                    window = sent_terms | set(text_terms(sentences[idx - 1].text))
                    coverage = max(coverage, 0.85 * _coverage(wanted, groups, weight, window))
                ctx_cov = _coverage(q.context_terms, groups, idf, sent_terms) if q.context_terms else 0.0
                score = (0.45 * max(sim, ctx_sim) + 0.45 * coverage + 0.1 * fused / top_fused
                         + 0.1 * ctx_cov + _type_bonus(q, s.text) - _shape_penalty(s.text))
                evidence.append(Evidence(s, article, score, rank, max(sim, ctx_sim), coverage))
        evidence.sort(key=lambda e: -e.score)
        best = max((dense.get(cid, 0.0) for cid, _ in chunks), default=0.0)
        return Retrieval(chunks, evidence, best)


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
    if q.kind in {"who", "where"}:
        qwords = {w.lower() for w in re.findall(r"[\w’'-]+", q.text)}
        names = [m.group(0) for m in _NAME.finditer(text) if m.group(0).split()[0].lower() not in qwords]
        return 0.08 if names else -0.05
    return 0.0


def _shape_penalty(text: str) -> float:
    words = len(text.split())
    penalty = 0.0
    if words < 4:
        penalty += 0.3
    if text.rstrip("”\"’' ").endswith("?"):
        penalty += 0.25
    return penalty


def _diverse(store: Store, fused: list[tuple[str, float]], k: int) -> list[tuple[str, float]]:
    """Top-k fused chunks with at most ⌈k/2⌉+1 from one article, so several sources get a say."""
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
    return (out + rest)[:k]
