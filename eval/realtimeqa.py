"""Real-world mode: RealTimeQA 2024 news articles and questions whose gold answer occurs in them.

    sourcecheck eval --realtimeqa 100 [--baseline] [--persist DIR]

Indexes the articles retrieved for the first N questions (cached under --persist, so a second run
only asks), asks each question, and reports for sourcecheck and the plain baseline: the share of
questions whose cited quotes contain the gold answer string (answer-bearing citation rate), and
recall@4 of the gold answer string in the top retrieved chunks. The data is read from
`../shared/data/realtimeqa-2024/` by path and never copied into the project.

Example:
    >>> answer_in("Tsai Ing-wen", ["… Tsai Ing-wen, who …"])
    True
"""

from __future__ import annotations

import gzip
import json
import statistics
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eval.metrics import percentile
from index.loader import parse_article
from index.types import Article

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "realtimeqa-2024"


def answer_in(answer: str, texts: list[str]) -> bool:
    """The gold answer string occurs (case-insensitively) in one of the texts."""
    a = answer.lower().strip()
    return any(a in t.lower() for t in texts)


def load_questions(n: int, data: Path = DATA) -> list[dict[str, Any]]:
    """The first n questions."""
    with (data / "questions.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f][:n]


def load_articles(ids: set[str] | None = None, data: Path = DATA, limit: int | None = None) -> Iterator[Article]:
    """Stream the articles with the given ids, or the first `limit` (title and date become header metadata)."""
    with gzip.open(data / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                return
            d = json.loads(line)
            if ids is not None and d["id"] not in ids:
                continue
            date = d.get("date", "").replace("/", "-")[:10]
            head = f"title: {d['title'].strip()}\n" if d.get("title", "").strip() else ""
            head += f"date: {date}\n" if len(date) == 10 else ""
            yield parse_article(f"{head}\n{d['text']}" if head else d["text"], f"rtqa/{d['id']}.txt")


def run(n: int, persist: Path, baseline: bool) -> dict[str, dict[str, float]]:
    """Index (cached), ask, and score both systems."""
    from bot.bot import Bot
    from eval.baseline import BaselineRAG
    from index.ingest import ingest_articles, tqdm_progress
    from index.settings import Settings

    questions = load_questions(n)
    ids = {a for q in questions for a in q["articles"]}
    bot = Bot.open(Settings(persist_dir=persist / "sourcecheck"))
    ingest_articles(load_articles(ids), bot.store, tqdm_progress("index"), total=len(ids))
    results: dict[str, dict[str, float]] = {}
    rows = {"cited": [], "recall": [], "abstained": [], "lat": []}
    for q in questions:
        a = bot.ask(q["question"])
        chunks, _, _ = bot.retriever.chunk_search(q["question"], list(_terms(q["question"])), k=4)
        texts = _chunk_texts(bot, [cid for cid, _ in chunks])
        rows["cited"].append(answer_in(q["answer"], [c.quote for c in a.citations]))
        rows["recall"].append(answer_in(q["answer"], texts))
        rows["abstained"].append(a.abstained)
        rows["lat"].append(a.latency_ms)
    results["sourcecheck"] = _summary(rows)
    if baseline:
        rag = BaselineRAG(load_articles(ids), bot.store.embedder, persist / "baseline")
        rows = {"cited": [], "recall": [], "abstained": [], "lat": []}
        for q in questions:
            b = rag.ask(q["question"])
            rows["cited"].append(answer_in(q["answer"], [c["quote"] for c in b["citations"]]))
            rows["recall"].append(answer_in(q["answer"], b["retrieved"]))
            rows["abstained"].append(False)
            rows["lat"].append(b["latency_ms"])
        results["baseline"] = _summary(rows)
    return results


def _terms(question: str) -> list[str]:
    from index.text import terms

    return terms(question)


def _chunk_texts(bot: Any, chunk_ids: list[str]) -> list[str]:
    found = bot.store.catalog.chunk_texts(chunk_ids)
    return [found[cid][3] for cid in chunk_ids if cid in found]


def _summary(rows: dict[str, list]) -> dict[str, float]:
    n = len(rows["cited"])
    return {"questions": float(n), "answer_bearing_citation_rate": sum(rows["cited"]) / n,
            "recall_at_4": sum(rows["recall"]) / n, "abstention_rate": sum(rows["abstained"]) / n,
            "latency_p50_ms": statistics.median(rows["lat"]), "latency_p95_ms": percentile(rows["lat"], 95)}


def report(results: dict[str, dict[str, float]], out: Path) -> str:
    """Markdown table, also written to out/realtimeqa.md."""
    systems = list(results)
    keys = list(results[systems[0]])
    lines = ["# RealTimeQA 2024", "", "| metric | " + " | ".join(systems) + " |", "|---|" + "---|" * len(systems)]
    lines += [f"| {k} | " + " | ".join(f"{results[s][k]:.3f}" for s in systems) + " |" for k in keys]
    text = "\n".join(lines) + "\n"
    out.mkdir(parents=True, exist_ok=True)
    (out / "realtimeqa.md").write_text(text, encoding="utf-8")
    return text
