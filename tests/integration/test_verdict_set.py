"""The verdict set (tests/data/verdicts.jsonl) over the seed articles and the test stories, real model.

Floor: 0.90 overall and on the claims that do not need authorial negation (`contradicted` reads
`Sentence.polarity`). Bench: `python -m bench.verdicts`.
"""

import pytest

from bench.verdicts import build_bot, load, run, summary


@pytest.fixture(scope="module")
def verdict_bot(tmp_path_factory):
    return build_bot(tmp_path_factory.mktemp("verdicts"))


@pytest.fixture(scope="module")
def results(verdict_bot):
    return run(verdict_bot, load())


def test_verdict_set_covers_the_kinds_and_is_large_enough(results):
    assert len(results) >= 40
    assert {c["kind"] for c, _ in results} >= {"supported", "reported", "disputed", "contradicted", "mixed",
                                                 "confirmed_later", "not_in_articles"}


def test_verdict_accuracy(results):
    s = summary(results)
    assert s["without_negation"] >= 0.90, s
    assert s["all"] >= 0.90, s  # 1.000 (47/47) with the issue-14 annotator, 2026-12-03


def test_wire_copy_is_cited_once_with_both_outlets(tmp_path):
    bot = build_bot(tmp_path)
    result = bot.check("Hackers stole the records of 5 million Norvik Bank customers")
    quotes = [c.quote for c in result.evidence]
    assert len(quotes) == len(set(quotes))
    assert "AP" in result.explanation and "Daily Ledger" in result.explanation


def test_the_newest_figure_leads_a_how_many_answer(verdict_bot):
    answer = verdict_bot.ask("How many people died in the Pinecrest fire?")
    assert answer.sentences[0].kind == "answer" and answer.sentences[0].text.startswith("19"), answer.text
    assert "12 people" in answer.text  # the older report stays quoted
