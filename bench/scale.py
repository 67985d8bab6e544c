"""Scale: ingest rate against the raw encoders, query latency as the index grows, cold start, peak RSS.

Build mode grows one index over the first --articles RealTimeQA articles (streamed, never held in a
list), stopping at each --fractions mark to measure, in the same run:
  - ingest sentences/s and chunks/s against the raw encoders on a sample of the same step's texts
    (every --raw-every-th article of each --group, alternating with the ingest of that group): the
    ONNX encoder on its sentences (what ingest encodes), sentence-transformers on its chunk texts;
  - `ask()` p50/p95 over the questions against LangChain `similarity_search(k=4)` on the same index.
With --snapshot DIR each step's index is copied to DIR/<articles>, so query mode can re-measure the
same indexes later. After the last step: cold start (import + model load + open index, fresh process)
and the peak RSS of a fresh process serving the final index over all the questions.

    python bench/scale.py --articles 4571 --fractions 0.125,0.25,0.5,1 --snapshot /tmp/sc-scale
    python bench/scale.py --query /tmp/sc-scale/571 /tmp/sc-scale/1143 /tmp/sc-scale/2286 /tmp/sc-scale/4571
"""

from __future__ import annotations

import argparse
import itertools
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.ingest_query import RTQA, pct, rtqa_articles, rtqa_questions

ROOT = Path(__file__).resolve().parent.parent
COLD = """
import time, sys
t0 = time.perf_counter()
from bot import Bot
from index.settings import Settings
bot = Bot.open(Settings(persist_dir=sys.argv[1]))
t1 = time.perf_counter()
bot.ask("What happened?")
t2 = time.perf_counter()
print(f"{t1 - t0:.2f} {t2 - t1:.3f}")
"""
SERVE = """
import re, sys
from bot import Bot
from index.settings import Settings
bot = Bot.open(Settings(persist_dir=sys.argv[1]))
for q in sys.stdin.read().splitlines():
    bot.ask(q)
# VmHWM, not ru_maxrss: ru_maxrss survives fork + exec, so a child would report its parent's peak.
status = open("/proc/self/status").read()
print(int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) // 1024)
"""


def query_row(bot: Any, questions: list[str]) -> tuple[float, float, float, float]:
    """`ask()` and `similarity_search(k=4)` p50/p95 in ms, side by side on the same index."""
    from langchain_chroma import Chroma

    lc = Chroma(client=bot.store.client, collection_name=bot.settings.collection,
                embedding_function=bot.store.embedder)
    for q in questions[:10]:
        bot.ask(q)
        lc.similarity_search(q, k=4)
    lat, base = [], []
    for q in questions:  # interleaved, so both sides see the same machine load
        t = time.perf_counter()
        bot.ask(q)
        lat.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        lc.similarity_search(q, k=4)
        base.append((time.perf_counter() - t) * 1000)
    return statistics.median(lat), pct(lat, 95), statistics.median(base), pct(base, 95)


def fmt_query(row: tuple[float, float, float, float]) -> str:
    return f"{row[0]:>8.1f} {row[1]:>8.1f} {row[2]:>8.1f} {row[3]:>8.1f} {row[0] / row[2]:>6.2f}"


def rate(encode: Any, texts: list[str]) -> float:
    """Texts per second of one encoder on `texts`."""
    t = time.perf_counter()
    encode(texts)
    return len(texts) / (time.perf_counter() - t)


def serve_figures(persist: Path, questions: list[str]) -> tuple[str, str, str]:
    """Cold start seconds, first ask ms, and peak RSS (MB) of a fresh process serving the index."""
    cold = subprocess.run([sys.executable, "-c", COLD, str(persist)], capture_output=True, text=True, cwd=ROOT)
    load_s, first_s = cold.stdout.split()
    served = subprocess.run([sys.executable, "-c", SERVE, str(persist)], input="\n".join(questions),
                            capture_output=True, text=True, cwd=ROOT)
    return load_s, f"{float(first_s) * 1000:.0f}", served.stdout.strip() or served.stderr[-500:]


def build(args: argparse.Namespace, questions: list[str]) -> Path:
    from bot import Bot
    from index.embed import SentenceTransformerEmbeddings
    from index.ingest import ingest_articles, prepare
    from index.settings import Settings

    persist = Path(args.persist or tempfile.mkdtemp(prefix="sc-scale-"))
    settings = Settings(persist_dir=persist)
    bot = Bot.open(settings)
    onnx = bot.store.embedder
    st = SentenceTransformerEmbeddings(settings.model_path(), settings.embedding_batch_size)
    for enc in (onnx, st):
        enc.encode(["warm up the encoder"] * 32)
    fractions = [float(f) for f in args.fractions.split(",")]
    bounds = [round(args.articles * f) for f in fractions]
    stream = rtqa_articles(args.articles)
    done = 0
    print(f"{'articles':>8} {'chunks':>7} {'sent/s':>7} {'onnx':>7} {'ratio':>5} {'chunk/s':>7} {'st':>6} "
          f"{'ratio':>5} {'ask p50':>8} {'ask p95':>8} {'sim p50':>8} {'sim p95':>8} {'ratio':>6}", flush=True)
    for bound in bounds:
        raw_s = raw_n = st_s = st_n = ing_s = ing_sent = ing_chunk = 0.0
        while done < bound:
            # Alternate a raw-encoder sample and the ingest of the same group, so that both sides see
            # the same machine (its speed drifts by ±10% over minutes here).
            group = list(itertools.islice(stream, min(args.group, bound - done)))  # never the whole corpus
            if not group:
                break
            done += len(group)
            sample = [prepare(a, settings) for a in group[:: args.raw_every]]
            sents = [x.text for ss, _ in sample for x in ss]
            chunks = [c.text for _, cs in sample for c in cs][: max(1, len(sents) // 16)]
            t = time.perf_counter()
            onnx.encode(sents)
            raw_s, raw_n = raw_s + time.perf_counter() - t, raw_n + len(sents)
            t = time.perf_counter()
            st.encode(chunks)
            st_s, st_n = st_s + time.perf_counter() - t, st_n + len(chunks)
            n_sent, n_chunk = bot.store.catalog.count_sentences(), bot.store.count()
            t = time.perf_counter()
            ingest_articles(iter(group), bot.store)
            ing_s += time.perf_counter() - t
            ing_sent += bot.store.catalog.count_sentences() - n_sent
            ing_chunk += bot.store.count() - n_chunk
        if not ing_s:
            break
        sent_rate, chunk_rate, onnx_rate, st_rate = ing_sent / ing_s, ing_chunk / ing_s, raw_n / raw_s, st_n / st_s
        row = query_row(bot, questions)
        print(f"{bound:>8} {bot.store.count():>7} {sent_rate:>7.1f} {onnx_rate:>7.1f} {sent_rate / onnx_rate:>5.2f} "
              f"{chunk_rate:>7.1f} {st_rate:>6.1f} {chunk_rate / st_rate:>5.2f} {fmt_query(row)}", flush=True)
        if args.snapshot:
            dest = Path(args.snapshot) / str(bound)
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(persist, dest)
    print(f"bench process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    bot.store.catalog.close()
    return persist


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=571)
    ap.add_argument("--fractions", default="0.125,0.25,0.5,1")
    ap.add_argument("--questions", type=int, default=548)
    ap.add_argument("--group", type=int, default=200, help="articles ingested between two raw-encoder samples")
    ap.add_argument("--raw-every", type=int, default=4, help="raw-encode every n-th article of each group")
    ap.add_argument("--persist", default=None)
    ap.add_argument("--snapshot", default=None, help="copy each step's index to SNAPSHOT/<articles>")
    ap.add_argument("--query", nargs="*", default=None, help="only measure queries on these persisted indexes")
    args = ap.parse_args()
    if not RTQA.exists():
        print(f"skipped: {RTQA} not found")
        return 0
    questions = rtqa_questions(args.questions)
    if args.query is None:
        final = build(args, questions)
    else:
        from bot import Bot
        from index.settings import Settings

        print(f"{'index':>30} {'chunks':>7} {'ask p50':>8} {'ask p95':>8} {'sim p50':>8} {'sim p95':>8} {'ratio':>6}")
        for d in args.query:
            bot = Bot.open(Settings(persist_dir=d))
            print(f"{d:>30} {bot.store.count():>7} {fmt_query(query_row(bot, questions))}", flush=True)
            bot.store.catalog.close()
        final = Path(args.query[-1])
    load_s, first_ms, rss = serve_figures(final, questions)
    print(f"cold start (import + model load + open index, fresh process): {load_s} s; first ask {first_ms} ms")
    print(f"peak RSS of a fresh process serving {final} over {len(questions)} questions: {rss} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
