"""Evidence selection on real-news shapes: the answer phrase most articles agree on, at most three quotes
with repeated copies cited once, newest articles first for "this week" questions, sentence-level search."""

import numpy as np
import pytest

from bot.answer_phrase import voted
from bot.compose import Draft, DraftSentence, trim_quotes
from bot.question import analyse
from bot.retrieve import prefer_recent, strong_sentences
from bot.types import Evidence
from index.types import Article, Sentence

pytestmark = pytest.mark.unit


def _ev(article_id: str, text: str, score: float = 0.8, date: str = "") -> Evidence:
    article = Article(id=article_id, path=f"{article_id}.txt", title="", text=text, date=date)
    return Evidence(Sentence(article_id, 0, len(text), text, "asserted", ("asserted",), ""), article, score, 0)


def test_the_phrase_most_articles_agree_on_wins_among_the_cited() -> None:
    cited = [_ev("a", "Officials in Ohio met Ford executives after the recall.", 0.9),
             _ev("b", "The recall was announced by Stellantis on Monday.", 0.8)]
    others = [_ev("c", "Stellantis recalled the vehicles.", 0.7), _ev("d", "Stellantis said so.", 0.7)]
    span, e = voted("Which automaker recalled the vehicles?", [*cited, *others], 4, among=2)
    assert span.text == "Stellantis" and e.article.id == "b"


def test_a_phrase_only_outside_the_cited_sentences_cannot_win() -> None:
    cited = [_ev("a", "The officials met Ford executives.", 0.9)]
    others = [_ev("c", "Stellantis recalled them.", 0.9), _ev("d", "Stellantis said so.", 0.9)]
    span, _ = voted("Which automaker recalled the vehicles?", [*cited, *others], 3, among=1)
    assert span.text == "Ford"


def test_repeated_copies_are_quoted_once_and_at_most_three_quotes_stay() -> None:
    evs = [_ev(str(i), f"Sentence number {i} here.", 1 - i / 10) for i in range(5)]
    draft = Draft([DraftSentence(e.sentence.text, [(e.sentence, e.article)]) for e in evs])
    copy = _ev("copy", "Sentence number 0 here.")
    draft.sentences.append(DraftSentence(copy.sentence.text, [(copy.sentence, copy.article)]))
    trim_quotes(draft, evs, 3)
    texts = [d.text for d in draft.sentences]
    assert len(texts) == 3 and texts[0] == "Sentence number 0 here." and texts.count(texts[0]) == 1


def test_this_week_questions_prefer_the_newest_articles() -> None:
    assert analyse("Which airline found loose bolts this week?").recent
    assert not analyse("Which airline found loose bolts?").recent
    old, new = _ev("old", "An old report.", 0.80, "2015-01-01"), _ev("new", "A new report.", 0.75, "2024-01-10")
    ranked = sorted(prefer_recent([old, new], 0.1, 30), key=lambda e: -e.score)
    assert ranked[0].article.id == "new"


class _Catalog:
    def chunk_rows(self, ids):  # noqa: ANN001, ANN201
        return {cid: ("far", 0, 1) for cid in ids}

    def sentence_vectors(self, article_id):  # noqa: ANN001, ANN201
        return np.array([[0.0, 1.0], [1.0, 0.0], [0.6, 0.8]], dtype=np.float16)


def test_sentence_search_finds_the_strong_sentence_of_a_low_ranked_chunk() -> None:
    found = strong_sentences(_Catalog(), [("c9", 0.01)], np.array([1.0, 0.0], dtype=np.float32), 8, set(), 4, 1)
    assert found == [(8, 0.01, "far", 1, 1)]


def test_a_boost_orders_the_quotes_but_does_not_raise_the_floor_for_further_quotes() -> None:
    from bot.compose import select
    from bot.consensus import boost_consensus, boost_typed

    q = analyse("Which automaker recalled the pickup trucks?")
    ev = [_ev("a", "The pickup trucks were recalled over loose wheel nuts, regulators said.", 0.80),
          _ev("b", "Marrow Motors recalled 90,000 pickup trucks over loose wheel nuts.", 0.66),
          _ev("c", "Marrow Motors said the pickup trucks recall covers three model years.", 0.62)]
    for e in ev:
        object.__setattr__(e, "coverage", 0.8)
    boosted = boost_consensus(q.text, boost_typed(q.text, ev, 0.15, 20), 0.1, 30)
    assert boosted[0].article.id == "b" and boosted[0].score == 0.66  # lifted by its boost, score kept
    assert boosted[0].ranked > 0.80
    chosen = select(boosted, 3)
    assert [e.article.id for e in chosen][0] == "b" and len(chosen) == 3  # the floor is 0.7 x 0.66, not x 0.91


def _covering(*evs: Evidence) -> list[Evidence]:
    for e in evs:
        object.__setattr__(e, "coverage", 0.8)
    return list(evs)


def test_free_slots_show_a_differing_typed_answer_when_the_candidates_disagree() -> None:
    from bot.select import select
    from index.settings import AnswerSettings

    q = "Which company bought the Harlow paper mill?"
    ev = _covering(_ev("a", "The Harlow paper mill was sold on Tuesday after a long search for a buyer.", 0.80),
                   _ev("b", "Kestrel Holdings bought the Harlow paper mill, the union said.", 0.50),
                   _ev("c", "The Harlow paper mill sale ends a century of family ownership.", 0.79))
    limits = AnswerSettings(fill_depth=8, fill_score_ratio=0.6)
    assert [e.article.id for e in select(ev, 3, limits, q)] == ["a", "c", "b"]
    assert [e.article.id for e in select(ev, 3, AnswerSettings(fill_depth=0), q)] == ["a", "c"]
    assert [e.article.id for e in select(ev, 3, limits, "")] == ["a", "c"]  # an untyped question: no fill


def test_a_filling_quote_must_say_an_answer_the_quotes_do_not_already_hold() -> None:
    from bot.select import fill_typed
    from index.settings import AnswerSettings

    q = "Which company bought the Harlow paper mill?"
    chosen = _covering(_ev("a", "Kestrel Holdings bought the Harlow paper mill on Tuesday.", 0.80))
    rest = _covering(_ev("b", "Kestrel Holdings paid more than the union expected for the Harlow mill.", 0.75),
                     _ev("c", "The Harlow paper mill will keep its 300 workers.", 0.74),
                     _ev("d", "Talbot Group had also bid for the Harlow paper mill.", 0.40))
    limits = AnswerSettings(fill_depth=8, fill_score_ratio=0.6)
    assert [e.article.id for e in fill_typed(q, [*chosen, *rest], list(chosen), 3, limits)] == ["a"]
    low = AnswerSettings(fill_depth=8, fill_score_ratio=0.5)
    assert [e.article.id for e in fill_typed(q, [*chosen, *rest], list(chosen), 3, low)] == ["a", "d"]

