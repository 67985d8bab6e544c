"""Answered-precision against coverage while the abstention thresholds vary, as pure functions over
questions asked once (`Observation`: the signals `bot.abstain.decide` reads, and whether the answer given
with the thresholds out of the way is right). Replaying the decision costs nothing, so a sweep of
hundreds of settings costs one pass (`sourcecheck eval --sweep`, `eval.sweep_run`).

Example:
    >>> from bot.abstain import AbstainSignals
    >>> o = Observation("q1", AbstainSignals(True, 0.6, 0.5, 0.4, 0.4), answered=True, correct=True)
    >>> p = point([o], AnswerSettings(min_score=0.55))
    >>> (p.coverage, p.precision)
    (0.0, None)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from bot.abstain import AbstainSignals, decide
from index.settings import AnswerSettings

AXES = ("min_coverage", "min_similarity", "near_similarity", "strong_coverage", "min_score")
GRID: dict[str, tuple[float, ...]] = {
    "min_coverage": (0.3, 0.4, 0.5, 0.6),
    "min_similarity": (0.15, 0.25, 0.35),
    "near_similarity": (0.35, 0.45, 0.5, 0.55),
    "strong_coverage": (0.6, 0.75, 0.9),
    "min_score": (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55),
}


@dataclass(frozen=True)
class Observation:
    """One question asked once: its abstention signals, whether the answer given with the thresholds out
    of the way answers (the writer or the gate may still abstain), whether that answer is right, and
    whether the question has an answer at all (answering an unanswerable one is never right)."""

    id: str
    signals: AbstainSignals
    answered: bool
    correct: bool
    answerable: bool = True

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return {**asdict(self), "signals": self.signals.to_dict()}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Observation:
        """Inverse of `to_dict`."""
        return cls(**{**d, "signals": AbstainSignals.from_dict(d["signals"])})


@dataclass(frozen=True)
class SweepPoint:
    """The outcome of one threshold setting over a question set."""

    settings: tuple[tuple[str, float], ...]  # (field, value) of the AXES
    total: int
    answered: int
    correct: int  # answered and right
    answerable: int
    abstained_right: int  # unanswerable questions that abstain

    @property
    def coverage(self) -> float:
        """Share of the questions answered."""
        return self.answered / self.total if self.total else 0.0

    @property
    def precision(self) -> float | None:
        """Share of the answered questions answered right (None when none is answered)."""
        return self.correct / self.answered if self.answered else None

    @property
    def correct_share(self) -> float:
        """Share of all questions answered right (RealTimeQA: gold inside the cited quotes)."""
        return self.correct / self.total if self.total else 0.0

    @property
    def answer_correct(self) -> float:
        """The seed eval's `answer_correct`: share of the answerable questions answered right."""
        return self.correct / self.answerable if self.answerable else 0.0

    @property
    def abstention_accuracy(self) -> float:
        """The seed eval's `abstention_accuracy`: answerable ones answered, unanswerable ones abstaining."""
        right = self.abstained_right + (self.answered - self.answered_unanswerable)
        return right / self.total if self.total else 0.0

    @property
    def answered_unanswerable(self) -> int:
        """Unanswerable questions that were answered anyway."""
        return (self.total - self.answerable) - self.abstained_right

    def value(self, name: str) -> float:
        """One threshold's value."""
        return dict(self.settings)[name]


def answers(o: Observation, limits: AnswerSettings) -> bool:
    """Whether `ask` answers the question under these thresholds (the replayed decision).

    Example:
        >>> o = Observation("q", AbstainSignals(True, 0.4, 0.5, 0.5, 0.5), answered=True, correct=False)
        >>> answers(o, AnswerSettings()), answers(o, AnswerSettings(near_similarity=0.6))
        (True, False)
    """
    return o.answered and not decide(o.signals, limits)


def settings_key(limits: AnswerSettings) -> tuple[tuple[str, float], ...]:
    """The AXES values of a setting."""
    return tuple((a, float(getattr(limits, a))) for a in AXES)


def point(observations: Iterable[Observation], limits: AnswerSettings) -> SweepPoint:
    """Replay one setting over the questions."""
    obs = list(observations)
    said = [answers(o, limits) for o in obs]
    return SweepPoint(settings_key(limits), len(obs), sum(said),
                      sum(s and o.correct and o.answerable for s, o in zip(said, obs)),
                      sum(o.answerable for o in obs),
                      sum(not s and not o.answerable for s, o in zip(said, obs)))


def grid(axes: dict[str, Sequence[float]] | None = None, base: AnswerSettings | None = None) -> list[AnswerSettings]:
    """Every combination of the axes' values (the base setting's other fields kept); the base comes first.

    Example:
        >>> [s.min_score for s in grid({"min_score": (0.3, 0.45)}, AnswerSettings(min_score=0.45))]
        [0.45, 0.3]
    """
    base = base or AnswerSettings()
    axes = GRID if axes is None else axes
    names = list(axes)
    out = [base]
    for values in itertools.product(*(axes[n] for n in names)):
        s = base.model_copy(update=dict(zip(names, values)))
        if settings_key(s) != settings_key(base):
            out.append(s)
    return out


def sweep(observations: Sequence[Observation], settings: Sequence[AnswerSettings]) -> list[SweepPoint]:
    """One point per setting, in the settings' order."""
    return [point(observations, s) for s in settings]


def frontier(points: Sequence[SweepPoint]) -> list[SweepPoint]:
    """The points no other point beats on both coverage and precision, by rising coverage (one per outcome).

    Example:
        >>> a, b = SweepPoint((), 10, 5, 4, 10, 0), SweepPoint((), 10, 8, 4, 10, 0)
        >>> c = SweepPoint((), 10, 8, 6, 10, 0)
        >>> frontier([a, b, c]) == [a, c]
        True
    """
    seen: dict[tuple[int, int], SweepPoint] = {}
    for p in points:
        seen.setdefault((p.answered, p.correct), p)
    uniq = [p for p in seen.values() if p.answered]

    def beaten(p: SweepPoint) -> bool:
        return any(q.coverage >= p.coverage and (q.precision or 0) >= (p.precision or 0) and
                   (q.coverage, q.precision) != (p.coverage, p.precision) for q in uniq)

    return sorted((p for p in uniq if not beaten(p)), key=lambda p: p.coverage)


def changed(p: SweepPoint, base: AnswerSettings) -> tuple[int, float]:
    """How many thresholds differ from the base setting, and by how much in all."""
    gaps = [abs(v - getattr(base, a)) for a, v in p.settings]
    return sum(g > 1e-9 for g in gaps), round(sum(gaps), 6)


def seed_holds(p: SweepPoint, at_default: SweepPoint) -> bool:
    """The seed eval is unchanged or better: answered-precision, answer_correct and abstention accuracy."""
    return ((p.precision or 0) >= (at_default.precision or 0) - 1e-9 and
            p.answer_correct >= at_default.answer_correct - 1e-9 and
            p.abstention_accuracy >= at_default.abstention_accuracy - 1e-9)


def choose(seed: Sequence[SweepPoint], rtqa: Sequence[SweepPoint], base: AnswerSettings,
           max_abstention: float = 0.10) -> int:
    """The index of the chosen setting (seed[i] and rtqa[i] are one setting; index 0 is the base).

    Rule: among the settings that keep the seed eval unchanged or better (`seed_holds`) and abstain on at
    most `max_abstention` of RealTimeQA, the most RealTimeQA questions with the gold answer inside the
    cited quotes; ties go to the higher RealTimeQA answered-precision (fewer wrong answers), then to the
    fewest thresholds changed from the base, then to the smallest change. The base is kept when nothing
    feasible beats it.

    Example:
        >>> s = [SweepPoint((), 4, 3, 3, 3, 1)] * 2
        >>> r = [SweepPoint((), 10, 9, 5, 10, 0), SweepPoint((), 10, 10, 6, 10, 0)]
        >>> choose(s, r, AnswerSettings())
        1
    """
    def ok(i: int) -> bool:
        return seed_holds(seed[i], seed[0]) and 1 - rtqa[i].coverage <= max_abstention + 1e-9

    feasible = [i for i in range(len(seed)) if ok(i)] or [0]
    return min(feasible, key=lambda i: (-rtqa[i].correct, -(rtqa[i].precision or 0), changed(rtqa[i], base), i))
