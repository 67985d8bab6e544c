"""Answer-aware quote choice, before the quotes are chosen: sentences holding an answer of the asked type
are lifted (`boost_typed`, `prefer_typed`), and so is the best sentence holding the name, number or date
most of the best candidates agree on (`boost_consensus`), so that the quotes hold the answer the answer
phrase will give.

Example:
    >>> boost_consensus("Who won?", [], 0.1, 8) == []
    True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.answer_phrase import holder_text, pick_span, tag_texts, voted
from bot.entities import expected_type
from bot.ner import EntityTagger
from bot.types import Evidence


def boost_consensus(question: str, evidence: Sequence[Evidence], bonus: float, depth: int,
                    tagger: EntityTagger | None = None, tag_sentences: int = 0) -> list[Evidence]:
    """The first `depth` candidates re-ranked with `bonus` added to the best sentence holding the span
    they most agree on; the rest follow unchanged."""
    if not bonus or not evidence or not expected_type(question):
        return list(evidence)
    tagged = tag_texts(tagger, [e.sentence.text for e in evidence[:tag_sentences]])
    vote = voted(question, evidence, depth, tagged=tagged)
    if vote is None:
        return list(evidence)
    _, winner = vote
    head = [replace(e, boost=e.boost + bonus) if e is winner else e for e in evidence[:depth]]
    return sorted(head, key=lambda e: -e.ranked) + list(evidence[depth:])


def _typed(question: str, e: Evidence) -> bool:
    return pick_span(question, e.sentence.text, e.article.text, holder_text(e.sentence)) is not None


def boost_typed(question: str, evidence: Sequence[Evidence], bonus: float, depth: int) -> list[Evidence]:
    """The first `depth` candidates re-ranked with `bonus` added to those holding a new answer of the
    question's type; the rest follow unchanged.

    Example:
        >>> boost_typed("Who won?", [], 0.1, 20)
        []
    """
    if not bonus or not expected_type(question):
        return list(evidence)
    head = [replace(e, boost=e.boost + bonus) if _typed(question, e) else e for e in evidence[:depth]]
    return sorted(head, key=lambda e: -e.ranked) + list(evidence[depth:])


def prefer_typed(question: str, evidence: Sequence[Evidence], margin: float, depth: int) -> list[Evidence]:
    """Evidence with the best sentence holding an answer of the question's type first, when it is among the
    `depth` best (`AnswerSettings.prefer_depth`) and scores within `margin` (a fraction) of the top sentence.

    Example:
        >>> prefer_typed("Who won?", [], 0.1, 12)
        []
    """
    ordered = list(evidence)
    if not ordered or not expected_type(question) or _typed(question, ordered[0]):
        return ordered
    floor = ordered[0].ranked * (1 - margin)
    for i, e in enumerate(ordered[1:depth], start=1):
        if e.ranked < floor:
            break
        if _typed(question, e):
            return [e, *ordered[:i], *ordered[i + 1:]]
    return ordered
