"""Authorial negation: `Sentence.polarity` and its cue, kept apart from `unconfirmed` and `disputed`."""

import pytest

from index import lexicon
from index.epistemic import annotate
from index.polarity import read_polarity

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("sentence, cue", [
    ("The ministry did not sign the accord.", "did not sign"),
    ("The ministry didn't sign the accord.", "didn't sign"),
    ("There is no evidence of fraud in the count.", "no evidence of"),
    ("The convoy never reached the town.", "never reached"),
    ("The senator failed to appear at the hearing.", "failed to appear"),
    ("The company has not yet paid the fine.", "has not yet paid"),
    ("Nobody was hurt in the blast.", "Nobody was hurt"),
    ("Officials said there were no casualties.", "no casualties"),
    ("The council won't vote before May.", "won't vote"),
    ("The spokesman declined to comment on the talks.", "declined to comment"),
    ("“I'm not saying the count was fair,” he said.", "'m not saying"),
    ("He's not telling the truth.", "'s not telling"),
    ("The board was criticized for not disclosing the losses.", "not disclosing"),
    ("Nor do analysts expect a second offer.", "Nor do analysts expect"),
    ("The utility stopped paying a dividend in 1984.", "stopped paying"),
    ("The court did not question the ruling.", "did not question"),
    ("Cuba criticized Washington's failure to enforce the order.", "failure to enforce"),
    ("The airline has yet to respond to the complaint.", "has yet to respond"),
    ("The cause of the fire had yet to be determined.", "had yet to be determined"),
    ("DeSantis has yet to officially enter the race.", "has yet to officially enter"),
    ("Neither the mayor nor her aides could be reached for comment.", "Neither the mayor nor her aides could be reached"),
    ("Neither Smith nor Jones attended the signing.", "Neither Smith nor Jones attended"),
])
def test_a_negated_event_is_negative_with_its_cue(sentence, cue):
    assert read_polarity(sentence) == ("negative", cue)


@pytest.mark.parametrize("sentence", [
    "The ministry signed the accord on Monday.",
    "U.S. officials haven't confirmed the report.",  # non-confirmation: `unconfirmed`, not a negated event
    "Officials haven't confirmed the merger and say they have seen no shifts.",  # its first negation
    "The claim has not been independently verified.",
    "It is not clear whether the ministry signed.",  # a hedge
    "The talks were not only long but hard.",
    "There is no doubt the vote took place.",
    "He asked whether or not the vote mattered.",
    "The No. 2 seed won the final.",
    "The ministry denied signing the accord.",  # a denial by a named party: `disputed`
    "If Iraq doesn't back down, the strikes will continue.",  # inside an antecedent: no fact negated
    "Strikes will follow unless the envoy does not return.",
    "The family no longer owns the company.",  # a change of state, not an event that did not happen
    "Net income declined to about $6 million.",  # a quantity fell
    "The site was knocked off-line without notice.",  # "without": a side circumstance
    "He doesn't think the talks will collapse.",  # a negated belief is a hedge on its complement
    "It is no secret that the two sides met in May.",  # an idiom that asserts the meeting
    "The ministry has yet to confirm the deal.",  # a non-confirmation: `unconfirmed`
    "Neither the army nor the rebels has confirmed the truce.",
    "Neither group is willing to subordinate itself.",  # no "nor": read as before
])
def test_no_negated_event_is_positive(sentence):
    assert read_polarity(sentence) == ("positive", "")


def test_every_annotated_sentence_carries_polarity_and_it_reaches_to_dict():
    text = ("The ministry did not sign the accord, the agency said. The ministry denied it. "
            "Talks resumed on Friday.")
    got = [(s.polarity, s.polarity_cue, s.statuses) for s in annotate(text)]
    # the denial reaches the first sentence (`disputed`); its negation stays a separate field
    assert got == [("negative", "did not sign", ("disputed", "attributed")), ("positive", "", ("disputed",)),
                   ("positive", "", ("asserted",))]
    d = annotate(text)[0].to_dict()
    assert (d["polarity"], d["polarity_cue"]) == ("negative", "did not sign")


def test_the_word_lists_are_held_once_in_the_lexicon():
    from index import cues, splitter
    assert cues.WEAK_REPORT_VERBS is lexicon.WEAK_REPORT_VERBS
    assert splitter._TITLE_ABBREVS is lexicon.TITLE_ABBREVS
    assert all(w in cues.REPORT_VERBS.split("|") for w in lexicon.REPORT_VERBS)
