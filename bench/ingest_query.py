"""Ingest and query speed, measured side by side in one run.

Ingest: the full pipeline (load, split, annotate, encode, Chroma, catalog) against the raw
sentence-transformers encoder on the same sentence texts, in the same process.
Query: `Bot.ask()` p50/p95 (model load excluded, reported apart) against LangChain's plain
`Chroma.similarity_search(k=4)` on the same collection.

    python bench/ingest_query.py --corpus seed
    python bench/ingest_query.py --corpus realtimeqa --limit 500 --questions 200
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot import Bot  # noqa: E402
from index.embed import SentenceTransformerEmbeddings, make_embedder  # noqa: E402
from index.ingest import ingest_articles  # noqa: E402
from eval.realtimeqa import load_articles  # noqa: E402
from index.loader import iter_articles  # noqa: E402
from index.settings import Settings  # noqa: E402
from index.splitter import split_sentences  # noqa: E402
from index.types import Article  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RTQA = ROOT.parent / "shared" / "data" / "realtimeqa-2024"
SEED_QUESTIONS = [
    "Who leads the Syrian Revolutionaries Front?", "Did ISIS and al-Qaida agree to a truce?",
    "Where did the meeting take place?", "Who is Chris Kozak?", "When did Al Qaeda cut ties with the Islamic State?",
    "What is the Khorasan Group?", "Which Egyptian militant group pledged support to ISIS?",
    "What do U.S. officials say about the merger?", "Who won the 2014 World Cup?", "What is the population of Aleppo?",
]


def rtqa_articles(limit: int) -> Iterator[Article]:
    """The first `limit` RealTimeQA articles (the eval's loader)."""
    return load_articles(limit=limit)


def rtqa_questions(limit: int) -> list[str]:
    with (RTQA / "questions.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line)["question"] for line in f][:limit]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", choices=["seed", "realtimeqa"], default="seed")
    ap.add_argument("--limit", type=int, default=500, help="articles (realtimeqa)")
    ap.add_argument("--questions", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=5, help="passes over the seed questions")
    args = ap.parse_args()
    if args.corpus == "realtimeqa" and not RTQA.exists():
        print(f"skipped: {RTQA} not found")
        return 0
    t0 = time.perf_counter()
    settings = Settings(data_dir=Path(tempfile.mkdtemp(prefix="sc-bench-")))
    embedder = make_embedder(settings)  # the production path (ONNX Runtime by default)
    load_s = time.perf_counter() - t0
    st_encoder = SentenceTransformerEmbeddings(settings.model_path(), settings.embedding_batch_size)
    if args.corpus == "seed":
        articles = [a for _, a in iter_articles(ROOT / "index" / "articles") if isinstance(a, Article)]
        questions = SEED_QUESTIONS * args.repeat
    else:
        articles = list(rtqa_articles(args.limit))
        questions = rtqa_questions(args.questions)
    sentences = [a.text[s:e] for a in articles for s, e in split_sentences(a.text, a.body_start)]
    embedder.encode(sentences[:64])  # warm-up, same for every side
    st_encoder.encode(sentences[:64])

    t1 = time.perf_counter()
    st_encoder.encode(sentences)
    st_s = time.perf_counter() - t1
    t1 = time.perf_counter()
    embedder.encode(sentences)
    raw_s = time.perf_counter() - t1

    bot = Bot.open(settings, embeddings=embedder)
    t2 = time.perf_counter()
    report = ingest_articles(iter(articles), bot.store)
    ingest_s = time.perf_counter() - t2
    chunks = report.chunks_added

    for q in questions[:3]:
        bot.ask(q)  # warm caches
    lat = []
    for q in questions:
        t = time.perf_counter()
        bot.ask(q)
        lat.append((time.perf_counter() - t) * 1000)

    from langchain_chroma import Chroma

    lc = Chroma(client=bot.store.client, collection_name=settings.collection, embedding_function=embedder)
    lc.similarity_search(questions[0], k=4)
    base = []
    for q in questions:
        t = time.perf_counter()
        lc.similarity_search(q, k=4)
        base.append((time.perf_counter() - t) * 1000)

    print(f"corpus: {args.corpus}, {len(articles)} articles, {len(sentences)} sentences, {chunks} chunks")
    print(f"model load: {load_s:.2f} s (excluded below)")
    print(f"raw sentence-transformers encoder: {len(sentences) / st_s:8.1f} sentences/s  ({st_s:.2f} s)")
    print(f"raw production encoder ({type(embedder).__name__}): {len(sentences) / raw_s:8.1f} sentences/s  "
          f"({raw_s:.2f} s)")
    print(f"ingest:        {len(sentences) / ingest_s:8.1f} sentences/s, {chunks / ingest_s:8.1f} chunks/s "
          f"({ingest_s:.2f} s)")
    print(f"ratio ingest / raw sentence-transformers (sentences/s): {st_s / ingest_s:.3f}")
    print(f"ratio ingest / raw production encoder (sentences/s):   {raw_s / ingest_s:.3f}")
    print(f"ask():                 p50 {statistics.median(lat):7.1f} ms  p95 {pct(lat, 95):7.1f} ms  "
          f"({len(lat)} questions)")
    print(f"similarity_search(4):  p50 {statistics.median(base):7.1f} ms  p95 {pct(base, 95):7.1f} ms")
    print(f"ratio ask/similarity_search p50: {statistics.median(lat) / statistics.median(base):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
