"""Which sentences judge a checked claim: coverage, the negated word, what a denial denies, the holder's own description."""

import pytest

from bot.check import on_point, same_figures
from bot.claim_scope import as_judged, claim_share
from index.types import Holder, Sentence

pytestmark = pytest.mark.unit


def _s(text: str, status: str = "asserted", cue: str = "", holder: Holder | None = None, **kw: str) -> Sentence:
    return Sentence("a", 0, len(text), text, status, (status,), cue, holder, **kw)


def test_a_topic_sentence_does_not_cover_the_claim_but_its_restatement_does():
    claim = _s("Firefighters were killed in the Pinecrest fire")
    assert claim_share(claim, _s("The death toll from the Pinecrest fire rose to 19.")) < 0.8
    assert claim_share(claim, _s("No firefighters were killed in the Pinecrest fire.")) == 1.0
    assert claim_share(_s("Twelve died in the blaze"), _s("The fire killed twelve.")) == 1.0  # synonyms


def test_a_negation_speaks_to_the_claim_only_when_it_negates_one_of_its_words():
    strike = _s("Transit workers in Halden went on strike")
    trams = _s("The Halden tram network did not shut down during the strike.", polarity="negative",
               polarity_cue="did not shut")
    assert not on_point(strike, trams)
    assert on_point(_s("The Halden tram network shut down during the strike"), trams)


def test_a_denial_speaks_to_the_claim_when_what_it_denies_shares_enough_of_it():
    denial = _s("The Halden transit authority denied that Reyes had been dismissed.", "disputed", "denied",
                Holder("The Halden transit authority", (), True))
    assert on_point(_s("Omar Reyes was fired by the Halden transit authority"), denial)
    assert not on_point(_s("The Halden transit strike ended on Wednesday"), denial)
    breach = _s("Norvik Bank denied that card numbers were taken in the breach.", "disputed", "denied",
                Holder("Norvik Bank", (), True))
    assert not on_point(_s("The Norvik Bank breach was discovered on Friday"), breach)


def test_the_holders_own_description_is_the_writers_fact_but_the_reported_content_is_not():
    kozak = _s("“Nusra built support,” says Chris Kozak, a Syria analyst at the Institute for the Study of War.",
               "attributed", "says", Holder("Chris Kozak", (), True))
    assert as_judged(_s("Chris Kozak is a Syria analyst at the Institute for the Study of War"), kozak, 0.8).status == "asserted"
    assert as_judged(_s("Nusra built support"), kozak, 0.8).status == "attributed"
    chief = _s("The blaze killed 12 people, the county fire chief said.", "attributed", "said",
               Holder("the county fire chief", (), False))
    assert as_judged(_s("The Pinecrest blaze killed 12 people"), chief, 0.8).status == "attributed"


def test_a_figure_claim_needs_a_figure_to_be_established():
    claim = _s("The blaze killed 12 people")
    assert not same_figures(claim, _s("A wildfire swept through the hills."))
    assert same_figures(claim, _s("The toll was not confirmed.", "unconfirmed", "not confirmed"))
    assert not same_figures(claim, _s("The toll rose to 19."))
