"""Hedges and modality as news uses them (`index.modality`), with sentences written here."""

import pytest

from index.epistemic import annotate
from index.modality import RULES, read_modality, reported_would

pytestmark = pytest.mark.unit


def one(text):
    (s,) = annotate(text)
    return s


@pytest.mark.parametrize("sentence, rule, status", [
    ("I think the ceasefire will hold through the weekend.", "first_person_belief", "hedged"),
    ("We believe the figures understate the losses.", "first_person_belief", "hedged"),
    ("The ministry is expected to sign the accord on Friday.", "expected_to", "speculative"),
    ("The vote was expected to take place in March.", "expected_to", "speculative"),
    ("The convoy appears to have turned back at the border.", "appears_to", "hedged"),
    ("It is unclear whether the ministry signed the accord.", "unclear_whether", "hedged"),
    ("It is not yet known how many people were hurt.", "unclear_whether", "hedged"),
    ("It is too early to say who fired first.", "hard_to_say", "hedged"),
    ("Nobody knows how the fire in the depot started.", "hard_to_say", "hedged"),
    ("Such talks tend to collapse after the first round.", "tend_to", "hedged"),
    ("It is believed that the leader fled to the coast.", "impersonal_belief", "hedged"),
    ("The painting is considered to be his finest work.", "impersonal_belief", "hedged"),
    ("Lamb is considered the traditional meat of the region.", "impersonal_belief", "hedged"),
    ("He moved to Bombay, then considered the haven of art in India.", "impersonal_belief", "hedged"),
    ("The rebels want to end the war before winter.", "wish_frame", "speculative"),
    ("The party hopes to win its first seats in parliament.", "wish_frame", "speculative"),
    ("Relatives tried to reach the coast by boat.", "attempt_frame", "speculative"),
    ("Lawyers are fighting to keep the boy in Miami.", "attempt_frame", "speculative"),
    ("The mayor urged residents to leave the valley.", "request_frame", "speculative"),
    ("Protesters demanded that the boy be allowed to stay.", "request_frame", "speculative"),
    ("Each right entitles the holder to buy 23 shares.", "entitlement_frame", "speculative"),
    ("The hillside could still break loose at any time.", "could_should", "speculative"),
    ("The department should revoke their custody of the child.", "could_should", "speculative"),
    ("Officials are weighing whether to close the road.", "open_question", "hedged"),
    ("Talks will resume if the shelling stops.", "if_clause", "conditional"),
    ("The judge ordered that the ferry remain in port until Monday.", "mandate_subjunctive", "speculative"),
    ("The union insisted that every driver be paid for the strike days.", "mandate_subjunctive", "speculative"),
])
def test_each_hedge_form_gives_its_status(sentence, rule, status):
    assert rule in [name for name, _, _ in read_modality(sentence)]
    s = one(sentence)
    assert status in s.statuses and s.uncertain


@pytest.mark.parametrize("sentence", [
    "The ministry signed the accord on Friday.",
    "I met the minister on Friday.",  # first person without a belief verb
    "They believe in a free press.",  # not first person
    "The board considered the proposal on Monday.",  # an active verb with its subject
    "The bill was considered by the Senate in May.",  # a passive with its agent
    "He was considered for the post.",  # no "to"/"as" complement
    "The line was more fluid than anyone wanted to admit.",  # a comparison, not a wish
    "Whether the ministry will admit it or not, the two sides agree.",  # "whether … or not": either way
    "The police could not reach the village.",  # a negated ability: polarity, not a conjecture
    "The ministry plans to open the bridge in May.",  # a plan: news readers take it as reported fact
    "The mayor insisted that the bridge was safe.",  # an indicative clause: a claim, not a mandate
    "Most of the players, if not all, stayed.",  # "if not": a hedge on the count, no condition
    "The ferry sails at noon, even if the sea is rough.",
    "The climb was hard to finish in the rain.",  # a hard task, not an unknown  # a concession, not a condition
    "The vines bloom in May if planted early.",  # a reduced, generic conditional
])
def test_no_hedge_form(sentence):
    assert read_modality(sentence) == ()


def test_reported_speech_would_is_not_a_hedge():
    s = one("The company said it would build a plant in Ohio.")
    assert "speculative" not in s.statuses and not s.uncertain
    t = "Officials told reporters the bridge would reopen on Monday."
    assert reported_would(t, t.index("would"))
    # a bare "would" is still a conjecture
    assert one("A merger would shift the balance of power.").status == "speculative"


@pytest.mark.parametrize("sentence", [
    "The spokesman would not comment on the talks.",
    "The owners couldn't be reached on Sunday.",
])
def test_a_refusal_or_inability_is_negative_not_a_conjecture(sentence):
    s = one(sentence)
    assert s.polarity == "negative" and "speculative" not in s.statuses and not s.uncertain


def test_reported_speech_would_with_a_saying_form():
    s = one("The council met on Monday, saying the bridge would reopen in May.")
    assert "speculative" not in s.statuses


@pytest.mark.parametrize("sentence, hedge", [
    ("Parole may be granted by the board.", False),  # what a thing can undergo: root possibility
    ("The shell may also be coloured bright blue.", False),
    ("The suspect may be hiding in the hills.", True),  # a conjecture about the suspect
    ("The fire may have started in the kitchen.", True),
    ("The envoy is reported to have left the capital.", True),  # a hedged report
    ("The theft was reported to the police.", False),  # a report made, no hedge
    ("Older drivers are more likely to brake late.", False),  # a comparison of rates, not a conjecture
    ("The vote is likely to be delayed.", True),
])
def test_hedge_or_not(sentence, hedge):
    assert ("hedged" in one(sentence).statuses) is hedge


def test_the_rules_form_a_readable_table():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    for r in RULES:
        assert r.status in {"hedged", "speculative", "conditional"}
        assert r.pattern.search(r.example), r.name
