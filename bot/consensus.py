"""Answer-aware quote choice: the name, number or date most of the best candidate sentences agree on
(`bot.answer_phrase.voted`) lifts the best sentence holding it, so that the quotes hold the answer the
answer phrase will give.

Example:
    >>> boost_consensus("Who won?", [], 0.1, 8) == []
    True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.answer_phrase import tag_texts, voted
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
    head = [replace(e, score=e.score + bonus) if e is winner else e for e in evidence[:depth]]
    return sorted(head, key=lambda e: -e.score) + list(evidence[depth:])
