"""Task h14b: unnamed sources, reports by a person, the terms of a plan and approximate figures are no hedges.

Sentences written here (not from any corpus).
"""

import pytest

from index.cues import VAGUE
from index.epistemic import annotate
from index.modality import reported_would

pytestmark = pytest.mark.unit


def one(text):
    (s,) = annotate(text)
    return s


def test_reportedly_is_an_unnamed_source_not_a_hedge():
    s = one("The minister reportedly resigned on Monday evening.")
    assert s.status == "attributed" and not s.uncertain
    assert s.holder is not None and not s.holder.named


@pytest.mark.parametrize("sentence, holder", [
    ("Kellogg indicated that it has room to grow without new plants.", "Kellogg"),
    ("The senator has indicated she will sign the bill next week.", "The senator"),
    ("He suggested that the talks resume after the holiday.", "He"),
])
def test_a_person_who_indicates_or_suggests_reports(sentence, holder):
    s = one(sentence)
    assert s.status == "attributed" and not s.uncertain
    assert s.holder is not None and s.holder.name == holder


@pytest.mark.parametrize("sentence", [
    "The data suggested a link between the two outbreaks.",
    "Tests indicated that the water was unsafe to drink.",
    "The early results suggest a narrow win for the incumbent.",
])
def test_evidence_that_indicates_or_suggests_still_hedges(sentence):
    s = one(sentence)
    assert s.status == "hedged" and s.uncertain


@pytest.mark.parametrize("sentence", [
    "Under the plan, the creditors would receive about half of what they are owed.",
    "Under terms of the new offer, the buyer would pay $12 a share in cash.",
])
def test_would_in_the_terms_of_a_plan_reports_them(sentence):
    assert reported_would(sentence, sentence.index("would"))
    s = one(sentence)
    assert s.status == "asserted" and not s.uncertain


@pytest.mark.parametrize("sentence", [
    "A merger would shift the balance of the market.",
    "Under pressure from its allies, the government would collapse within weeks.",
])
def test_hypothetical_would_stays_speculative(sentence):
    assert one(sentence).status == "speculative"


@pytest.mark.parametrize("text, vague", [
    ("The company bought some 6% of the shares.", False),
    ("The dividend will rise by some $140 million.", False),
    ("Several hundred people marched to the square.", False),
    ("Many thousands fled the city before dawn.", False),
    ("Some experts say the dam is weak.", True),
    ("Many residents fear another flood.", True),
    ("Several officials have resigned since May.", True),
])
def test_a_quantifier_before_a_figure_is_an_approximate_number(text, vague):
    assert bool(VAGUE.search(text)) is vague
