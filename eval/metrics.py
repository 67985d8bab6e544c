"""Eval metrics as pure functions over plain data (dicts from `Answer.to_dict()` and the case file).

Example:
    >>> keyword_correct("Led by Jamal Maarouf [1].", ["jamal maarouf"])
    True
    >>> citation_precision(["a truce was reached"], ["truce was"], [])
    1.0
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip().lower()


def keyword_correct(answer_text: str, keywords: Sequence[str]) -> bool:
    """Every expected keyword occurs in the answer (case- and apostrophe-insensitive)."""
    text = _norm(answer_text)
    return all(_norm(k) in text for k in keywords)


def contains_any(quote: str, supports: Iterable[str]) -> bool:
    """A cited quote contains one of the gold support passages."""
    q = _norm(quote)
    return any(_norm(s) in q for s in supports)


def citation_precision(quotes: Sequence[str], support: Sequence[str], also: Sequence[str]) -> float:
    """Share of citations whose quote contains a gold support passage (required or acceptable).

    With no citation the precision is 1.0 when nothing was expected, else 0.0.
    """
    if not quotes:
        return 1.0 if not support else 0.0
    return sum(contains_any(q, list(support) + list(also)) for q in quotes) / len(quotes)


def citation_recall(quotes: Sequence[str], support: Sequence[str]) -> float:
    """Share of required gold support passages that some citation quote contains (1.0 when none needed)."""
    if not support:
        return 1.0
    return sum(any(_norm(s) in _norm(q) for q in quotes) for s in support) / len(support)


def recall_at_k(retrieved: Sequence[str], support: Sequence[str], k: int) -> float:
    """Share of gold support passages found in the top-k retrieved texts."""
    if not support:
        return 1.0
    top = [_norm(t) for t in retrieved[:k]]
    return sum(any(_norm(s) in t for t in top) for s in support) / len(support)


def citation_valid(quote: str, start: int, end: int, article_text: str) -> bool:
    """The quote is exactly the article slice it claims to be."""
    return 0 <= start <= end <= len(article_text) and article_text[start:end] == quote


def flag_counts(expected: Iterable[str], got: Iterable[str], statuses: Sequence[str],
                acceptable: Iterable[str] = ()) -> dict[str, tuple[int, int, int]]:
    """Per status: (true positives, false positives, false negatives) for one case.

    `expected` flags must appear; `acceptable` ones (statuses of other sentences a correct answer may
    cite) are not counted against precision.
    """
    e, g, ok = set(expected), set(got), set(expected) | set(acceptable)
    return {s: (int(s in e and s in g), int(s in g and s not in ok), int(s in e and s not in g)) for s in statuses}


def prf(tp: int, fp: int, fn: int) -> tuple[float | None, float]:
    """Precision (None — not measurable — when nothing was predicted) and recall (1.0 when nothing expected)."""
    return (tp / (tp + fp) if tp + fp else None), (tp / (tp + fn) if tp + fn else 1.0)


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def mean(values: Iterable[float]) -> float:
    """Mean, 0.0 for nothing."""
    vals = list(values)
    return statistics.fmean(vals) if vals else 0.0
