"""Scale: ingest rate against the raw encoder, query latency as the index grows, cold start, peak RSS.

Grows one index in steps (e.g. 1/4, 1/2, all of --articles), measuring after each step, in one run:
  - ingest sentences/s and chunks/s against the raw encoder on the same new sentences (same step);
  - `ask()` p50/p95 over the questions against LangChain `similarity_search(k=4)` on the same index;
Then cold start (import + model load + open index, in a fresh process) and the peak RSS of a
process serving the final index.

    python bench/scale.py --articles 571 --steps 4 --questions 200
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.ingest_query import RTQA, pct, rtqa_articles, rtqa_questions  # noqa: E402
from index.splitter import split_sentences  # noqa: E402

COLD = """
import time, sys
t0 = time.perf_counter()
from bot import Bot
from index.settings import Settings
bot = Bot.open(Settings(persist_dir=sys.argv[1]))
t1 = time.perf_counter()
bot.ask("What happened?")
t2 = time.perf_counter()
import resource
print(f"{t1 - t0:.2f} {t2 - t1:.3f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
"""

SERVE = """
import sys, resource
from bot import Bot
from index.settings import Settings
qs = sys.argv[2:]
bot = Bot.open(Settings(persist_dir=sys.argv[1]))
for q in qs:
    bot.ask(q)
print(f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
"""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=571)
    ap.add_argument("--steps", type=int, default=4)
    ap.add_argument("--questions", type=int, default=200)
    ap.add_argument("--persist", default=None)
    args = ap.parse_args()
    if not RTQA.exists():
        print(f"skipped: {RTQA} not found")
        return 0
    from langchain_chroma import Chroma

    from bot import Bot
    from index.ingest import ingest_articles
    from index.settings import Settings

    persist = Path(args.persist or tempfile.mkdtemp(prefix="sc-scale-"))
    articles = list(rtqa_articles(args.articles))
    questions = rtqa_questions(args.questions)
    bot = Bot.open(Settings(persist_dir=persist))
    embedder = bot.store.embedder
    embedder.encode(["warm up the encoder"] * 32)
    bounds = [round(len(articles) * (i + 1) / args.steps) for i in range(args.steps)]
    done = 0
    print(f"{'articles':>8} {'chunks':>7} {'raw s/s':>8} {'ingest s/s':>10} {'ratio':>6} "
          f"{'ask p50':>8} {'ask p95':>8} {'sim p50':>8} {'sim p95':>8} {'ratio':>6}")
    for bound in bounds:
        batch = articles[done:bound]
        sentences = [a.text[s:e] for a in batch for s, e in split_sentences(a.text, a.body_start)]
        t = time.perf_counter()
        embedder.encode(sentences)
        raw = len(sentences) / (time.perf_counter() - t)
        t = time.perf_counter()
        ingest_articles(iter(batch), bot.store)
        secs = time.perf_counter() - t
        done = bound
        for q in questions[:5]:
            bot.ask(q)
        lat = []
        for q in questions:
            t = time.perf_counter()
            bot.ask(q)
            lat.append((time.perf_counter() - t) * 1000)
        lc = Chroma(client=bot.store.client, collection_name=bot.settings.collection, embedding_function=embedder)
        base = []
        for q in questions:
            t = time.perf_counter()
            lc.similarity_search(q, k=4)
            base.append((time.perf_counter() - t) * 1000)
        p50, b50 = statistics.median(lat), statistics.median(base)
        print(f"{bound:>8} {bot.store.count():>7} {raw:>8.1f} {len(sentences) / secs:>10.1f} "
              f"{raw and (len(sentences) / secs) / raw:>6.2f} {p50:>8.1f} {pct(lat, 95):>8.1f} {b50:>8.1f} "
              f"{pct(base, 95):>8.1f} {p50 / b50:>6.2f}", flush=True)
    n_chunks = bot.store.count()
    bot.store.catalog.close()
    root = str(Path(__file__).resolve().parent.parent)
    cold = subprocess.run([sys.executable, "-c", COLD, str(persist)], capture_output=True, text=True, cwd=root)
    load_s, first_ms, rss = cold.stdout.split()
    print(f"cold start (import + model load + open index, fresh process): {load_s} s; first ask {float(first_ms) * 1000:.0f} ms")
    served = subprocess.run([sys.executable, "-c", SERVE, str(persist), *questions[:100]], capture_output=True,
                            text=True, cwd=root)
    print(f"peak RSS serving {bound} articles ({n_chunks} chunks) over 100 questions: "
          f"{served.stdout.strip()} MB")
    print(f"bench process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
