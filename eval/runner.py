"""Run the eval question set through sourcecheck (and the plain baseline), score, and report.

    sourcecheck eval [--set eval/questions.jsonl] [--corpus index/articles] [--baseline] [--out DIR]
    sourcecheck eval --sweep [--index DIR --baseline]   (the abstention thresholds, `eval.sweep_run`)

Writes `report.md`, `metrics.png` and `answers.jsonl` under `eval/reports/` (or --out) and exits 1
when a metric falls below `eval/thresholds.toml` (citation validity must be 100%).

Example:
    >>> load_cases(EVAL_DIR / "questions.jsonl")[0]["id"]
    'fact-01'
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from eval import metrics as m

EVAL_DIR = Path(__file__).resolve().parent
STATUSES = ("attributed", "hedged", "unconfirmed", "disputed", "conditional", "speculative")
METRICS = ("answer_correct", "recall_at_k", "citation_precision", "citation_recall", "citation_validity",
           "flag_precision", "flag_recall", "abstention_accuracy")


def load_cases(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSONL case file (one case a line)."""
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def _support(case: dict[str, Any]) -> tuple[list[str], list[str]]:
    return [g["quote"] for g in case.get("gold", [])], [g["quote"] for g in case.get("also", [])]


def run_sourcecheck(bot: Any, cases: list[dict[str, Any]], k: int = 10) -> list[dict[str, Any]]:
    """Ask every case; keep the answer, the top-k retrieved sentences and the article texts cited."""
    records = []
    for case in cases:
        history = [tuple(h) for h in case.get("history", [])]
        answer = bot.ask(case["question"], history=history).to_dict()
        found = bot.retrieve(case["question"], history=history)
        answer["retrieved"] = [e.sentence.text for e in found.evidence[:k]]
        answer["article_texts"] = {c["article_id"]: bot.article(c["article_id"]).text for c in answer["citations"]}
        records.append({"id": case["id"], "type": case["type"], "answer": answer})
    return records


def run_baseline(articles: list[Any], embeddings: Any, cases: list[dict[str, Any]], persist: Path) -> list[dict]:
    """The plain LangChain recipe on the same cases."""
    from eval.baseline import BaselineRAG

    rag = BaselineRAG(articles, embeddings, persist)
    out = []
    for case in cases:
        answer = rag.ask(case["question"])
        answer["article_texts"] = {c["article_id"]: rag.texts.get(c["article_id"], "") for c in answer["citations"]}
        out.append({"id": case["id"], "type": case["type"], "answer": answer})
    return out


def flag_statuses(answer: dict[str, Any]) -> set[str]:
    """Every status the answer's flags carry."""
    return {st for f in answer["flags"] for st in (f.get("statuses") or [f["status"]])}


def score(records: list[dict[str, Any]], cases: list[dict[str, Any]], k: int = 4) -> dict[str, dict[str, float]]:
    """Metrics per question type and overall ('all')."""
    by_id = {c["id"]: c for c in cases}
    groups: dict[str, list[tuple[dict, dict]]] = {}
    for r in records:
        groups.setdefault(r["type"], []).append((r, by_id[r["id"]]))
        groups.setdefault("all", []).append((r, by_id[r["id"]]))
    out: dict[str, dict[str, float]] = {}
    for name, pairs in groups.items():
        vals: dict[str, list[float]] = {key: [] for key in METRICS}
        flag_tp = flag_fp = flag_fn = 0
        latencies = []
        for r, case in pairs:
            a = r["answer"]
            support, also = _support(case)
            quotes = [c["quote"] for c in a["citations"]]
            latencies.append(a.get("latency_ms", 0.0))
            vals["abstention_accuracy"].append(float(bool(a["abstained"]) == bool(case.get("abstain"))))
            for c in a["citations"]:
                text = a.get("article_texts", {}).get(c["article_id"], "")
                vals["citation_validity"].append(float(m.citation_valid(c["quote"], c["start"], c["end"], text)))
            if case.get("abstain"):
                continue
            vals["answer_correct"].append(float(not a["abstained"] and m.keyword_correct(a["text"], case["answer_keywords"])))
            vals["recall_at_k"].append(m.recall_at_k(a.get("retrieved", []), support, k))
            vals["citation_precision"].append(m.citation_precision(quotes, support, also))
            vals["citation_recall"].append(m.citation_recall(quotes, support))
            got = flag_statuses(a)
            for tp, fp, fn in m.flag_counts(case.get("flags", []), got, STATUSES, case.get("flags_ok", [])).values():
                flag_tp, flag_fp, flag_fn = flag_tp + tp, flag_fp + fp, flag_fn + fn
        res = {key: m.mean(v) for key, v in vals.items() if key not in ("flag_precision", "flag_recall")}
        res["flag_precision"], res["flag_recall"] = m.prf(flag_tp, flag_fp, flag_fn)
        kept = proposed = 0
        for r, _ in pairs:
            for w in r["answer"].get("warnings", []):
                g = re.match(r"gate: kept (\d+) of (\d+)", w)
                if g:
                    kept, proposed = kept + int(g.group(1)), proposed + int(g.group(2))
        if proposed:
            res["gate_removed_share"] = 1 - kept / proposed
            res["gate_model_sentences"] = float(proposed)
        res["latency_p50_ms"] = m.percentile(latencies, 50)
        res["latency_p95_ms"] = m.percentile(latencies, 95)
        res["cases"] = float(len(pairs))
        out[name] = res
    return out


def flag_table(records: list[dict[str, Any]], cases: list[dict[str, Any]]) -> dict[str, tuple[float, float]]:
    """Flag precision and recall per status over all cases."""
    by_id = {c["id"]: c for c in cases}
    totals = {s: [0, 0, 0] for s in STATUSES}
    for r in records:
        case = by_id[r["id"]]
        if case.get("abstain"):
            continue
        got = flag_statuses(r["answer"])
        for s, (tp, fp, fn) in m.flag_counts(case.get("flags", []), got, STATUSES, case.get("flags_ok", [])).items():
            totals[s][0] += tp
            totals[s][1] += fp
            totals[s][2] += fn
    return {s: m.prf(*v) for s, v in totals.items()}


def check_thresholds(overall: dict[str, float], path: Path = EVAL_DIR / "thresholds.toml") -> list[str]:
    """Metrics below their thresholds (empty when all pass)."""
    limits = tomllib.loads(path.read_text()) if path.exists() else {}
    return [f"{k} = {overall.get(k) or 0.0:.3f} < {v}" for k, v in limits.get("min", {}).items()
            if (overall.get(k) or 0.0) < v - 1e-9]


def main(args: argparse.Namespace) -> int:
    """CLI entry (see `sourcecheck eval --help`)."""
    from bot.bot import Bot
    from eval.report import write_report
    from index.loader import iter_articles
    from index.settings import Settings
    from index.types import Article

    if getattr(args, "sweep", False):
        from eval import sweep_run

        return sweep_run.main(args)
    if getattr(args, "realtimeqa", 0):
        from eval import realtimeqa

        if not realtimeqa.DATA.exists():
            print(f"skipped: {realtimeqa.DATA} not found (the benchmark data is never copied into the project)")
            return 0
        persist = Path(args.persist) if args.persist else Path(Settings().data_dir) / "realtimeqa"
        results = realtimeqa.run(args.realtimeqa, persist, args.baseline)
        print(realtimeqa.report(results, Path(args.out) if args.out else EVAL_DIR / "reports"))
        return 0
    cases = load_cases(args.set_path or EVAL_DIR / "questions.jsonl")
    settings = Settings()
    work = Path(args.persist) if args.persist else Path(tempfile.mkdtemp(prefix="sc-eval-"))
    update: dict[str, Any] = {"persist_dir": work / "index"}
    if getattr(args, "writer", None):
        update["writer"] = args.writer
    if getattr(args, "llm", None):
        update["llm"] = args.llm
    settings = settings.model_copy(update=update)
    bot = Bot.from_directory(args.corpus, settings=settings)
    results = {"sourcecheck": run_sourcecheck(bot, cases)}
    if args.baseline:
        articles = [a for _, a in iter_articles(args.corpus) if isinstance(a, Article)]
        results["baseline"] = run_baseline(articles, bot.store.embedder, cases, work / "baseline")
    scores = {name: score(recs, cases) for name, recs in results.items()}
    flags = {name: flag_table(recs, cases) for name, recs in results.items()}
    out = Path(args.out) if args.out else EVAL_DIR / "reports"
    report = write_report(out, scores, flags, results)
    overall = scores["sourcecheck"]["all"]
    print(report.read_text(encoding="utf-8"))
    failures = check_thresholds(overall)
    for f in failures:
        print(f"below threshold: {f}", file=sys.stderr)
    return 1 if failures else 0


def register(sub: Any, corpus: Path) -> None:
    """Add `sourcecheck eval` to the CLI's subparsers (the `sourcecheck.commands` entry point).

    Example:
        >>> p = argparse.ArgumentParser(); register(p.add_subparsers(dest="c"), Path("index/articles"))
        >>> p.parse_args(["eval", "--baseline"]).baseline
        True
    """
    a = sub.add_parser("eval", help="run the eval question set")
    a.add_argument("--set", dest="set_path", default=None)
    a.add_argument("--corpus", default=str(corpus))
    a.add_argument("--persist")
    a.add_argument("--baseline", action="store_true")
    a.add_argument("--out", default=None)
    a.add_argument("--writer", choices=["extractive", "llm"])
    a.add_argument("--llm", help="ollama:MODEL or openai:MODEL")
    a.add_argument("--realtimeqa", type=int, default=0, metavar="N",
                   help="real-world mode: the first N RealTimeQA 2024 questions (data read from ../shared)")
    a.add_argument("--sweep", action="store_true",
                   help="answered-precision against coverage over the abstention thresholds (seed set, and "
                        "RealTimeQA on --index), one pass; see eval/sweep_run.py")
    a.add_argument("--index", help="--sweep: an existing RealTimeQA index (opened as it is: copy it to keep it "
                                    "untouched)")
    a.add_argument("--grid", help='--sweep: thresholds to vary, "min_score=0.35,0.45;min_coverage=0.4,0.5"')
    a.add_argument("--replay", metavar="DIR", help="--sweep: replay the observations saved in DIR (no asking)")
    a.add_argument("--baseline-persist", help="--sweep --baseline: where the LangChain recipe's Chroma lives")
    a.set_defaults(func=main)
