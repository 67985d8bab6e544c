"""RealTimeQA answers on an existing index: gold in the cited quotes, answer phrase = gold, abstention,
citation validity, and ask() latency beside similarity_search(k=4), in one run.

    python -m bench.realtimeqa_answers --index /tmp/rtqa15b [--n 548] [--start 200]

Only the questions with at least one gold article in the index are asked (a partial index is fine).
The data is read from `../shared/data/realtimeqa-2024/` by path.

Example:
    >>> normalise("The U.S.!") == normalise("u.s.")
    True
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

from eval.metrics import percentile
from eval.realtimeqa import answer_in, load_questions


def normalise(text: str) -> str:
    """SQuAD-style: lower case, no punctuation, no articles, single spaces."""
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return " ".join(w for w in text.split() if w not in {"a", "an", "the"})


def phrase_matches(phrase: str, gold: str) -> bool:
    """The answer phrase names the gold answer: equal after normalising, or one holds the other."""
    p, g = normalise(phrase), normalise(gold)
    return bool(p and g) and (p == g or f" {g} " in f" {p} " or f" {p} " in f" {g} ")


def run(index: Path, n: int, start: int = 0) -> dict[str, float]:
    """Ask the answerable questions against the index and score them."""
    from bot.assemble import verify_answer
    from bot.bot import Bot
    from index.settings import Settings

    bot = Bot.open(Settings(persist_dir=index))
    from langchain_chroma import Chroma

    lc = Chroma(client=bot.store.client, collection_name=bot.settings.collection,
                embedding_function=bot.store.embedder)
    ids = {Path(a.path.rsplit("#", 1)[-1]).stem for a in bot.store.catalog.articles()}
    questions = [q for q in load_questions(n)[start:] if set(q["articles"]) & ids]
    rows: dict[str, list] = {k: [] for k in ("cited", "phrase", "abstained", "valid", "quotes", "lat", "sim")}
    for q in questions:
        a = bot.ask(q["question"])
        phrase = a.phrase.text if a.phrase else ""
        rows["cited"].append(answer_in(q["answer"], [c.quote for c in a.citations]))
        rows["phrase"].append(phrase_matches(phrase, q["answer"]))
        rows["abstained"].append(a.abstained)
        rows["valid"].append(not verify_answer(a, bot.store.catalog))
        rows["quotes"].append(sum(x.kind == "quote" for x in a.sentences))
        rows["lat"].append(a.latency_ms)
        t0 = time.perf_counter()
        lc.similarity_search(q["question"], k=4)
        rows["sim"].append((time.perf_counter() - t0) * 1000)
    m = len(questions) or 1
    p50, sim50 = statistics.median(rows["lat"] or [0]), statistics.median(rows["sim"] or [0])
    return {"questions": float(len(questions)), "chunks": float(bot.store.count()),
            "cited": sum(rows["cited"]) / m, "phrase_match": sum(rows["phrase"]) / m,
            "abstained": sum(rows["abstained"]) / m, "citation_validity": sum(rows["valid"]) / m,
            "max_quotes": float(max(rows["quotes"] or [0])), "ask_p50_ms": p50,
            "ask_p95_ms": percentile(rows["lat"], 95), "sim_k4_p50_ms": sim50,
            "ratio_p50": p50 / sim50 if sim50 else 0.0}


def main() -> None:
    """CLI entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", type=Path, required=True, help="persist dir of a RealTimeQA index")
    ap.add_argument("--n", type=int, default=548, help="first N questions (only those in the index are asked)")
    ap.add_argument("--start", type=int, default=0, help="skip the first START of them (a held-out range)")
    args = ap.parse_args()
    for k, v in run(args.index, args.n, args.start).items():
        print(f"{k:20s} {v:10.3f}")


if __name__ == "__main__":
    main()
