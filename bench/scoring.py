"""Scores shared by the benchmarks, and the naive cue regexes they are compared with.

The baselines are written once and never tuned: a line of common cues per question, what a newcomer
would try first. Each benchmark prints sourcecheck beside them in one run.

Example:
    >>> prf([1, 0, 1], [1, 1, 0])
    (0.5, 0.5, 0.5)
    >>> round(mcc([1, 0, 1, 0], [1, 0, 1, 0]), 2), token_f1("Sen. Chuck Grassley", "Grassley")
    (1.0, 0.5)
"""

from __future__ import annotations

import argparse
import math
import re
from pathlib import Path

# Naive baselines (never tuned).
NAIVE_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|told|according to|reported|claimed|stated|announced|wrote|added)\b|[“\"]", re.I)
NAIVE_NEGATION = re.compile(r"\b(?:not|never|no|none|nobody|nothing)\b|n[’']t\b", re.I)
NAIVE_POSSIBLE = re.compile(
    r"\b(?:may|might|could|would|should|possibly|probably|perhaps|likely|if|whether|expected|plans?|will)\b",
    re.I)
NAIVE_HOLDER = re.compile(r"(?P<holder>(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*|\b(?:he|she|they|I|we))\s+"
                          r"(?:said|says|told|wrote|added)\b")


def data_path(default: Path) -> Path | None:
    """The `--data` path of a benchmark (default `default`); None, with a skip line printed, when absent."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=default)
    path = ap.parse_args().data
    if not path.exists():
        print(f"skipped: {path} not found (benchmark data lives in ../shared/data, never in the repo)")
        return None
    return path


def prf(pred: list[int], gold: list[int]) -> tuple[float, float, float]:
    """Precision, recall, F1 of binary predictions."""
    tp = sum(1 for p, g in zip(pred, gold, strict=True) if p and g)
    fp = sum(1 for p, g in zip(pred, gold, strict=True) if p and not g)
    fn = sum(1 for p, g in zip(pred, gold, strict=True) if g and not p)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def mcc(pred: list[int], gold: list[int]) -> float:
    """Matthews correlation of binary predictions."""
    pairs = list(zip(pred, gold, strict=True))
    tp = sum(1 for p, g in pairs if p and g)
    tn = sum(1 for p, g in pairs if not p and not g)
    fp = sum(1 for p, g in pairs if p and not g)
    fn = sum(1 for p, g in pairs if g and not p)
    den = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return (tp * tn - fp * fn) / den if den else 0.0


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def token_f1(pred: str, gold: str) -> float:
    """Token-overlap F1 of two spans (bag of lower-cased words)."""
    p, g = _tokens(pred), _tokens(gold)
    if not p or not g:
        return float(p == g)
    common = sum(min(p.count(w), g.count(w)) for w in set(p))
    if not common:
        return 0.0
    prec, rec = common / len(p), common / len(g)
    return 2 * prec * rec / (prec + rec)


def macro_f1(pred: list[str], gold: list[str], labels: tuple[str, ...]) -> tuple[float, dict[str, float]]:
    """Macro-F1 over `labels`, with the F1 of each."""
    per = {lab: prf([p == lab for p in pred], [g == lab for g in gold])[2] for lab in labels}
    return sum(per.values()) / len(per), per
