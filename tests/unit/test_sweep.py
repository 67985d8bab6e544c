"""The abstention sweep's pure functions on written observations: replayed decisions, points, the frontier,
the choice rule, the grid, and the observations' JSON round trip."""

import pytest

from bot.abstain import AbstainSignals, decide
from eval.sweep import Observation, SweepPoint, answers, choose, frontier, grid, point, seed_holds, sweep
from eval.sweep_plot import table, text_plot
from eval.sweep_run import SweepError, load, parse_grid, save
from index.settings import AnswerSettings

pytestmark = pytest.mark.unit
# Written thresholds, so that the tests do not move with the defaults.
BASE = AnswerSettings(min_coverage=0.5, min_similarity=0.25, near_similarity=0.45, strong_coverage=0.75, min_score=0.45)


def sig(coverage: float, score: float, similarity: float = 0.3, best: float = 0.3, rule: str = "") -> AbstainSignals:
    return AbstainSignals(True, coverage, score, similarity, best, rule)


# A strong hit, a weak-coverage but close one, a low-score one, a "how many" with no number, nothing at all.
OBS = [
    Observation("strong", sig(0.9, 0.8), answered=True, correct=True),
    Observation("close", sig(0.4, 0.5, similarity=0.5, best=0.5), answered=True, correct=False),
    Observation("lowscore", sig(0.6, 0.40), answered=True, correct=True),
    Observation("nonumber", sig(0.6, 0.6, rule="the articles give no number for it"), answered=True, correct=False),
    Observation("empty", AbstainSignals(False), answered=False, correct=False, answerable=False),
]


def test_decide_reads_only_the_signals_and_the_thresholds():
    assert decide(sig(0.9, 0.8), BASE) == ""
    assert decide(sig(0.9, 0.8, rule="no passage quotes Smith"), BASE) == ""  # strong hit skips the rules
    assert decide(sig(0.6, 0.6, rule="no passage quotes Smith"), BASE) == "no passage quotes Smith"
    assert decide(sig(0.3, 0.6, similarity=0.2, best=0.2), BASE) == "the closest passage is unrelated"
    assert decide(sig(0.3, 0.6, similarity=0.3, best=0.3), BASE) == \
        "the key words of the question are not in the articles"
    assert decide(AbstainSignals(False), BASE.model_copy(update={"min_score": 0.0})) == "nothing in the articles matches"


def test_replayed_answers_follow_each_threshold():
    default = BASE
    assert [answers(o, default) for o in OBS] == [True, True, False, False, False]
    assert answers(OBS[2], BASE.model_copy(update={"min_score": 0.35}))  # the low-score hit answers once the bar drops
    assert not answers(OBS[1], BASE.model_copy(update={"near_similarity": 0.55}))  # the close one needs more similarity
    assert not answers(Observation("gate", sig(0.9, 0.8), answered=False, correct=False), default)  # writer abstained


def test_point_counts_coverage_precision_and_the_seed_metrics():
    p = point(OBS, BASE)
    assert (p.total, p.answered, p.correct, p.answerable, p.abstained_right) == (5, 2, 1, 4, 1)
    assert p.coverage == pytest.approx(0.4) and p.precision == pytest.approx(0.5)
    assert p.answer_correct == pytest.approx(0.25) and p.correct_share == pytest.approx(0.2)
    assert p.abstention_accuracy == pytest.approx(3 / 5)  # two answerable answered, the empty one abstains
    assert point([OBS[4]], BASE).precision is None


def test_answering_an_unanswerable_question_is_never_right():
    wrong = Observation("trap", sig(0.9, 0.8), answered=True, correct=True, answerable=False)
    p = point([wrong], BASE)
    assert (p.answered, p.correct, p.answered_unanswerable, p.abstention_accuracy) == (1, 0, 1, 0.0)


def test_grid_puts_the_base_first_and_skips_its_duplicate():
    settings = grid({"min_score": (0.35, 0.45, 0.55), "near_similarity": (0.45, 0.55)}, BASE)
    assert len(settings) == 6 and settings[0] == BASE
    pairs = {(a, b) for a in (0.35, 0.45, 0.55) for b in (0.45, 0.55)}
    assert {(s.min_score, s.near_similarity) for s in settings} == pairs
    assert all(s.quote_min_score == 0.45 for s in settings)  # only the abstention thresholds move


def test_frontier_keeps_the_undominated_points_in_coverage_order():
    points = sweep(OBS, grid({"min_score": (0.35, 0.45, 0.9), "near_similarity": (0.45, 0.55)}, BASE))
    front = frontier(points)
    assert [(p.answered, p.correct) for p in front] == [(2, 2), (3, 2)]  # (1, 1) is beaten by (2, 2)
    assert all(p.answered for p in front)


def test_seed_holds_needs_every_seed_metric_kept():
    base = SweepPoint((), 10, 8, 7, 9, 1)
    assert seed_holds(SweepPoint((), 10, 8, 7, 9, 1), base)
    assert not seed_holds(SweepPoint((), 10, 9, 7, 9, 0), base)  # an unanswerable one answered: precision falls
    assert not seed_holds(SweepPoint((), 10, 7, 6, 9, 1), base)  # a right answer lost


def test_choose_takes_the_most_gold_within_the_abstention_cap_and_keeps_the_seed():
    seed_ok, seed_bad = SweepPoint((), 4, 3, 3, 3, 1), SweepPoint((), 4, 4, 3, 3, 0)
    rtqa = [SweepPoint((("min_score", 0.45),), 10, 9, 5, 10, 0),   # base
            SweepPoint((("min_score", 0.35),), 10, 10, 6, 10, 0),  # more gold, but the seed answers a trap
            SweepPoint((("min_score", 0.55),), 10, 8, 5, 10, 0),   # same gold as the base, abstains 0.2
            SweepPoint((("min_score", 0.40),), 10, 10, 5, 10, 0)]  # same gold, lower precision
    assert choose([seed_ok, seed_bad, seed_ok, seed_ok], rtqa, BASE) == 0
    assert choose([seed_ok, seed_ok, seed_ok, seed_ok], rtqa, BASE) == 1
    assert choose([seed_ok, seed_ok, seed_ok, seed_ok], rtqa, BASE, max_abstention=0.25) == 1


def test_ties_go_to_higher_precision_then_to_the_defaults():
    seed = [SweepPoint((), 4, 3, 3, 3, 1)] * 3
    rtqa = [SweepPoint((("min_score", 0.45),), 10, 10, 6, 10, 0),
            SweepPoint((("min_score", 0.5),), 10, 9, 6, 10, 0),
            SweepPoint((("min_score", 0.55),), 10, 9, 6, 10, 0)]
    assert choose(seed, rtqa, BASE) == 1  # same gold, one wrong answer fewer; 0.5 is nearer than 0.55
    assert choose(seed, [rtqa[0], rtqa[2], rtqa[1]], BASE) == 2  # whatever the order
    assert choose(seed[:2], rtqa[:1] + rtqa[:1], BASE) == 0


def test_table_and_text_plot_mark_the_defaults_and_the_choice():
    points = sweep(OBS, grid({"min_score": (0.35, 0.45)}, BASE))
    lines = table(points, 1)
    assert lines[2].startswith("| defaults (D) | 0.400 | 0.500 |") and lines[3].startswith("| chosen (C) | 0.600 |")
    plot = text_plot(points, 1)
    assert "D" in plot and "C" in plot


def test_observations_round_trip_through_jsonl(tmp_path):
    save(tmp_path / "o.jsonl", OBS)
    assert load(tmp_path / "o.jsonl") == OBS


def test_parse_grid_rejects_an_unknown_field():
    assert parse_grid("min_score=0.3,0.4") == {"min_score": (0.3, 0.4)}
    with pytest.raises(SweepError, match="Fix"):
        parse_grid("top_k=3")
