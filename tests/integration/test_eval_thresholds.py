"""CI runs the seed question set: citation validity 100% and every metric above eval/thresholds.toml."""

from eval.runner import EVAL_DIR, check_thresholds, load_cases, run_sourcecheck, score

SEED_FILES = {"000_87bc96581ec6b191.txt", "002_0f3d202c9fb36807.txt"}


def test_question_set_is_well_formed():
    cases = load_cases(EVAL_DIR / "questions.jsonl")
    assert len(cases) >= 60 and len({c["id"] for c in cases}) == len(cases)
    types = {c["type"] for c in cases}
    assert {"fact", "attributed", "epistemic", "cross", "spelling", "followup", "unanswerable"} <= types
    for c in cases:
        assert c["abstain"] == (c["type"] == "unanswerable")
        for g in c["gold"] + c.get("also", []):
            assert g["file"] in SEED_FILES
            text = (EVAL_DIR.parent / "index" / "articles" / g["file"]).read_text(encoding="utf-8")
            assert g["quote"] in text, (c["id"], g["quote"])


def test_seed_eval_meets_thresholds(seed_bot):
    cases = load_cases(EVAL_DIR / "questions.jsonl")
    overall = score(run_sourcecheck(seed_bot, cases), cases)["all"]
    assert overall["citation_validity"] == 1.0
    assert check_thresholds(overall) == [], overall
