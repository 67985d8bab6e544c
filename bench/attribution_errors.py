"""Dump attribution errors on PolNeAR train (for tuning; never on a test split).

    python bench/attribution_errors.py [--data ../shared/data/polnear/train] [--limit 200] [--kind fn|fp|holder]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.attribution import gold_of, load_ann  # noqa: E402
from bench.scoring import token_f1  # noqa: E402
from index.epistemic import annotate  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "train"


def _cue(text: str, start: int, end: int, ann: Path) -> str:
    """The gold cue of the attribution covering most of the sentence (for reading errors)."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    best, cue = 0, ""
    lines = ann.read_text(encoding="utf-8").splitlines()
    for line in lines:
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 3:
            label, _, offs = cols[1].partition(" ")
            rng = [tuple(map(int, p.split())) for p in offs.split(";")]
            spans[cols[0]] = (label, rng, cols[2])  # type: ignore[arg-type]
    for line in lines:
        if line.startswith("E"):
            args = dict(a.split(":", 1) for a in line.split("\t")[1].split() if ":" in a)
            c = spans.get(args.get("Content", ""))
            if not c:
                continue
            inside = sum(1 for i in range(start, end) if any(a <= i < b for a, b in c[1]))
            if inside > best:
                best, cue = inside, spans.get(args.get("Cue", ""), ("", [], ""))[2]
    return cue


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--kind", default="fn")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    paths = sorted(args.data.glob("*.ann"))
    random.Random(args.seed).shuffle(paths)
    n = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for ann in paths[:args.limit]:
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        atts = load_ann(ann)
        for s in annotate(text):
            g, src = gold_of(text, s.start, s.end, atts)
            p = "attributed" in s.statuses
            n[("t" if g == p else "f") + ("p" if p else "n")] += 1
            holder = s.holder.name if s.holder else ""
            show = (args.kind == "fn" and g and not p) or (args.kind == "fp" and p and not g) or (
                args.kind == "holder" and g and p and src and token_f1(holder, src) < 0.6)
            if show:
                print(f"--- {args.kind} {ann.stem[:30]} gold_src={src!r} cue={_cue(text, s.start, s.end, ann)!r} "
                      f"ours={holder!r} cue={s.cue!r}")
                print("   ", s.text.replace("\n", " ")[:400])
    print(n, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
