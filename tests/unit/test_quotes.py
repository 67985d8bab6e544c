"""Quotes across sentences: every sentence inside a quotation is attributed to its speaker."""

import pytest

from index.epistemic import annotate

pytestmark = pytest.mark.unit


def test_multi_sentence_quote_closed_by_she_said():
    s = annotate("“The plan is dead. Nobody will vote for it,” the senator said. The vote is on Friday.")
    assert [("attributed" in x.statuses) for x in s] == [True, True, False]
    assert s[0].holder is not None and s[0].holder.name == "the senator"


def test_quote_continuing_after_the_speaker_sentence():
    s = annotate("“We won,” Smith told reporters. “The count is final. We will not appeal.”")
    assert all("attributed" in x.statuses for x in s)
    assert s[2].holder is not None and s[2].holder.name == "Smith"


def test_paragraph_quote_opened_by_a_colon_intro():
    s = annotate("The mayor said:\n\n“Taxes will fall. Roads will be fixed.”\n\nThe council met later.")
    assert [("attributed" in x.statuses) for x in s] == [True, True, True, False]
