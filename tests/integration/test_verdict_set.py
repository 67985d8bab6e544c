"""The verdict set (tests/data/verdicts.jsonl) over the seed articles and the test stories, real model.

Floor: 0.90 on the claims that do not need authorial negation (`contradicted` reads `Sentence.polarity`,
which the annotator sets once issue 14 lands; raise the overall floor then). Bench: `python -m bench.verdicts`.
"""

import pytest

from bench.verdicts import build_bot, load, run, summary


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return run(build_bot(tmp_path_factory.mktemp("verdicts")), load())


def test_verdict_set_covers_the_kinds_and_is_large_enough(results):
    assert len(results) >= 40
    assert {c["kind"] for c, _ in results} >= {"supported", "reported", "disputed", "contradicted",
                                                 "confirmed_later", "not_in_articles"}


def test_verdict_accuracy(results):
    s = summary(results)
    assert s["without_negation"] >= 0.90, s
    assert s["all"] >= 0.90, s  # 0.957 (45/47) on 2026-12-03


def test_wire_copy_is_cited_once_with_both_outlets(tmp_path):
    bot = build_bot(tmp_path)
    result = bot.check("Hackers stole the records of 5 million Norvik Bank customers")
    quotes = [c.quote for c in result.evidence]
    assert len(quotes) == len(set(quotes))
    assert "AP" in result.explanation and "Daily Ledger" in result.explanation
