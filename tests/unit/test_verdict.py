"""The verdict engine: seven kinds from the stances of sentences about one claim (fakes: built Sentences)."""

import pytest

from bot.verdict import KINDS, LABELS, figures, judge, stance
from index.types import Holder, Sentence

pytestmark = pytest.mark.unit


def S(text, status="asserted", polarity="positive", holder="", statuses=None):
    return Sentence("a", 0, len(text), text, status, statuses or (status,), "",
                    Holder(holder, (), True) if holder else None, polarity=polarity,
                    polarity_cue="not" if polarity == "negative" else "")


FACT = S("The fire killed 12 people.")
REPORT = S("Officials said the fire killed 12 people.", "attributed", holder="Officials")
UNCONF = S("The toll could not be independently confirmed.", "unconfirmed")
DENIED = S("The company denied that data was stolen.", "disputed", holder="The company")
NEGATED = S("No ceasefire was signed.", polarity="negative")


@pytest.mark.parametrize("items, kind", [
    ([(FACT, "2024-05-01")], "supported"),
    ([(REPORT, "2024-05-01")], "reported"),
    ([(REPORT, "2024-05-01"), (UNCONF, "2024-05-01")], "reported"),
    ([(FACT, "2024-05-01"), (UNCONF, "2024-05-01")], "reported"),
    ([(REPORT, "2024-05-01"), (DENIED, "2024-05-01")], "disputed"),
    ([(NEGATED, "2024-05-01")], "contradicted"),
    ([(REPORT, "2024-05-01"), (NEGATED, "2024-05-02")], "contradicted"),
    ([(FACT, "2024-05-01"), (NEGATED, "2024-05-02")], "mixed"),
    ([(REPORT, "2024-05-01"), (FACT, "2024-05-03")], "confirmed_later"),
    ([(FACT, "2024-05-01"), (REPORT, "2024-05-03")], "supported"),
    ([], "not_in_articles"),
])
def test_every_kind(items, kind):
    v = judge(items)
    assert v.kind == kind and v.label == LABELS[kind]


def test_all_seven_kinds_are_labelled():
    assert set(LABELS) == set(KINDS) and len(KINDS) == 7


def test_stance_reads_authorial_negation_and_attributed_denial():
    assert stance(NEGATED) == "negated"
    assert stance(S("He said no deal was signed.", "attributed", "negative", "He")) == "denied"
    assert stance(S("A deal was signed.")) == "fact"


def test_newest_figure_leads_and_older_is_superseded():
    old = S("The blaze killed 12 people.")
    new = S("The blaze killed 19 people, officials said on Friday.")
    v = judge([(old, "2024-05-01"), (new, "2024-05-03")])
    assert v.superseded == (0,) and v.basis == (1,)
    same = judge([(old, "2024-05-01"), (S("The blaze killed 12 people in all."), "2024-05-03")])
    assert same.superseded == ()
    assert figures("Toll of 1,200 in 2024.") == ("1200",)


def test_a_claim_inside_a_minor_attribution_is_reported_not_supported():
    # issue 14p: the sentence is the writer's (asserted), but the claim lies in the inspector's words
    from index.epistemic import annotate
    from bot.verdict import judge, stance

    text = ("The bridge, which opened in 1932 and carried 40,000 cars a day until the flood of last spring, was "
            "closed on Monday after an inspector said the deck was unsafe for traffic.")
    (s,) = annotate(text)
    assert s.status == "asserted" and s.attributions
    assert stance(s, "The deck was unsafe for traffic") == "report"
    assert stance(s, "The bridge was closed on Monday") == "fact"
    assert judge([(s, "")], "The deck was unsafe for traffic").kind == "reported"
