"""Write the eval report: Markdown tables per question type, a PNG plot, and a JSONL of every answer.

Example:
    >>> fmt(0.5)
    '0.500'
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SHOWN = ("answer_correct", "recall_at_k", "citation_precision", "citation_recall", "citation_validity",
         "flag_precision", "flag_recall", "abstention_accuracy", "latency_p50_ms", "latency_p95_ms",
         "gate_model_sentences", "gate_removed_share")


def fmt(v: float | None) -> str:
    """Three decimals; n/a for a metric that cannot be measured (e.g. precision with no prediction)."""
    return "n/a" if v is None else f"{v:.3f}"


def write_report(out: Path, scores: dict[str, dict[str, dict[str, float]]],
                 flags: dict[str, dict[str, tuple[float, float]]], results: dict[str, list[dict[str, Any]]]) -> Path:
    """Write report.md, metrics.png and answers.jsonl; return the report path."""
    out.mkdir(parents=True, exist_ok=True)
    systems = list(scores)
    lines = ["# sourcecheck eval", ""]
    types = list(scores[systems[0]])
    types = ["all"] + sorted(t for t in types if t != "all")
    for t in types:
        n = int(scores[systems[0]][t]["cases"])
        lines += [f"## {t} ({n} cases)", "", "| metric | " + " | ".join(systems) + " |",
                  "|---|" + "---|" * len(systems)]
        for key in SHOWN:
            if key.startswith("gate") and not any(key in scores[s][t] for s in systems):
                continue
            lines.append(f"| {key} | " + " | ".join(fmt(scores[s][t].get(key, 0.0)) for s in systems) + " |")
        lines.append("")
    lines += ["## Flags by status (precision / recall)", "", "| status | " + " | ".join(systems) + " |",
              "|---|" + "---|" * len(systems)]
    for status in flags[systems[0]]:
        lines.append(f"| {status} | " + " | ".join(
            f"{fmt(flags[s][status][0])} / {fmt(flags[s][status][1])}" for s in systems) + " |")
    lines += ["", "![metrics](metrics.png)", ""]
    report = out / "report.md"
    report.write_text("\n".join(lines), encoding="utf-8")
    with (out / "answers.jsonl").open("w", encoding="utf-8") as f:
        for system, recs in results.items():
            for r in recs:
                a = {k: v for k, v in r["answer"].items() if k != "article_texts"}
                f.write(json.dumps({"system": system, "id": r["id"], "type": r["type"], "answer": a},
                                   ensure_ascii=False) + "\n")
    _plot(out / "metrics.png", scores)
    return report


def _plot(path: Path, scores: dict[str, dict[str, dict[str, float]]]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    keys = [k for k in SHOWN if not k.startswith(("latency", "gate"))]
    systems = list(scores)
    width = 0.8 / len(systems)
    fig, ax = plt.subplots(figsize=(10, 4))
    for i, s in enumerate(systems):
        ax.bar([x + i * width for x in range(len(keys))], [scores[s]["all"].get(k) or 0.0 for k in keys], width,
               label=s)
    ax.set_xticks([x + width * (len(systems) - 1) / 2 for x in range(len(keys))])
    ax.set_xticklabels([k.replace("_", "\n") for k in keys], fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_title("sourcecheck eval on the seed question set (all cases)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=len(systems), frameon=False)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
