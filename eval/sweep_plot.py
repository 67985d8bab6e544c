"""Show a sweep: a Markdown table (coverage, precision, the settings), a text plot for the terminal and,
when matplotlib is installed, a PNG. The current defaults are marked D, the chosen setting C, the
frontier * and the other settings '.'.

Example:
    >>> p = SweepPoint((("min_score", 0.45),), 10, 5, 4, 10, 0)
    >>> table_row("defaults", p)
    '| defaults | 0.500 | 0.800 | 0.400 | 0.45 |'
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from eval.sweep import AXES, SweepPoint, frontier


def _f(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.3f}"


def table_row(label: str, p: SweepPoint) -> str:
    """One Markdown row: label, coverage, precision, right over all questions, the thresholds."""
    return f"| {label} | {_f(p.coverage)} | {_f(p.precision)} | {_f(p.correct_share)} | " + \
        " | ".join(f"{v:g}" for _, v in p.settings) + " |"


def table(points: Sequence[SweepPoint], chosen: int) -> list[str]:
    """The defaults, the chosen setting and the frontier, as Markdown lines."""
    names = [a for a, _ in points[0].settings] if points[0].settings else list(AXES)
    lines = ["| setting | coverage | precision | right / all | " + " | ".join(names) + " |",
             "|---|---|---|---|" + "---|" * len(names), table_row("defaults (D)", points[0])]
    if chosen:
        lines.append(table_row("chosen (C)", points[chosen]))
    lines += [table_row("frontier (*)", p) for p in frontier(points)]
    return lines


def text_plot(points: Sequence[SweepPoint], chosen: int, width: int = 60, height: int = 16) -> str:
    """Precision (up) against coverage (right), each axis scaled to the points' range.

    Example:
        >>> print(text_plot([SweepPoint((), 10, 5, 4, 10, 0)], 0, 10, 3).splitlines()[2])
        0.800 |     D
    """
    pts = [p for p in points if p.answered]
    if not pts:
        return "(no setting answers anything)"
    xs, ys = [p.coverage for p in pts], [p.precision or 0.0 for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    grid = [[" "] * width for _ in range(height)]

    def put(p: SweepPoint, mark: str) -> None:
        col = round((p.coverage - x0) / (x1 - x0) * (width - 1)) if x1 > x0 else width // 2
        row = round((y1 - (p.precision or 0.0)) / (y1 - y0) * (height - 1)) if y1 > y0 else height // 2
        grid[row][col] = mark

    for p in pts:
        put(p, ".")
    for p in frontier(pts):
        put(p, "*")
    put(points[0], "D")
    if chosen:
        put(points[chosen], "C")
    lines = [f"precision {y1:.3f} … {y0:.3f}"] + \
        [f"{(y1 - (y1 - y0) * r / max(1, height - 1)):.3f} |" + "".join(row).rstrip() for r, row in enumerate(grid)]
    lines.append("      +" + "-" * width)
    lines.append(f"       coverage {x0:.3f} … {x1:.3f}")
    return "\n".join(lines)


def png_plot(path: Path, sets: dict[str, Sequence[SweepPoint]], chosen: int) -> bool:
    """One panel per question set; False (nothing written) when matplotlib is not installed."""
    try:
        import matplotlib
    except ImportError:
        return False
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(sets), figsize=(5.5 * len(sets), 4.2), squeeze=False)
    for ax, (name, points) in zip(axes[0], sets.items()):
        pts = [p for p in points if p.answered]
        ax.scatter([p.coverage for p in pts], [p.precision for p in pts], s=8, c="#999", label="settings")
        front = frontier(pts)
        ax.plot([p.coverage for p in front], [p.precision for p in front], "-o", ms=4, c="#1f77b4", label="frontier")
        ax.scatter([points[0].coverage], [points[0].precision], s=90, marker="D", c="#d62728", label="defaults")
        if chosen:
            ax.scatter([points[chosen].coverage], [points[chosen].precision], s=110, marker="*", c="#2ca02c",
                       label="chosen")
        ax.set_xlabel("coverage (share answered)")
        ax.set_ylabel("answered-precision")
        ax.set_title(name, fontsize=10)
        ax.legend(fontsize=7, loc="lower left")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True
