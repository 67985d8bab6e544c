"""The typed holder, inherited record and polarity of `Sentence`, and rows stored by older versions."""

import pytest

from index.types import Holder, Inherited, Sentence

pytestmark = pytest.mark.unit

OLD_ROW = {"article_id": "a", "start": 0, "end": 30, "text": "Officials say ISIS won a truce.",
           "status": "unconfirmed", "statuses": ["unconfirmed", "attributed"], "cue": "say",
           "holder": "the AP, citing these opposition officials", "uncertain": True, "scope": "",
           "inherited": "unconfirmed: U.S. officials haven't confirmed it."}


def test_an_older_row_with_string_holder_and_inherited_is_read():
    s = Sentence.from_dict(OLD_ROW)
    assert s.holder == Holder("the AP", ("these opposition officials",), True)
    assert s.inherited == Inherited("unconfirmed", text="U.S. officials haven't confirmed it.")
    assert (s.polarity, s.polarity_cue) == ("positive", "")


@pytest.mark.parametrize("old, new", [
    ("unnamed", Holder()), ("", None), ("some experts", Holder("some experts", (), False)),
])
def test_older_holder_strings(old, new):
    assert Sentence.from_dict({**OLD_ROW, "holder": old}).holder == new


def test_continued_report_of_an_older_row():
    s = Sentence.from_dict({**OLD_ROW, "inherited": "continues the report of the Associated Press"})
    assert s.inherited.status == "attributed" and s.inherited.holder.name == "the Associated Press"


def test_round_trip_of_every_field():
    s = Sentence("a", 3, 9, "x", "disputed", ("disputed",), "denied", Holder("Reuters", ("two aides",), True),
                 True, "the deal", Inherited("attributed", 0, 2, "y", Holder()), "negative", "did not")
    d = s.to_dict()
    assert d["holder"] == {"name": "Reuters", "chain": ["two aides"], "named": True}
    assert Sentence.from_dict(d) == s
    assert Sentence.from_dict({k: v for k, v in d.items() if k != "polarity_cue"}).polarity == "negative"
