"""`sourcecheck eval --sweep` on the seed set: the replayed decision is the one `ask` makes, and the CLI
writes its table, plot and observations."""

import json
import os
import subprocess
import sys

from bot.bot import Bot
from eval.runner import EVAL_DIR, load_cases, run_sourcecheck, score
from eval.sweep import answers, grid, point
from eval.sweep_run import observe_seed, parse_grid
from index.settings import AnswerSettings
from tests.conftest import ROOT

GRID = "min_score=0.35,0.45,0.55;near_similarity=0.45,0.55"
OTHER = (AnswerSettings(min_score=0.55, near_similarity=0.55), AnswerSettings(min_coverage=0.3, strong_coverage=0.6,
                                                                              min_score=0.35, min_similarity=0.15))


def test_replayed_decisions_are_the_asked_ones(seed_bot):
    cases = load_cases(EVAL_DIR / "questions.jsonl")
    obs = observe_seed(seed_bot, cases)
    for limits in (seed_bot.settings.answer, *OTHER):
        bot = Bot(seed_bot.store, seed_bot.settings.model_copy(update={"answer": limits}))
        asked = [not bot.ask(c["question"], history=[tuple(h) for h in c.get("history", [])]).abstained for c in cases]
        assert [answers(o, limits) for o in obs] == asked, limits
    overall = score(run_sourcecheck(seed_bot, cases), cases)["all"]
    at_default = point(obs, seed_bot.settings.answer)
    assert abs(at_default.answer_correct - overall["answer_correct"]) < 1e-9
    assert abs(at_default.abstention_accuracy - overall["abstention_accuracy"]) < 1e-9


def test_cli_sweep_on_the_seed_set(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCECHECK_DATA_DIR": str(tmp_path / "data")}
    out = subprocess.run([sys.executable, "-m", "bot.cli", "eval", "--sweep", "--out", str(tmp_path / "out"),
                          "--persist", str(tmp_path / "work"), "--grid", GRID],
                         env=env, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    report = (tmp_path / "out" / "sweep.md").read_text(encoding="utf-8")
    assert "| defaults (D) |" in report and "frontier (*)" in report and "coverage" in out.stdout
    assert f"{len(grid(parse_grid(GRID)))} settings" in report
    lines = (tmp_path / "out" / "sweep-seed.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(load_cases(EVAL_DIR / "questions.jsonl"))
    assert {"signals", "answered", "correct", "answerable"} <= set(json.loads(lines[0]))
    replay = subprocess.run([sys.executable, "-m", "bot.cli", "eval", "--sweep", "--replay", str(tmp_path / "out"),
                             "--out", str(tmp_path / "again"), "--grid", GRID],
                            env=env, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert replay.returncode == 0, replay.stderr[-2000:]
    again = (tmp_path / "again" / "sweep.md").read_text(encoding="utf-8")
    assert again.split("![sweep]")[0] == report.split("![sweep]")[0]
