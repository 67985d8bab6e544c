"""Sentence factuality on UW factuality (TempEval-3 newswire, dev): fact / possible / counterfact.

Label mapping, fixed before the first measurement:
- gold: each event token has `value` in [-3, 3], the writer's commitment that it happened. An event is
  `counterfact` when value <= -1, `possible` when -1 < value < 1, `fact` when value >= 1. A sentence
  takes its least factual event (counterfact < possible < fact); sentences without events are skipped.
- sourcecheck: the sentence (detokenised, annotated as one span) is `counterfact` when its polarity is
  negative; else `possible` when its main status is hedged, conditional, speculative or unconfirmed
  (a hedge or an unrealised frame); else `fact` (asserted, attributed and disputed sentences: the
  writer reports them).
- binary uncertain: gold `possible` against `Sentence.uncertain`.
- naive baseline (`bench.scoring`, never tuned): a negator → counterfact, else a modal/if → possible.

    python bench/factuality.py [--data ../shared/data/uw-factuality/dev.conll]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.hedges import detok  # noqa: E402
from bench.scoring import NAIVE_NEGATION, NAIVE_POSSIBLE, data_path, macro_f1, mcc, prf  # noqa: E402
from index.epistemic import annotate_spans  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "uw-factuality" / "dev.conll"
LABELS = ("fact", "possible", "counterfact")
_POSSIBLE_STATUSES = {"hedged", "conditional", "speculative", "unconfirmed"}


def _event_label(value: float) -> str:
    return "counterfact" if value <= -1 else "possible" if value < 1 else "fact"


def load(path: Path) -> list[tuple[str, str]]:
    """(sentence text, gold label) for each sentence with at least one event."""
    out: list[tuple[str, str]] = []
    words: list[str] = []
    labels: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        cols = line.split("\t")
        if len(cols) >= 3:
            words.append(cols[1])
            if cols[2] != "_":
                labels.append(_event_label(float(cols[2])))
            continue
        if words and labels:
            out.append((detok(" ".join(words)), max(labels, key=LABELS.index)))
        words, labels = [], []
    return out


def ours(text: str) -> tuple[str, bool]:
    """sourcecheck's label of one sentence, and its `uncertain` flag."""
    s = annotate_spans(text, [(0, len(text))])[0]
    if s.polarity == "negative":
        return "counterfact", s.uncertain
    return ("possible" if s.status in _POSSIBLE_STATUSES else "fact"), s.uncertain


def naive(text: str) -> tuple[str, bool]:
    """The untuned regex baseline."""
    if NAIVE_NEGATION.search(text):
        return "counterfact", False
    possible = bool(NAIVE_POSSIBLE.search(text))
    return ("possible" if possible else "fact"), possible


def report(name: str, pred: list[tuple[str, bool]], gold: list[str]) -> None:
    """Print macro-F1, per-class F1 and the binary uncertain scores of one system."""
    labels = [p for p, _ in pred]
    macro, per = macro_f1(labels, gold, LABELS)
    unc_pred, unc_gold = [int(u) for _, u in pred], [int(g == "possible") for g in gold]
    p, r, f = prf(unc_pred, unc_gold)
    cf = prf([int(x == "counterfact") for x in labels], [int(g == "counterfact") for g in gold])
    print(f"{name:<12} macro-F1 {macro:.3f} | " + " ".join(f"{k} {v:.3f}" for k, v in per.items())
          + f" | counterfact P {cf[0]:.3f} R {cf[1]:.3f} | uncertain P {p:.3f} R {r:.3f} F1 {f:.3f}"
          f" MCC {mcc(unc_pred, unc_gold):.3f}")


def main() -> int:
    """Run both systems on the dev split and print them side by side."""
    data_dir = data_path(DEFAULT)
    if data_dir is None:
        return 0
    data = load(data_dir)
    gold = [g for _, g in data]
    print(f"{len(data)} sentences: " + ", ".join(f"{lab} {gold.count(lab)}" for lab in LABELS))
    t = time.perf_counter()
    mine = [ours(text) for text, _ in data]
    took = time.perf_counter() - t
    report("sourcecheck", mine, gold)
    report("naive regex", [naive(text) for text, _ in data], gold)
    print(f"annotation: {took:.2f} s ({len(data) / max(took, 1e-9):.0f} sentences/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
