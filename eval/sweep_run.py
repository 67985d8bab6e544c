"""`sourcecheck eval --sweep`: ask the seed set and RealTimeQA once, replay the abstention decision over a
grid of thresholds, choose the defaults from both sets, and measure the plain LangChain recipe on the
same RealTimeQA index in the same run.

    sourcecheck eval --sweep [--index DIR [--realtimeqa N] [--baseline --baseline-persist DIR]]
                     [--grid "min_score=0.35,0.45;min_coverage=0.4,0.5"] [--replay DIR] [--out DIR]

The RealTimeQA index is opened as it is (copy it first if it must stay untouched: opening writes SQLite
and Chroma side files). RealTimeQA questions alternate train (even) / dev (odd): the setting is chosen on
the seed set and the train half, and reported on both halves. Writes `sweep.md`, `sweep.png` (with
matplotlib) and `sweep-<set>.jsonl` (the observations, for `--replay`) under --out.

Example:
    >>> parse_grid("min_score=0.4,0.5; min_coverage=0.3")
    {'min_score': (0.4, 0.5), 'min_coverage': (0.3,)}
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from eval.metrics import keyword_correct, percentile
from eval.realtimeqa import answer_in, load_questions
from eval.sweep import AXES, Observation, SweepPoint, choose, grid, sweep
from eval.sweep_plot import png_plot, table, text_plot
from index.errors import SourcecheckError
from index.settings import AnswerSettings


class SweepError(SourcecheckError):
    """A sweep option is malformed."""


def parse_grid(spec: str) -> dict[str, tuple[float, ...]]:
    """`field=v1,v2;field=v3` into the grid's axes (fields: `eval.sweep.AXES`)."""
    axes: dict[str, tuple[float, ...]] = {}
    for part in filter(None, (p.strip() for p in spec.split(";"))):
        name, _, values = part.partition("=")
        if name.strip() not in AXES or not values:
            raise SweepError(f"bad grid part {part!r}. Fix: write FIELD=V1,V2 with FIELD one of {', '.join(AXES)}")
        axes[name.strip()] = tuple(float(v) for v in values.split(","))
    return axes


def observe_seed(bot: Any, cases: list[dict[str, Any]]) -> list[Observation]:
    """Ask each seed case once; right = the eval's correctness (every answer keyword in the answer)."""
    out = []
    for case in cases:
        history = [tuple(h) for h in case.get("history", [])]
        answer, signals = bot.ask_replayable(case["question"], history=history)
        right = not case.get("abstain") and not answer.abstained and \
            keyword_correct(answer.text, case["answer_keywords"])
        out.append(Observation(case["id"], signals, not answer.abstained, right, not case.get("abstain")))
    return out


def index_questions(bot: Any, n: int) -> list[dict[str, Any]]:
    """The first n RealTimeQA 2024 questions with at least one of their articles in the index."""
    ids = {Path(a.path.rsplit("#", 1)[-1]).stem for a in bot.store.catalog.articles()}
    return [q for q in load_questions(n) if (set(q["articles"]) | set(q.get("answer_in", []))) & ids]


def observe_rtqa(bot: Any, questions: list[dict[str, Any]]) -> tuple[list[Observation], dict[str, list[float]]]:
    """Ask each question once; right = the gold answer inside the cited quotes. Also the latencies and
    the quoted characters of each answer."""
    out, extra = [], {"latency_ms": [], "quoted_chars": []}
    for i, q in enumerate(questions):
        answer, signals = bot.ask_replayable(q["question"])
        quotes = [c.quote for c in answer.citations]
        out.append(Observation(f"{'train' if i % 2 == 0 else 'dev'}:{q['id']}", signals, not answer.abstained,
                               answer_in(q["answer"], quotes)))
        extra["latency_ms"].append(answer.latency_ms)
        extra["quoted_chars"].append(float(sum(len(t) for t in quotes)))
    return out, extra


def baseline_rtqa(bot: Any, questions: list[dict[str, Any]], persist: Path) -> dict[str, float]:
    """The plain LangChain recipe (1,000/200-character chunks, same MiniLM, Chroma) over the index's
    articles: the gold answer in the top chunk and in the top four, and similarity_search(k=4) latency."""
    from eval.baseline import BaselineRAG

    rag = BaselineRAG(bot.store.catalog.articles(), bot.store.embedder, persist)
    top1, top4, lat, chars, chars4 = [], [], [], [], []
    for q in questions:
        b = rag.ask(q["question"])
        top1.append(answer_in(q["answer"], b["retrieved"][:1]))
        top4.append(answer_in(q["answer"], b["retrieved"]))
        lat.append(b["latency_ms"])
        chars.append(sum(len(t) for t in b["retrieved"][:1]))
        chars4.append(sum(len(t) for t in b["retrieved"]))
    n = len(questions) or 1
    return {"top1": sum(top1) / n, "top4": sum(top4) / n, "latency_p50_ms": statistics.median(lat or [0.0]),
            "latency_p95_ms": percentile(lat, 95), "top1_chars": statistics.fmean(chars or [0.0]),
            "top4_chars": statistics.fmean(chars4 or [0.0]),
            "chunks": float(rag.store._collection.count())}


def save(path: Path, observations: list[Observation]) -> None:
    """One observation a line."""
    path.write_text("".join(json.dumps(o.to_dict()) + "\n" for o in observations), encoding="utf-8")


def load(path: Path) -> list[Observation]:
    """Inverse of `save`."""
    return [Observation.from_dict(json.loads(x)) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def half(observations: list[Observation], name: str) -> list[Observation]:
    """The train or dev half of the RealTimeQA observations."""
    return [o for o in observations if o.id.startswith(name + ":")]


def sweep_sets(seed: list[Observation], rtqa: list[Observation], base: AnswerSettings,
               axes: dict[str, tuple[float, ...]] | None = None) -> tuple[dict[str, list[SweepPoint]], int]:
    """Sweep every set over one grid (point 0 = the base) and choose on the seed set and RealTimeQA train."""
    settings = grid(axes, base)
    sets = {"seed": sweep(seed, settings)}
    if rtqa:
        for name in ("train", "dev"):
            sets[f"RealTimeQA {name}"] = sweep(half(rtqa, name), settings)
        sets["RealTimeQA all"] = sweep(rtqa, settings)
    chosen = choose(sets["seed"], sets["RealTimeQA train"], base) if rtqa else 0
    return sets, chosen


def report(sets: dict[str, list[SweepPoint]], chosen: int, extra: dict[str, list[float]],
           baseline: dict[str, float] | None) -> str:
    """The Markdown report: the side-by-side table, then per set the table and the text plot."""
    lines = ["# Abstention sweep", "", f"{len(sets['seed'])} settings; D = current defaults, C = chosen "
             "(seed eval unchanged, RealTimeQA train abstention <= 0.10, most gold inside the quotes).", ""]
    seed = sets["seed"]
    lines += ["| seed set | defaults | chosen |", "|---|---|---|"]
    for label, key in (("answered-precision", "precision"), ("coverage", "coverage"),
                       ("answer_correct", "answer_correct"), ("abstention_accuracy", "abstention_accuracy")):
        lines.append(f"| {label} | {_f(getattr(seed[0], key))} | {_f(getattr(seed[chosen], key))} |")
    lines.append("")
    if "RealTimeQA all" in sets:
        lines += side_by_side(sets, chosen, extra, baseline)
    for name, points in sets.items():
        lines += [f"## {name} ({points[0].total} questions)", ""] + table(points, chosen) + \
            ["", "```", text_plot(points, chosen), "```", ""]
    return "\n".join(lines)


def _f(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.3f}"


def side_by_side(sets: dict[str, list[SweepPoint]], chosen: int, extra: dict[str, list[float]],
                 baseline: dict[str, float] | None) -> list[str]:
    """RealTimeQA: sourcecheck at the defaults and the chosen setting beside the plain recipe, one run."""
    cols = ["sourcecheck defaults", "sourcecheck chosen"]
    cols += ["LangChain top chunk", "LangChain top 4"] if baseline else []
    lines = ["## RealTimeQA, same index, same run", "", "| | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
    for name in ("train", "dev", "all"):
        d, c = sets[f"RealTimeQA {name}"][0], sets[f"RealTimeQA {name}"][chosen]
        row = [_f(d.correct_share), _f(c.correct_share)]
        if baseline and name == "all":
            row += [_f(baseline["top1"]), _f(baseline["top4"])]
        elif baseline:
            row += ["", ""]
        lines.append(f"| gold inside the cited text, {name} | " + " | ".join(row) + " |")
    a0, ac = sets["RealTimeQA all"][0], sets["RealTimeQA all"][chosen]
    tail = ["0.000", "0.000"] if baseline else []
    lines.append("| abstained, all | " + " | ".join([_f(1 - a0.coverage), _f(1 - ac.coverage)] + tail) + " |")
    lc = [_f(baseline["top1"]), _f(baseline["top4"])] if baseline else []
    lines.append("| answered-precision, all | " + " | ".join([_f(a0.precision), _f(ac.precision)] + lc) + " |")
    chars = statistics.fmean([c for c in extra.get("quoted_chars", []) if c] or [0.0])
    shown = [f"{baseline['top1_chars']:.0f}", f"{baseline['top4_chars']:.0f}"] if baseline else []
    lines.append("| characters shown (mean) | " + " | ".join([f"{chars:.0f} (quotes, answered)", ""] + shown) + " |")
    lat = extra.get("latency_ms") or [0.0]
    lines.append("| latency p50 / p95 ms | " + " | ".join(
        [f"{statistics.median(lat):.1f} / {percentile(lat, 95):.1f} (ask)", ""] +
        ([f"{baseline['latency_p50_ms']:.1f} / {baseline['latency_p95_ms']:.1f} (similarity_search k=4)", ""]
         if baseline else [])) + " |")
    return lines + [""]


def main(args: argparse.Namespace) -> int:
    """CLI entry for `sourcecheck eval --sweep`."""
    from index.settings import Settings

    settings = Settings()
    out = Path(args.out) if args.out else Path(__file__).resolve().parent / "reports"
    out.mkdir(parents=True, exist_ok=True)
    axes = parse_grid(args.grid) if getattr(args, "grid", None) else None
    extra: dict[str, list[float]] = {}
    baseline = None
    if getattr(args, "replay", None):
        src = Path(args.replay)
        seed = load(src / "sweep-seed.jsonl")
        rtqa = load(src / "sweep-realtimeqa.jsonl") if (src / "sweep-realtimeqa.jsonl").exists() else []
    else:
        seed = observe_seed(_seed_bot(args, settings), _cases(args))
        rtqa = []
        if getattr(args, "index", None):
            rtqa, extra, baseline = _rtqa(args, settings)
        save(out / "sweep-seed.jsonl", seed)
        if rtqa:
            save(out / "sweep-realtimeqa.jsonl", rtqa)
    sets, chosen = sweep_sets(seed, rtqa, settings.answer, axes)
    text = report(sets, chosen, extra, baseline)
    if png_plot(out / "sweep.png", sets, chosen):
        text += "\n![sweep](sweep.png)\n"
    (out / "sweep.md").write_text(text, encoding="utf-8")
    print(text)
    if chosen:
        print("chosen: " + ", ".join(f"{a}={v:g}" for a, v in sets["seed"][chosen].settings))
    return 0


def _cases(args: argparse.Namespace) -> list[dict[str, Any]]:
    from eval.runner import EVAL_DIR, load_cases

    return load_cases(args.set_path or EVAL_DIR / "questions.jsonl")


def _seed_bot(args: argparse.Namespace, settings: Any) -> Any:
    from bot.bot import Bot

    work = Path(args.persist) if args.persist else Path(tempfile.mkdtemp(prefix="sc-sweep-"))
    return Bot.from_directory(args.corpus, settings=settings.model_copy(update={"persist_dir": work / "index"}))


def _rtqa(args: argparse.Namespace, settings: Any) -> tuple[list[Observation], dict[str, list[float]], dict | None]:
    from bot.bot import Bot

    bot = Bot.open(settings.model_copy(update={"persist_dir": Path(args.index)}))
    questions = index_questions(bot, args.realtimeqa or 548)
    t0 = time.perf_counter()
    rtqa, extra = observe_rtqa(bot, questions)
    print(f"asked {len(questions)} RealTimeQA questions once in {time.perf_counter() - t0:.1f} s")
    baseline = None
    if args.baseline:
        persist = Path(args.baseline_persist) if args.baseline_persist else Path(tempfile.mkdtemp(prefix="sc-lc-"))
        baseline = baseline_rtqa(bot, questions, persist)
    return rtqa, extra, baseline

