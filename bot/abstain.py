"""When to abstain: the per-question quantities the decision looks at (`AbstainSignals`, typed and JSON
round-trip), and the decision itself as a pure function of them and the thresholds (`AnswerSettings`), so
that the eval can replay it for any thresholds without asking again (`sourcecheck eval --sweep`).

Example:
    >>> sig = AbstainSignals(True, coverage=0.8, score=0.6, similarity=0.5, best_similarity=0.5)
    >>> decide(sig, AnswerSettings())
    ''
    >>> decide(sig, AnswerSettings(min_score=0.7))
    'no sentence answers it'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from bot.question import Question, analyse, names_role, role_asked, speaker_asked
from bot.types import Evidence
from index.settings import AnswerSettings
from index.text import terms
from index.types import Sentence


@dataclass(frozen=True)
class AbstainSignals:
    """What the abstention decision reads of one question's retrieval: the best sentence's coverage of the
    key terms, its score and similarity, the best chunk similarity, and the threshold-free checks' reason
    ('' when they pass: a number for "how many", the speaker for "what did X say", the role for "who leads")."""

    has_evidence: bool
    coverage: float = 0.0
    score: float = 0.0
    similarity: float = 0.0
    best_similarity: float = 0.0
    rule_reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> AbstainSignals:
        """Inverse of `to_dict`."""
        return cls(**d)


def abstain_signals(q: Question, evidence: Sequence[Evidence], best_similarity: float) -> AbstainSignals:
    """Read the signals off the evidence (no threshold involved).

    Example:
        >>> abstain_signals(analyse("Who won?"), [], 0.0).has_evidence
        False
    """
    if not evidence:
        return AbstainSignals(False, best_similarity=best_similarity)
    top = evidence[0]
    return AbstainSignals(True, top.coverage, top.score, top.similarity, best_similarity, _rule_reason(q, evidence))


def decide(sig: AbstainSignals, limits: AnswerSettings) -> str:
    """Why the evidence is too weak to answer, or '' when it is strong enough (thresholds: `limits`).

    Example:
        >>> decide(AbstainSignals(True, 0.3, 0.5, 0.2, 0.1), AnswerSettings())
        'the closest passage is unrelated'
    """
    if not sig.has_evidence:
        return "nothing in the articles matches"
    if sig.coverage >= limits.strong_coverage and sig.score >= limits.min_score:
        return ""  # every key word of the question is in one sentence
    if sig.best_similarity < limits.min_similarity and sig.coverage < limits.min_coverage:
        return "the closest passage is unrelated"
    if sig.coverage < limits.min_coverage and sig.similarity < limits.near_similarity:
        return "the key words of the question are not in the articles"
    if sig.score < limits.min_score:
        return "no sentence answers it"
    return sig.rule_reason


def should_abstain(q: Question, evidence: Sequence[Evidence], best_similarity: float, limits: AnswerSettings) -> str:
    """Why the evidence is too weak to answer, or '' when it is strong enough (thresholds: `limits`).

    Example:
        >>> should_abstain(analyse("Who won?"), [], 0.0, AnswerSettings())
        'nothing in the articles matches'
    """
    return decide(abstain_signals(q, evidence, best_similarity), limits)


def _rule_reason(q: Question, evidence: Sequence[Evidence]) -> str:
    """The checks that need no threshold: a number for 'how many', the speaker quoted, the role named."""
    if q.kind == "how_many" and not has_count(q.text, evidence[0].sentence.text):
        return "the articles give no number for it"
    speaker = speaker_asked(q.text)
    if speaker and not any(_holds(speaker, e.sentence) for e in evidence[:5]):
        return f"no passage quotes {speaker}"
    role = role_asked(q.text)
    if role:
        subject = set(q.terms) - set(terms(role))
        if not any(names_role(role, e.sentence.text) and subject & set(terms(e.sentence.text)) for e in evidence[:5]):
            return f"no passage names the {role}"
    return ""


def _holds(speaker: str, s: Sentence) -> bool:
    """The sentence is attributed to the speaker (a word of the name in its holder's chain, or its pronoun's referent)."""
    if s.holder is None:
        return False
    h = s.holder
    return bool(set(terms(speaker)) & set(terms(" ".join((*h.sources, h.refers_to)))))


_COUNT = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|" \
         r"thousands?|millions?|billions?|several|a\s+few|many)"


_VAGUE_COUNTS = frozenset({"many", "several", "a few"})


def has_count(question: str, sentence: str) -> bool:
    """A 'how many X' question needs a number next to X; 'how much' needs a number or an amount.

    Example:
        >>> has_count("How many fighters does it have?", "It has 5,000 fighters.")
        True
        >>> has_count("How many fighters does it have?", "The two groups met fighters.")
        False
        >>> has_count("How many fighters does it have?", "It lost many opposition fighters.")
        False
    """
    m = re.search(r"how\s+many\s+([\w-]+)", question, re.I)
    if not m:
        return bool(re.search(rf"\b{_COUNT}\b|[$€£]\s?\d", sentence, re.I))
    noun = terms(m.group(1))
    if not noun:
        return bool(re.search(rf"\b{_COUNT}\b", sentence, re.I))
    for hit in re.finditer(rf"\b({_COUNT})\s+((?:[\w-]+\s+)?[\w-]+)", sentence, re.I):
        if hit.group(1).lower() in _VAGUE_COUNTS:  # "many opposition fighters" answers no "how many"
            continue
        if noun[0] in terms(hit.group(2)):
            return True
    return False
