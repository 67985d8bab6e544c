"""Verdict accuracy on tests/data/verdicts.jsonl over the seed articles and tests/data/stories.

    .venv/bin/python -m bench.verdicts [--persist DIR]

Prints per-claim results, accuracy over all claims, per kind, and over the claims that do not need
authorial negation (the `contradicted` kind reads `Sentence.polarity`, set by the annotator).

Example:
    >>> len(load()) >= 40
    True
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "data" / "verdicts.jsonl"
FOLDERS = (ROOT / "index" / "articles", ROOT / "tests" / "data" / "stories")


def load(path: Path = CASES) -> list[dict[str, Any]]:
    """The verdict cases: id, claim, expected kind."""
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def run(bot: Any, cases: list[dict[str, Any]]) -> list[tuple[dict[str, Any], str]]:
    """(case, kind found) for every case."""
    return [(c, bot.check(c["claim"]).kind) for c in cases]


def summary(results: list[tuple[dict[str, Any], str]]) -> dict[str, float]:
    """Accuracy overall, without the negation cases, and per expected kind."""
    def acc(rs: list[tuple[dict[str, Any], str]]) -> float:
        return sum(c["kind"] == k for c, k in rs) / len(rs) if rs else 0.0
    out = {"all": acc(results), "without_negation": acc([r for r in results if r[0]["kind"] != "contradicted"])}
    for kind in sorted(Counter(c["kind"] for c, _ in results)):
        out[kind] = acc([r for r in results if r[0]["kind"] == kind])
    return out


def build_bot(persist: Path) -> Any:
    """A bot over the seed articles and the test stories (real model, real Chroma)."""
    from bot.bot import Bot
    from index.settings import Settings

    corpus = persist / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for folder in FOLDERS:
        for f in folder.glob("*.txt"):
            shutil.copy(f, corpus / f.name)
    return Bot.from_directory(corpus, settings=Settings(data_dir=persist / "data"))


def main(argv: list[str] | None = None) -> int:
    """Run the verdict set and print the scores."""
    ap = argparse.ArgumentParser(prog="bench.verdicts")
    ap.add_argument("--persist", default=None)
    args = ap.parse_args(argv)
    bot = build_bot(Path(args.persist or tempfile.mkdtemp(prefix="sc-verdicts-")))
    results = run(bot, load())
    for c, k in results:
        print(f"{'ok ' if c['kind'] == k else 'BAD'} {c['id']} want={c['kind']:<16} got={k:<16} {c['claim']}")
    for name, v in summary(results).items():
        print(f"{name:<18} {v:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
