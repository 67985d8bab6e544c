"""Question analysis: validation, follow-ups with history, and the expected answer type.

Example:
    >>> q = analyse("Who leads it?", history=[("What is the Syrian Revolutionaries Front?", "…")])
    >>> q.kind, q.followup, "Syrian" in q.search_text
    ('who', True, True)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from index.errors import QuestionError
from index.lexicon import SOURCING_NOUNS
from index.text import QUESTION_WORDS, stem, terms

History = Sequence[tuple[str, str]]
_ONLY_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_QUESTION_STEMS = frozenset(QUESTION_WORDS | {stem(w) for w in QUESTION_WORDS})
_PRONOUNS = re.compile(r"\b(?:it|its|they|them|their|he|him|his|she|her|this|that|these|those|there|the group|"
                       r"the groups|the deal|the truce)\b", re.I)
_RECENT = re.compile(r"\b(?:this|last|past)\s+(?:week|weekend|month|year)|\brecent(?:ly)?\b|\blatest\b|"
                     r"\b(?:now|currently|current|upcoming|new|newly|just|today|yesterday)\b", re.I)
_KINDS = (
    ("how_many", re.compile(r"^\s*how\s+(?:many|much)\b|\bnumber of\b", re.I)),
    ("when", re.compile(r"^\s*(?:when|what\s+(?:date|day|year|month|time))\b|\bwhen\b", re.I)),
    ("who", re.compile(r"^\s*(?:who|whom|whose|which\s+(?:group|groups|person|people|man|woman|official|"
                       r"officials|analyst|journalist|outlet|agency|organi[sz]ation|faction|factions))\b", re.I)),
    ("where", re.compile(r"^\s*where\b", re.I)),
    ("which", re.compile(r"^\s*(?:in\s+|at\s+|on\s+)?which\s+(?!of\b)\w+", re.I)),  # "Which city …?": a name
    ("yesno", re.compile(r"^\s*(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would)\b", re.I)),
    ("why", re.compile(r"^\s*why\b", re.I)),
)


@dataclass(frozen=True)
class Question:
    """A checked question and what retrieval should search for."""

    text: str
    search_text: str
    terms: tuple[str, ...]
    context_terms: tuple[str, ...]
    kind: str
    followup: bool
    recent: bool = False  # asks about "this week", "latest", "now": the newest articles are preferred


def clean(text: str, max_chars: int) -> str:
    """Validate and normalise a question, raising `QuestionError` with the fix.

    Example:
        >>> clean("  Who leads\\x00 it? ", 100)
        'Who leads it?'
    """
    if text is None or not str(text).strip():
        raise QuestionError("the question is empty. Fix: type a question about the articles")
    text = "".join(ch for ch in str(text) if unicodedata.category(ch)[0] != "C" or ch in "\n\t")
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > max_chars:
        raise QuestionError(
            f"the question is {len(text):,} characters long, over the {max_chars:,} limit. "
            "Fix: ask a shorter question (paste long text as an article instead)")
    if not re.search(r"\w", text):
        raise QuestionError("the question has no words. Fix: type a question about the articles")
    if _ONLY_URL.match(text):
        raise QuestionError("this is a web address, not a question. Fix: add the article first (paste the address "
                            "on the \"Add articles\" tab, or `sourcecheck ingest URL`), then ask about it")
    return text


_SOURCING_STEMS = frozenset({stem(w) for w in SOURCING_NOUNS | {"independent", "separate", "different", "news",
                                                                  "report", "reports", "reported", "reporting"}})


def asks_sourcing(question: str) -> bool:
    """"How many (independent) sources / articles / outlets …": the corroboration note answers it.

    Example:
        >>> asks_sourcing("How many independent sources report the truce?"), asks_sourcing("How many died?")
        (True, False)
    """
    m = re.search(r"how\s+many\s+(?:independent\s+|separate\s+|different\s+|news\s+)?([\w-]+)", question, re.I)
    return bool(m) and m.group(1).lower() in SOURCING_NOUNS


_SPEAKER_QUESTION = re.compile(r"^\s*what\s+(?:did|does|do|has|have)\s+(.+?)\s+(?:say|said|tell|told|claim|write|"
                               r"announce|report|think|believe)\b", re.I)


def speaker_asked(question: str) -> str | None:
    """Who a "What did X say (about …)?" question asks about: only a sentence X is the holder of answers it.

    Example:
        >>> speaker_asked("What did Bashar al-Assad say about the truce?"), speaker_asked("What is the truce?")
        ('Bashar al-Assad', None)
    """
    m = _SPEAKER_QUESTION.search(question)
    return m.group(1).strip() if m else None


def names_someone(text: str) -> bool:
    """Whether a question names its own subject (a capitalised word after the first): "Who is Chris Kozak?" is a
    new question, not a follow-up, however short.

    Example:
        >>> names_someone("Who is Chris Kozak?"), names_someone("Where does he work?"), names_someone("And why?")
        (True, False, False)
    """
    return bool(re.search(r"(?<=\s)[A-Z][\w.-]*", text.strip()))


def analyse(text: str, history: History | None = None, max_chars: int = 2000) -> Question:
    """Check a question and work out its type and its search text (with history for follow-ups)."""
    text = clean(text, max_chars)
    own = terms(text)
    history = list(history or [])
    followup = bool(history) and (bool(_PRONOUNS.search(text)) or (len(own) <= 2 and not names_someone(text)))
    context: list[str] = []
    search_text = text
    if followup:
        prev_q = history[-1][0]
        context = [t for t in terms(prev_q) if t not in own]
        search_text = f"{prev_q} {text}"
    kind = "what"
    if asks_sourcing(text):  # answered by the corroboration count: its own words are no key words
        own = tuple(t for t in own if t not in _SOURCING_STEMS)
        kind = "sourcing"
    for name, rx in _KINDS if kind == "what" else ():
        if rx.search(text):
            kind = name
            break
    return Question(text, search_text, tuple(t for t in own if t not in _QUESTION_STEMS), tuple(context), kind,
                    followup, bool(_RECENT.search(text)))


_ROLE_QUESTION = re.compile(
    r"^\s*who\s+(?:is|was|are|were|has\s+been)\s+(?:the\s+|a\s+|an\s+)?(?:(?:current|new|former|top|main)\s+)?"
    r"([a-z][a-z-]+)\s+(?:of|at|for|in)\b", re.I)
_ROLE_KIN = {"leader": ("lead", "head", "chief", "command", "commander"), "head": ("lead", "leader", "chief"),
             "chief": ("head", "lead", "leader"), "ceo": ("chief executive",), "spokesman": ("spokesperson", "spokeswoman"),
             "spokesperson": ("spokesman", "spokeswoman")}


def role_asked(question: str) -> str | None:
    """The role a "who is the X of Y" question asks for.

    Example:
        >>> role_asked("Who is the leader of the Hazm Movement?"), role_asked("Who is Chris Kozak?")
        ('leader', None)
    """
    m = _ROLE_QUESTION.search(question)
    return m.group(1).lower() if m else None


def names_role(role: str, sentence: str) -> bool:
    """A sentence speaks of the role: the word, its verb ("leader" → "led by") or a near synonym.

    Example:
        >>> names_role("leader", "a rebel faction led by a fighter named Jamal Maarouf")
        True
        >>> names_role("leader", "western-backed groups like the Hazm Movement")
        False
    """
    have = set(terms(sentence))
    words = {role, *_ROLE_KIN.get(role, ())}
    for suffix in ("er", "or"):
        if role.endswith(suffix) and len(role) > len(suffix) + 2:
            words.add(role[: -len(suffix)])
    return any(set(terms(w)) <= have and terms(w) for w in words)
