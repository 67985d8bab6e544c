"""Dump RealTimeQA misses for analysis: question, gold, answer phrase, cited quotes, and where (if anywhere)
the gold answer sits in what retrieval found.

    python -m bench.realtimeqa_misses --index /work/idx/rtqa-15 --out /tmp/misses.jsonl

Example:
    >>> _rank("b", ["a", "b c"])
    1
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.realtimeqa_answers import phrase_matches
from eval.realtimeqa import load_questions


def _rank(gold: str, texts: list[str]) -> int:
    """Index of the first text holding the gold answer (case-insensitive), else -1."""
    g = gold.lower().strip()
    return next((i for i, t in enumerate(texts) if g in t.lower()), -1)


def dump(index: Path, out: Path, n: int) -> None:
    """Ask every question and write one JSON row per question."""
    from bot.bot import Bot
    from bot.entities import expected_type
    from index.settings import Settings

    bot = Bot.open(Settings(persist_dir=index))
    with out.open("w", encoding="utf-8") as f:
        for q in load_questions(n):
            a = bot.ask(q["question"])
            found = bot.retrieve(q["question"])
            phrase = a.phrase.text if a.phrase else ""
            ev = found.evidence
            gold_ids = set(q["articles"])
            arts = [Path(e.article.path.rsplit("#", 1)[-1]).stem for e in ev]
            row = {"q": q["question"], "gold": q["answer"], "type": expected_type(q["question"]),
                   "phrase": phrase, "phrase_ok": phrase_matches(phrase, q["answer"]),
                   "abstained": a.abstained, "warnings": list(a.warnings),
                   "quotes": [c.quote for c in a.citations],
                   "cited_ok": _rank(q["answer"], [c.quote for c in a.citations]) >= 0,
                   "ev_rank": _rank(q["answer"], [e.sentence.text for e in ev]),
                   "ev_n": len(ev), "gold_art_in_ev": bool(gold_ids & set(arts)),
                   "title_rank": _rank(q["answer"], [e.article.title for e in ev]),
                   "top": [(round(e.score, 3), e.sentence.text[:160]) for e in ev[:5]]}
            f.write(json.dumps(row) + "\n")


def main() -> None:
    """CLI entry point."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--n", type=int, default=548)
    args = ap.parse_args()
    dump(args.index, args.out, args.n)


if __name__ == "__main__":
    main()
