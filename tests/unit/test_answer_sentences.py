"""Typed answer sentences: readers get text, kind and citations without parsing our wording."""

import pytest

from bot.assemble import assemble, verify_answer
from bot.compose import Draft, DraftSentence
from bot.types import Answer, AnswerSentence
from index.types import Article, Holder, Sentence

pytestmark = pytest.mark.unit

TEXT = "Officials say the truce held. Nobody confirmed it."


class _Catalog:
    def __init__(self, art: Article) -> None:
        self.art = art

    def article(self, article_id: str) -> Article | None:
        return self.art if article_id == self.art.id else None

    def sentences(self, article_id: str) -> list[Sentence]:
        return []


def _setup():
    art = Article(id="a1", path="a.txt", text=TEXT, title="Truce")
    s1 = Sentence("a1", 0, 29, TEXT[0:29], "attributed", ("attributed",), "say", Holder("Officials", (), True))
    s2 = Sentence("a1", 30, 50, TEXT[30:50], "asserted", ("asserted",), "")
    return art, s1, s2


def test_assemble_types_every_sentence_and_text_matches():
    art, s1, s2 = _setup()
    draft = Draft([DraftSentence(s1.text, [(s1, art)]), DraftSentence(s2.text, [(s2, art)], kind="llm")])
    answer = assemble("q", draft, _Catalog(art))
    assert [(x.text, x.kind, x.citations) for x in answer.sentences] == [
        (s1.text, "quote", (1,)), (s2.text, "quote", (2,))]
    assert answer.text == " ".join(x.marked() for x in answer.sentences)
    assert Answer.from_dict(answer.to_dict()) == answer
    assert verify_answer(answer, _Catalog(art)) == []


def test_verifier_reads_typed_citations_not_the_text():
    art, s1, _ = _setup()
    answer = assemble("q", Draft([DraftSentence(s1.text, [(s1, art)])]), _Catalog(art))
    from dataclasses import replace

    broken = replace(answer, sentences=(AnswerSentence(s1.text, "verdict", ()),))
    assert verify_answer(broken, _Catalog(art)) == [f"sentence without citation: {s1.text!r}"]
    assert AnswerSentence("Yes.", "verdict", (1, 2)).marked() == "Yes [1][2]."


def test_answer_phrase_is_typed_with_its_citation_and_offsets():
    art, _, s2 = _setup()
    s3 = Sentence("a1", 0, 29, TEXT[0:29], "asserted", ("asserted",), "")
    draft = Draft([DraftSentence("the truce.", [(s3, art)], kind="answer", phrase=(18, 23)),
                   DraftSentence(s2.text, [(s2, art)])])
    answer = assemble("q", draft, _Catalog(art))
    assert answer.phrase is not None and answer.phrase.text == "truce" == TEXT[18:23]
    assert answer.phrase.citation == 1
    assert Answer.from_dict(answer.to_dict()) == answer
    assert verify_answer(answer, _Catalog(art)) == []


def test_a_phrase_outside_its_quote_is_a_problem_and_is_not_kept():
    art, _, s2 = _setup()
    s3 = Sentence("a1", 0, 29, TEXT[0:29], "asserted", ("asserted",), "")
    outside = Draft([DraftSentence("the truce.", [(s3, art)], kind="answer", phrase=(30, 36))])
    assert assemble("q", outside, _Catalog(art)).phrase is None
    from dataclasses import replace

    from bot.types import AnswerPhrase

    answer = assemble("q", Draft([DraftSentence(s2.text, [(s2, art)])]), _Catalog(art))
    wrong = replace(answer, phrase=AnswerPhrase("truce", 1, 18, 23))
    assert verify_answer(wrong, _Catalog(art)) == ["the answer phrase 'truce' is not inside the quote of [1]"]
