"""Error dumps and a per-rule ablation for the negation, hedge and modality rules (issue 14), on the tuning parts only.

Tuning reads UW factuality *train* and the *even* rows of WikiWeasel (as the hedge cue classes were
chosen before); `bench/factuality.py` (UW dev) and `bench/hedges.py` (the held-out odd rows, the whole
file beside them) report. Never point this at a test split.

    python bench/modality_errors.py uw [GOLD [PRED [N]]]   # UW train sentences, e.g. `uw possible fact 40`
    python bench/modality_errors.py ww fp|fn [N]            # WikiWeasel even rows, wrong by sourcecheck
    python bench/modality_errors.py rules                   # each rule of index.modality left out in turn
    python bench/modality_errors.py events [MIN_N]          # UW train events by the word that governs them

`events` reads UW's own (gold) parse and event values, not our rules: for each event it takes the modal,
subordinator or "to" attached to it and its dependency label, and prints how often UW counts such events
as possible (-1 < value < 1) or counterfact (value <= -1). It shows what a cue scoped to its event can
reach at best: a modal's own event is rarely possible in UW ("would" 0.15, "will" 0.02).
"""

from __future__ import annotations

import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import factuality, hedges  # noqa: E402
from bench.scoring import macro_f1, prf  # noqa: E402
from index import modality  # noqa: E402
from index.epistemic import annotate, annotate_spans  # noqa: E402

UW_TRAIN = factuality.DEFAULT.with_name("train.conll")


def _uw_rows() -> list[tuple[str, str]]:
    return factuality.load(UW_TRAIN)


def _ww_rows() -> list[tuple[str, int]]:
    rows = hedges.load(hedges.DEFAULT)
    return [(hedges.detok(t), g) for i, (t, g) in enumerate(rows) if i % 2 == 0]


def dump_uw(gold: str | None, pred: str | None, n: int) -> None:
    """Print UW train sentences with gold `gold` labelled `pred`, with the cue that decided."""
    shown = []
    for text, g in _uw_rows():
        p, unc = factuality.ours(text)
        if (gold is None or g == gold) and (pred is None or p == pred):
            s = annotate_spans(text, [(0, len(text))])[0]
            shown.append(f"[{g} -> {p}, uncertain={int(unc)}, {s.status}: {s.cue!r}, polarity: {s.polarity_cue!r}]\n"
                         f"    {text}")
    random.Random(0).shuffle(shown)
    print(f"{len(shown)} sentences; {min(n, len(shown))} shown")
    print("\n".join(shown[:n]))


def dump_ww(kind: str, n: int) -> None:
    """Print WikiWeasel even rows that sourcecheck gets wrong (`fp`: flagged but certain, `fn`: missed)."""
    shown = []
    for text, g in _ww_rows():
        flagged = [s for s in annotate(text) if s.uncertain]
        if (kind == "fp" and flagged and not g) or (kind == "fn" and g and not flagged):
            shown.append(f"[{kind}] {[(s.status, s.cue) for s in flagged]} {text[:300]}")
    random.Random(0).shuffle(shown)
    print(f"{len(shown)} rows; {min(n, len(shown))} shown")
    print("\n".join(shown[:n]))


def _conll(path: Path) -> list[list[list[str]]]:
    """UW sentences as rows of columns (idx word value pos head deprel lemma)."""
    out: list[list[list[str]]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 7:
            out[-1].append(cols)
        elif out[-1]:
            out.append([])
    return [rows for rows in out if rows]


def _governor(rows: list[list[str]], i: int) -> str:
    """The modal, subordinator or "to" attached to token `i` ("-" when none), and its dependency label."""
    marks = [r[1].lower() for r in rows if int(r[4]) == i and r[3] in ("MD", "TO", "IN") and r[5] in ("aux", "mark")]
    negated = any(int(r[4]) == i and r[5] == "neg" for r in rows)
    return f"{marks[0] if marks else '-'} {'neg' if negated else rows[i][5]}"


def dump_events(min_n: int) -> None:
    """Print UW train events grouped by their governing word and dependency label, with UW's values."""
    groups: dict[str, list[float]] = defaultdict(list)
    for rows in _conll(UW_TRAIN):
        for i, r in enumerate(rows):
            if r[2] != "_":
                groups[_governor(rows, i)].append(float(r[2]))
    print(f"{'governor dep':<22}{'events':>7}{'mean':>7}{'possible':>9}{'counter':>8}")
    for key, vals in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        if len(vals) >= min_n:
            poss = sum(-1 < v < 1 for v in vals) / len(vals)
            print(f"{key:<22}{len(vals):7d}{sum(vals) / len(vals):7.2f}{poss:9.2f}{sum(v <= -1 for v in vals) / len(vals):8.2f}")


def _scores() -> str:
    modality.read_modality.cache_clear()
    uw = _uw_rows()
    labels = [factuality.ours(t) for t, _ in uw]
    macro, per = macro_f1([p for p, _ in labels], [g for _, g in uw], factuality.LABELS)
    unc = prf([int(u) for _, u in labels], [int(g == "possible") for _, g in uw])[2]
    ww = _ww_rows()
    f = prf([int(any(s.uncertain for s in annotate(t))) for t, _ in ww], [g for _, g in ww])[2]
    return (f"UW train macro {macro:.3f} possible {per['possible']:.3f} counterfact {per['counterfact']:.3f} "
            f"uncertain {unc:.3f} | WikiWeasel even F1 {100 * f:.1f}")


def ablate() -> None:
    """Scores with every rule, then with each rule of `index.modality.RULES` left out."""
    every = modality.RULES
    print(f"{'all rules':<22} {_scores()}")
    for rule in every:
        modality.RULES = tuple(r for r in every if r is not rule)
        print(f"{'- ' + rule.name:<22} {_scores()}")
    modality.RULES = every
    modality.read_modality.cache_clear()


def main(argv: list[str]) -> int:
    if not UW_TRAIN.exists() or not hedges.DEFAULT.exists():
        print("skipped: benchmark data lives in ../shared/data, never in the repo")
        return 0
    mode, rest = (argv[0] if argv else "rules"), argv[1:]
    if mode == "uw":
        gold = rest[0] if rest else None
        pred = rest[1] if len(rest) > 1 else None
        dump_uw(gold, pred, int(rest[2]) if len(rest) > 2 else 40)
    elif mode == "events":
        dump_events(int(rest[0]) if rest else 10)
    elif mode == "ww":
        dump_ww(rest[0] if rest else "fn", int(rest[1]) if len(rest) > 1 else 40)
    else:
        ablate()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
