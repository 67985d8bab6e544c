"""A rules entity tagger for answer typing: the expected answer type of a question and the typed spans
(names, numbers, dates) of a candidate sentence. Rules, not spaCy NER: NER cost ~50 ms a question.

Example:
    >>> expected_type("How many people died in the fire?"), expected_type("Which country won?")
    ('number', 'place')
    >>> [e.text for e in spans("On Monday, Tsai Ing-wen met 300 officials in Taipei.", "person")]
    ['Tsai Ing-wen', 'Taipei']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from index.lexicon import COUNTRIES, NAMED_DAYS, TITLE_ABBREVS, US_STATES
from index.text import fold

TYPES = ("person", "organisation", "place", "number", "percentage", "date", "name")
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DATE = re.compile(rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?|"
                  rf"{_MONTH}\s+\d{{4}}|{_WEEKDAY}|(?:19|20)\d\d|January|February|March|April|June|July|August|September|"
                  r"October|November|December)\b")
_NUMWORD = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
            r"hundreds?|thousands?|dozens?")
PERCENT = re.compile(r"(?:\b\d[\d,.]*\s*(?:%|percent\b|per cent\b))")
NUMBER = re.compile(rf"(?:[$€£]\s?)?\b(?:\d[\d,.]*|{_NUMWORD})(?:\s+(?:million|billion|trillion|thousand|hundred))?"
                    rf"(?:\s+(?:{_NUMWORD}))?\b", re.I)
_CONNECT = r"(?:\s+(?:of|de|al|bin|van|von|der|la|del)\s+|\s+|-)"
NAME = re.compile(rf"\b(?:[A-Z][\w’'.-]*[a-z]\w*|[A-Z]{{2,}})(?:{_CONNECT}(?:[A-Z][\w’'.-]*[a-z]\w*|[A-Z]{{2,}}))*")
_NOT_NAMES = frozenset(fold(w) for w in (
    "The A An This That These Those It He She They We I But And Or If When While After Before In On At For "
    "Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June "
    "July August September October November December However Meanwhile Still Yet So Also There Here His Her "
    "Their Its Our Some Many Most Other According ET EST EDT PT PST PDT CT CST GMT UTC AM PM GOP CEO").split())
_PLACE_NOUNS = r"country|city|state|nation|island|region|province|town|capital|continent|county|place|location"
_ORG_NOUNS = (r"company|companies|firm|team|club|party|organi[sz]ation|agency|group|brand|network|airline|"
              r"bank|university|school|court|body|union|newspaper|outlet|band|automaker|carmaker|manufacturer|"
              r"retailer|chain|broadcaster|carrier|league")
_AMOUNT = r"amount|price|sum|age|score|cost|total|value|fee|fine|salary|budget"
_TYPE_RULES = (
    ("percentage", re.compile(r"\bwhat\s+(?:percent|percentage|share|proportion)\b|\bhow\s+much\s+.*\bpercent", re.I)),
    ("number", re.compile(rf"\bhow\s+(?:many|much|old|long|far|tall|high)\b|\bwhat\s+(?:{_AMOUNT})\b|"
                          rf"\bwhat\s+(?:is|was|were|are|will\s+be)\s+the\s+(?:\w+\s+)?(?:{_AMOUNT})\b", re.I)),
    ("date", re.compile(r"^\s*when\b|\b(?:what|which)\s+(?:date|day|year|month|time)\b|\bin\s+which\s+(?:year|month)\b",
                        re.I)),
    ("place", re.compile(rf"\b(?:which|what)\s+(?:(?:[\w’'-]+\s+){{0,3}}(?:{_PLACE_NOUNS}))\b|"
                         rf"\bwhat\s+(?:is|was)\s+the\s+(?:[\w’'-]+\s+){{0,3}}(?:{_PLACE_NOUNS})\s*\?", re.I)),
    ("organisation", re.compile(rf"\b(?:which|what)\s+(?:(?:[\w’'-]+\s+){{0,3}}(?:{_ORG_NOUNS}))s?\b", re.I)),
    ("person", re.compile(r"\b(?:which|what)\s+(?:[\w’'-]+\s+){0,3}(?:person|man|woman|"
                          r"player|actor|actress|singer|politician|candidate|leader|official|president|"
                          r"minister|ceo|author|artist|athlete|celebrity|star|rapper|judge|poet|comedian|rival|"
                          r"member|coach|musician|writer|director)s?\b", re.I)),
    ("place", re.compile(r"(?:^|,\s*|\s)where\b(?!\s+(?:is|was|are|were)\s+the\s+\w+\s+(?:who|that)\b)", re.I)),
    ("person", re.compile(r"^\s*(?:who|whom|whose)\b|\b(?:of|by|to|with|for)\s+(?:who|whom)\b|\bwho\s*\?\s*$",
                          re.I)),
    ("name", re.compile(r"\b(?:which|what)\s+(?!(?:is|was|are|were|did|does|do|could|would|can|will|should|might|"
                        r"may|has|have|had)\b)\w+|"
                        r"^\s*what\s+(?:is|was)\s+the\s+name\b|\bwhat\s*\?\s*$|^\s*what\s+is\s+it\s+called\b",
                        re.I)),
    ("number", re.compile(r"\bnumber\s+of\b", re.I)),
)
_WH = re.compile(r"\b(?:who|whom|whose|what|which|where|when|how)\b", re.I)


def asking_clause(question: str) -> str:
    """The sentence of a question that asks: the last one holding a question word (a question may open
    with a statement: "Two planes collided this week. Where did it happen?").

    Example:
        >>> asking_clause("Two planes collided this week. Where did it happen?")
        'Where did it happen?'
    """
    parts = re.split(r"(?<=[a-z0-9][.!])\s+(?=[A-Z])", question.strip())
    return next((p for p in reversed(parts) if _WH.search(p)), question)


@dataclass(frozen=True)
class Span:
    """A typed span of a sentence: `text == sentence[start:end]`."""

    text: str
    start: int
    end: int
    type: str


@lru_cache(maxsize=256)
def expected_type(question: str) -> str:
    """The answer type a question asks for (one of `TYPES`), or '' for yes/no, why and open questions;
    the question word may stand anywhere in its asking clause ("… banned from which sport?").

    Example:
        >>> expected_type("A ticket won the jackpot. Where was it sold?"), expected_type("It fakes the voice of who?")
        ('place', 'person')
    """
    clause = asking_clause(question)
    if re.match(r"^\s*(?:why|how\s+(?:did|does|do|is|was|can|could|will|would))\b", clause, re.I):
        return ""
    if re.match(r"^\s*(?i:what\s+(?:is|are|was|were)\s+(?:(?:the|an?)\s+)?)[A-Z]", clause):
        return ""  # "What is the Khorasan Group?" asks for a description, not a name
    for kind, rx in _TYPE_RULES:
        if rx.search(clause):
            return kind
    return ""


_EDGE_WORDS = _NOT_NAMES | TITLE_ABBREVS  # what a name loses at its ends ("Florida Gov." → "Florida")


def _names(text: str) -> list[Span]:
    out = []
    for m in NAME.finditer(text):
        words = m.group(0).split()
        if len(words) >= 2 and fold(" ".join(words[-2:])) in NAMED_DAYS:  # "Super Tuesday": a date, no name
            words = words[:-2]
        while words and fold(words[0].rstrip(".")) in _EDGE_WORDS:
            words = words[1:]
        while words and fold(words[-1].rstrip(".")) in _EDGE_WORDS | {"of", "and", "de", "al"}:
            words = words[:-1]
        if not words:
            continue
        phrase = " ".join(words)
        start = text.find(phrase, m.start())
        if start < 0:
            continue
        phrase = phrase.rstrip(".’'")
        out.append(Span(phrase, start, start + len(phrase), "name"))
    return out


def spans(text: str, kind: str) -> list[Span]:
    """The spans of `text` that can answer a question of type `kind`, in reading order."""
    if kind == "date":
        return [Span(m.group(0), m.start(), m.end(), "date") for m in DATE.finditer(text)]
    if kind == "percentage":
        return [Span(m.group(0), m.start(), m.end(), "percentage") for m in PERCENT.finditer(text)]
    if kind == "number":
        return [Span(m.group(0).strip(), m.start(), m.start() + len(m.group(0).strip()), "number")
                for m in NUMBER.finditer(text) if not DATE.fullmatch(m.group(0))]
    if kind in {"person", "organisation", "place", "name"}:
        dates = [(m.start(), m.end()) for m in DATE.finditer(text)]
        names = [p for n in _names(text) for p in possessor(n)]
        return [s for s in names if not any(a <= s.start < b for a, b in dates)]
    return []


def possessor(span: Span) -> list[Span]:
    """A name holding a possessive is two names: the possessor and what it owns ("Baltimore's Key Bridge").

    Example:
        >>> [s.text for s in possessor(Span("Baltimore's Key Bridge", 4, 26, "name"))]
        ['Baltimore', 'Key Bridge']
    """
    m = re.search(r"['’]s\s+", span.text)
    if not m:
        return [span]
    own = span.text[m.end():]
    return [Span(span.text[: m.start()], span.start, span.start + m.start(), span.type),
            Span(own, span.start + m.end(), span.end, span.type)]


_LEVEL = re.compile(r"\bwhich\s+(?:[\w’'.-]+\s+){0,3}?(state|country|nation)(?:['’]s)?\b", re.I)
_LEVELS = {"state": US_STATES, "country": COUNTRIES, "nation": COUNTRIES}


def of_level(question: str, found: Sequence[Span]) -> list[Span]:
    """For "which (US) state" / "which country" questions, the places of that level when there are any
    ("Beirut" and "Chicago" are places, not the country or the state asked for); else all of them.

    Example:
        >>> found = [Span("Chicago", 0, 7, "place"), Span("Illinois", 9, 17, "place")]
        >>> [s.text for s in of_level("Which state did she visit?", found)]
        ['Illinois']
        >>> [s.text for s in of_level("Which city did she visit?", found)]
        ['Chicago', 'Illinois']
    """
    m = _LEVEL.search(question)
    if not m:
        return list(found)
    names = _LEVELS[m.group(1).lower()]
    kept = [s for s in found if s.text.lower().removeprefix("the ").strip() in names]
    return kept or list(found)
