"""The answer phrase (issue 15b): names a sentence calls what is asked, the asked level across sentences,
which question words block a name, named days, title abbreviations and noun chunks beside the asked noun."""

import pytest

from bot.answer_phrase import asked_nouns, labelled, voted
from bot.answer_typing import beside_asked, candidates
from bot.entities import Span, spans
from bot.types import Evidence
from index.text import terms
from index.types import Article, Sentence

pytestmark = pytest.mark.unit


def _ev(text: str, article: str, score: float) -> Evidence:
    return Evidence(Sentence(article, 0, len(text), text), Article(id=article, path=f"{article}.txt", title="",
                                                                   text=text), score, 0)


def _span(text: str, part: str) -> Span:
    return Span(part, text.index(part), text.index(part) + len(part), "name")


def test_asked_nouns_stop_at_the_verb_and_look_through_kind_words() -> None:
    assert asked_nouns("Which harbour ferry company sank near the pier?") == tuple(terms("harbour ferry company"))
    assert asked_nouns("What type of beetles were found in the crates?") == tuple(terms("beetles"))
    assert asked_nouns("Which member of the band quit?") == ("member",)


def test_labelled_by_a_comma_apposition_the_noun_after_or_a_name_ending_in_it() -> None:
    q = "Which rival did the mayor meet on Friday?"
    t = "The mayor met his old rival, Harbor Gov. Lena Ostrow, at noon."
    assert labelled(q, t, _span(t, "Lena Ostrow"))
    assert not labelled(q, "The mayor met Lena Ostrow at noon.", Span("Lena Ostrow", 14, 25, "name"))
    t2 = "A crew boarded a Tidewater Lines ferry in Portmore."
    assert labelled("Which ferry sank?", t2, _span(t2, "Tidewater Lines"))
    assert not labelled("Which ferry sank?", t2, _span(t2, "Portmore"))
    t3 = "Pilots at Gullwing Airlines and the Coastal Film Awards jury met."
    assert labelled("Which airline struck a deal?", t3, _span(t3, "Gullwing Airlines"))
    assert not labelled("Which film won?", t3, _span(t3, "Coastal Film Awards"))  # the awards, not a film


def test_a_named_kind_in_the_question_turns_the_noun_after_off() -> None:
    t = "The Sharks are the only Eastern team left, after beating Norwood."
    assert not labelled("Which NHL team won its first title?", t, _span(t, "Eastern"))


def test_the_vote_takes_the_name_a_cited_sentence_calls_what_is_asked() -> None:
    q = "Which spacecraft reached the moon this week?"
    cited = _ev("The Heron spacecraft sent photos of Earth on its way to the moon.", "a", 0.8)
    others = [_ev(f"Earth looked small from orbit, report {i} said.", f"b{i}", 0.9) for i in range(3)]
    span, e = voted(q, [cited, *others], 4, among=1)
    assert span.text == "Heron" and e is cited


def test_the_vote_prefers_a_place_of_the_asked_level() -> None:
    q = "Which state was hit by floods this week?"
    a = _ev("The storm also hit the Midwest and the South on Friday.", "a", 0.9)
    b = _ev("Rivers flooded towns across Oregon on Friday.", "b", 0.6)
    span, _ = voted(q, [a, b], 2, among=2)
    assert span.text == "Oregon"


def test_only_capitalised_question_words_block_a_name() -> None:
    q = "Researchers found more than 40 new species off the coast of which country?"
    text = "New Zealand scientists counted the sponges off the coast."
    assert [s.text for s in candidates(q, text)] == ["New Zealand"]
    assert [s.text for s in candidates("Which country did New Zealand play?", "New Zealand beat Fiji.")] == ["Fiji"]


def test_named_days_and_title_abbreviations_leave_names() -> None:
    assert [s.text for s in spans("While Super Tuesday looms, Harlan Voss leads.", "person")] == ["Harlan Voss"]
    assert [s.text for s in spans("Sen. Ada Pruitt met Coastal Gov. Ben Ortiz.", "person")] == [
        "Ada Pruitt", "Coastal", "Ben Ortiz"]


def test_the_name_of_words_are_asked_so_a_product_name_holding_them_answers() -> None:
    q = "What is the name of the new Crumbly cookie?"
    assert "Crumbly Moon Swirl" in [s.text for s in candidates(q, "Fans lined up for Crumbly Moon Swirl cookies.")]
    q2 = "Crumbly launched a new cookie. What is it called?"  # "Crumbly" is not asked here: the name repeats it
    assert "Crumbly Moon Swirl" not in [s.text for s in candidates(q2, "Fans lined up for Crumbly Moon Swirl cookies.")]


def test_noun_chunks_beside_the_asked_noun_are_no_answer() -> None:
    t = "Plums top the list of fruits and veggies sold in fruit co-ops."
    asked = frozenset({"fruit"})
    assert beside_asked(t, _span(t, "veggies"), asked)
    assert beside_asked(t, Span("co", t.index("co-ops"), t.index("co-ops") + 2, "noun"), asked)
    assert not beside_asked(t, _span(t, "Plums"), asked)


def test_a_quoted_name_answers_a_creative_work_and_a_title_a_person() -> None:
    t = 'Critics praised Harbor Nights and gave prizes to "Lantern Road" on Sunday.'
    assert labelled("Which film won three prizes?", t, _span(t, "Lantern Road"))
    assert not labelled("Which film won three prizes?", t, _span(t, "Harbor Nights"))
    assert not labelled("Which city won three prizes?", t, _span(t, "Lantern Road"))
    t2 = "The prize went to former President Ada Pruitt and to Ben Ortiz."
    assert labelled("Which former president won the prize?", t2, _span(t2, "Ada Pruitt"))
    assert not labelled("Which former president won the prize?", t2, _span(t2, "Ben Ortiz"))


def test_a_brand_in_the_question_needs_the_name_to_open_with_it_or_follow_it() -> None:
    q = "What is the name of the Gullwing Labs rover that reached Mars?"
    t = "Gullwing Labs' Pika rover and the Ares rover rolled out."
    assert labelled(q, t, _span(t, "Pika"))
    assert not labelled(q, t, _span(t, "Ares"))
    t2 = "Shoppers queued for the Crumbly Moon Swirl and the Nutty cookie."
    assert labelled("Which type of Crumbly cookie sold out?", t2, _span(t2, "Crumbly Moon Swirl"))
    assert not labelled("Which type of Crumbly cookie sold out?", t2, _span(t2, "Nutty"))
