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
from dataclasses import dataclass

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
              r"bank|university|school|court|body|union|newspaper|outlet|band")
_TYPE_RULES = (
    ("percentage", re.compile(r"\bwhat\s+(?:percent|percentage|share|proportion)\b|\bhow\s+much\s+.*\bpercent", re.I)),
    ("number", re.compile(r"^\s*how\s+(?:many|much|old|long|far|tall|high)\b|\bnumber\s+of\b|\bwhat\s+(?:amount|"
                          r"price|sum|age|score)\b", re.I)),
    ("date", re.compile(r"^\s*when\b|\bwhat\s+(?:date|day|year|month|time)\b|\bin\s+which\s+(?:year|month)\b", re.I)),
    ("place", re.compile(rf"^\s*where\b|\b(?:which|what)\s+(?:(?:\w+\s+)?(?:{_PLACE_NOUNS}))\b", re.I)),
    ("organisation", re.compile(rf"\b(?:which|what)\s+(?:(?:\w+\s+)?(?:{_ORG_NOUNS}))\b", re.I)),
    ("person", re.compile(r"^\s*(?:who|whom|whose)\b|\b(?:which|what)\s+(?:\w+\s+)?(?:person|man|woman|"
                          r"player|actor|actress|singer|politician|candidate|leader|official|president|"
                          r"minister|ceo|author|artist|athlete|celebrity|star|rapper|judge)\b", re.I)),
    ("name", re.compile(r"^\s*(?:which|what)\s+\w+", re.I)),
)


@dataclass(frozen=True)
class Span:
    """A typed span of a sentence: `text == sentence[start:end]`."""

    text: str
    start: int
    end: int
    type: str


def expected_type(question: str) -> str:
    """The answer type a question asks for (one of `TYPES`), or '' for yes/no, why and open questions."""
    for kind, rx in _TYPE_RULES:
        if rx.search(question):
            return kind
    return ""


def _names(text: str) -> list[Span]:
    out = []
    for m in NAME.finditer(text):
        words = m.group(0).split()
        while words and fold(words[0].rstrip(".")) in _NOT_NAMES:
            words = words[1:]
        while words and fold(words[-1].rstrip(".")) in _NOT_NAMES | {"of", "and", "de", "al"}:
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
        return [s for s in _names(text) if not any(a <= s.start < b for a, b in dates)]
    return []
