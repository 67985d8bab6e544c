"""Hedge detection benchmark on WikiWeasel (CoNLL-2010 style): sentence-level uncertain-vs-certain F1.

A sentence counts as uncertain when any sentence `annotate` finds in it has `uncertain` set.
Compared side by side with a one-line regex of ~50 common hedge and weasel cues.

The corpus has only `train.csv`, so it is split by row: rules are tuned on the *even* rows (0, 2, …;
`bench/modality_errors.py ww` reads only those) and the figure to report is the held-out *odd* rows.
The whole-file figure is printed beside it, labelled, for comparison with earlier runs.

    python bench/hedges.py [--data ../shared/data/wikiweasel/train.csv]
"""

from __future__ import annotations

import csv
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scoring import data_path, prf  # noqa: E402
from index.epistemic import annotate  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "wikiweasel" / "train.csv"
BASELINE = re.compile(
    r"\b(may|might|could|possibly|probably|perhaps|likely|unlikely|seem|seems|seemed|appear|appears|appeared|"
    r"suggest|suggests|suggested|believe|believed|believes|thought|think|consider|considered|some|many|most|"
    r"several|often|usually|generally|widely|reportedly|allegedly|apparently|presumably|arguably|claim|claims|"
    r"claimed|said to|it is said|critics|experts|observers|sources|various|numerous|somewhat|largely|mainly|"
    r"estimated|rumored|supposedly|potential|potentially)\b", re.I)


def detok(text: str) -> str:
    """Undo Penn-Treebank tokenisation enough for the rules (`` '' -LRB- n't , .)."""
    t = text.replace("``", "“").replace("''", "”").replace("-LRB-", "(").replace("-RRB-", ")")
    t = re.sub(r"\s+([.,;:!?%)])", r"\1", t)
    t = re.sub(r"\(\s+", "(", t)
    t = re.sub(r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", t)
    return t.strip()


def load(path: Path) -> list[tuple[str, int]]:
    with path.open(encoding="utf-8") as f:
        return [(row["text"], int(row["label"])) for row in csv.DictReader(f)]


PARTS = (("held-out odd rows", 1), ("whole file", None))  # the even rows are the tuning part


def part(items: list[int], parity: int | None) -> list[int]:
    """The rows of one part: odd (`parity` 1), even (0) or all (None).

    Example:
        >>> part([10, 11, 12, 13], 1), part([10, 11, 12, 13], None)
        ([11, 13], [10, 11, 12, 13])
    """
    return items if parity is None else items[parity::2]


def main() -> int:
    data_dir = data_path(DEFAULT)
    if data_dir is None:
        return 0
    rows = load(data_dir)
    texts = [detok(t) for t, _ in rows]
    gold = [g for _, g in rows]
    t0 = time.perf_counter()
    ours = [int(any(s.uncertain for s in annotate(t))) for t in texts]
    dt = time.perf_counter() - t0
    t1 = time.perf_counter()
    base = [int(bool(BASELINE.search(t))) for t in texts]
    dt_base = time.perf_counter() - t1
    for label, parity in PARTS:
        g = part(gold, parity)
        print(f"{label}: {len(g)} sentences, {sum(g)} uncertain")
        print(f"  {'system':<22}{'P':>7}{'R':>7}{'F1':>7}")
        for name, pred in (("sourcecheck annotate", ours), ("regex of ~50 cues", base)):
            p, r, f = prf(part(pred, parity), g)
            print(f"  {name:<22}{100 * p:7.1f}{100 * r:7.1f}{100 * f:7.1f}")
    print(f"speed (whole file): sourcecheck {len(rows) / dt:.0f} sentences/s, regex {len(rows) / dt_base:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
