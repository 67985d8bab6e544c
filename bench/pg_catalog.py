"""The SQLite catalog and the PostgreSQL catalog side by side, in one run: ingest rate, ask() latency, answers.

Ingests the first N RealTimeQA 2024 articles into a SQLite catalog and, separately, into a
PostgreSQL one (same encoder, same Chroma kind); then copies the SQLite catalog into PostgreSQL
(`sourcecheck catalog copy`) and asks every question of both, alternating, over the same Chroma.
`--persist DIR` benches an existing index instead (copied, with its own catalog; nothing re-ingested there).

    python bench/pg_catalog.py --pg postgresql://postgres@127.0.0.1:5432/postgres --articles 40
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot import Bot  # noqa: E402
from eval.realtimeqa import load_articles, load_questions  # noqa: E402
from index.catalog_copy import copy_catalog  # noqa: E402
from index.embed import make_embedder  # noqa: E402
from index.ingest import ingest_articles  # noqa: E402
from index.settings import Settings  # noqa: E402
from index.store import Store  # noqa: E402
from tests.servers import drop_schema  # noqa: E402


def ingest_rate(settings: Settings, n: int) -> float:
    """Articles per second ingesting the first n RealTimeQA articles with these settings."""
    store = Store.open(settings, make_embedder(settings))
    t0 = time.perf_counter()
    ingest_articles(load_articles(limit=n), store)
    return n / (time.perf_counter() - t0)


def latencies(bot: Bot, questions: list[str]) -> tuple[list[float], list[dict]]:
    """Per-question ask() wall time in ms, and the answers without their latency."""
    times, answers = [], []
    for q in questions:
        t0 = time.perf_counter()
        a = bot.ask(q)
        times.append((time.perf_counter() - t0) * 1000)
        answers.append({k: v for k, v in a.to_dict().items() if k != "latency_ms"})
    return times, answers


def main() -> None:
    """Run the comparison and print one table."""
    p = argparse.ArgumentParser()
    p.add_argument("--pg", required=True)
    p.add_argument("--articles", type=int, default=40)
    p.add_argument("--persist", type=Path, help="an existing SQLite+Chroma index to ask (read only)")
    args = p.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-pg-"))
    for schema in ("benchlite", "benchpg"):
        drop_schema(args.pg, schema)
    lite_s = Settings(persist_dir=tmp / "lite", collection="benchlite")
    rates = (ingest_rate(lite_s, args.articles),
             ingest_rate(Settings(persist_dir=tmp / "pg", collection="benchpg", catalog_url=args.pg), args.articles))
    if args.persist:  # a copy: opening an index may write to it (Chroma), and the one given stays as it is
        shutil.copytree(args.persist, tmp / "persist")
    persist, collection = (tmp / "persist", "articles") if args.persist else (tmp / "lite", "benchlite")
    drop_schema(args.pg, collection)
    copy_catalog(persist / f"catalog-{collection}.sqlite", args.pg, collection)
    lite = Bot.open(Settings(persist_dir=persist, collection=collection))
    shared = Bot.open(Settings(persist_dir=persist, collection=collection, catalog_url=args.pg))
    questions = [q["question"] for q in load_questions(10_000)]
    latencies(lite, questions[:20]), latencies(shared, questions[:20])  # warm both
    t_lite, a_lite = latencies(lite, questions)
    t_pg, a_pg = latencies(shared, questions)
    same = sum(x == y for x, y in zip(a_lite, a_pg, strict=True))
    chunks = lite.store.count()
    print(f"index: {chunks} chunks ({args.persist or persist}); {len(questions)} RealTimeQA questions; "
          f"ingest of {args.articles} articles")
    print(f"{'':22}{'SQLite':>10}{'PostgreSQL':>12}{'ratio':>8}")
    for name, f in (("ask p50 ms", lambda t: statistics.median(t)),
                    ("ask p95 ms", lambda t: statistics.quantiles(t, n=20)[18])):
        a, b = f(t_lite), f(t_pg)
        print(f"{name:22}{a:10.1f}{b:12.1f}{b / a:8.2f}")
    print(f"{'ingest articles/s':22}{rates[0]:10.2f}{rates[1]:12.2f}{rates[1] / rates[0]:8.2f}")
    print(f"identical answers: {same}/{len(questions)}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
