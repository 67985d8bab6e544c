"""Answer typing: the candidate spans of a sentence that can answer a question (a name, number or date of
the asked type that the question does not already say), checked against spaCy entities when there are any.

Example:
    >>> [s.text for s in candidates("Who met Lai?", "Lai met Ko Wen-je and Hou Yu-ih.")]
    ['Ko Wen-je', 'Hou Yu-ih']
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from bot.entities import Span, asking_clause, expected_type, of_level, spans
from bot.ner import CHUNK, NOUN, EntityTagger, fits, maybe
from index.lexicon import COMMON_KINDS, FIGURE_CHANGE_VERBS
from index.text import fold, terms
from index.types import Sentence


def _new(span: Span, q_terms: set[str], kind: str, asked: frozenset[str] = frozenset(),
         names: frozenset[str] | None = None) -> bool:
    """A span says something the question does not: a number is not in it; a name shares no word with it
    but the words of the thing asked for ("Which airline…?" → "Alaska Airlines", not "Boeing"). With
    `names` (`named_terms`), only the words the question capitalises, and the name's own last word, count as
    shared: "New Zealand" answers "… more than 100 new species off which country?", "Key Bridge" does not
    answer "Which city's bridge…?"."""
    words = set(terms(span.text)) or ({fold(span.text)} if "&" in span.text else set())  # "AT&T": no term
    if kind in {"number", "percentage", "date"}:
        return bool(words) and not words <= q_terms
    last = terms(span.text)[-1:]
    named = q_terms if names is None else q_terms & names | (set(last) & q_terms)  # "Key Bridge" for "bridge"
    return bool(words - q_terms) and (words & named <= asked or (kind == "person" and not set(last) & q_terms))


WH_LEAD = r"\b(?:which|what)\s+"  # where the thing a which/what question asks for starts
NAME_OF_LEAD = r"\bname\s+of\s+"  # … and a "the name of" question's


def word_run(most: int) -> str:
    """A pattern group of 1 to `most` words (letters, digits, apostrophes, hyphens), each with its spaces.

    Example:
        >>> re.match(WH_LEAD + word_run(2), "which state's court ruled").group(1)
        "state's court "
    """
    return rf"((?:[\w’'-]+\s*){{1,{most}}})"


_ASKED_WORDS = {n: re.compile(WH_LEAD + word_run(n), re.I) for n in (3, 4)}


def asked_words(question: str, most: int = 3) -> str:
    """The `most` (3 or 4) words right after "which"/"what" in the question's asking clause, "" without them.

    Example:
        >>> asked_words("Which California university deployed police?")
        'California university deployed '
    """
    m = _ASKED_WORDS[most].search(asking_clause(question))
    return m.group(1) if m else ""


_NAME_OF = re.compile(NAME_OF_LEAD + r"(?:the\s+|an?\s+)?" + word_run(3), re.I)


@lru_cache(maxsize=256)
def asked_terms(question: str) -> frozenset[str]:
    """The terms of what a which/what question asks for: the words right after "which"/"what", and after
    "the name of (the)".

    Example:
        >>> sorted(asked_terms("Which California university deployed police?"))
        ['california', 'deploy', 'university']
        >>> asked_terms("What is the name of the new Oreo cookie?") >= frozenset(terms("Oreo cookie"))
        True
    """
    m = _NAME_OF.search(asking_clause(question))
    return frozenset(terms(asked_words(question))) | frozenset(terms(m.group(1)) if m else ())


@lru_cache(maxsize=256)
def named_terms(question: str) -> frozenset[str]:
    """The terms of the words a question capitalises (its names, and its first word).

    Example:
        >>> named_terms("Which airline found loose bolts on Boeing planes?") == frozenset(terms("Boeing"))
        True
    """
    return frozenset(t for w in re.findall(r"[\w’'&.-]+", question) if w[:1].isupper() for t in terms(w))


def _proper(span: Span, text: str, context: str) -> bool:
    """A one-word name (wherever it stands: headlines capitalise every word) is a name only if the article
    never writes it in lower case."""
    if " " in span.text or "-" in span.text or span.text.isupper():
        return True
    return span.text.lower() not in _lower_words(context)


@lru_cache(maxsize=128)
def _lower_words(context: str) -> frozenset[str]:
    """The words an article writes in lower case (cached: a question checks many spans of a few articles)."""
    return frozenset(re.findall(r"(?<![\w’'-])[a-z][\w’'-]*", context))


def _bare(span: Span) -> Span:
    """An entity without a leading article ("the Environmental Working Group")."""
    m = re.match(r"(?i:the|a|an)\s+", span.text)
    return Span(span.text[m.end():], span.start + m.end(), span.end, span.type) if m else span


def _trim(span: Span) -> Span:
    for tail in ("’s", "'s"):
        if span.text.endswith(tail):
            return Span(span.text[: -len(tail)], span.start, span.end - len(tail), span.type)
    return span


Tagged = Mapping[str, "tuple[Span, ...] | None"]  # sentence text -> its spaCy entities (`bot.ner`)
_NAME_KINDS = frozenset({"person", "organisation", "place", "name"})


def candidates(question: str, text: str, context: str = "", holder: str = "", tagged: Tagged | None = None,
               ) -> list[Span]:
    """Every span of `text` of the question's type that the question does not already say; with the
    sentence's entities in `tagged`, a name must be (or lie in) an entity of a fitting label, and such
    entities the rules missed ("Oppenheimer" in quotes) join.

    Example:
        >>> [s.text for s in candidates("Who met Lai?", "Lai met Ko Wen-je and Hou Yu-ih.")]
        ['Ko Wen-je', 'Hou Yu-ih']
    """
    ents = tagged.get(text) if tagged else None
    return list(_candidates(question, text, context, holder, ents))


@lru_cache(maxsize=2048)
def _candidates(question: str, text: str, context: str, holder: str, ents: tuple[Span, ...] | None,
                ) -> tuple[Span, ...]:
    """`candidates`, cached: one answer checks the same sentences several times (typed boost, vote, pick)."""
    kind = expected_type(question)
    if not kind:
        return ()
    q_terms = _question_terms(question)
    held = set(terms(holder))
    found = [_trim(s) for s in spans(text, kind)]
    asked = asked_terms(question)

    names = named_terms(question)

    def ok(s: Span) -> bool:
        return _new(s, q_terms, kind, asked, names) and not set(terms(s.text)) & held

    lead = kicker_end(text)
    found = [s for s in found if ok(s) and s.start >= lead and (s.type != "name" or _proper(s, text, context or text))]
    if ents is not None and kind in _NAME_KINDS:
        named = [e for e in (_trim(_bare(x)) for x in ents if x.type not in {CHUNK, NOUN}) if ok(e)]
        found = by_entity(kind, found, [settled(question, e) for e in named])
        if kind == "name":
            nouns = _nouns(ents, q_terms, text, asked)
            found = with_nouns(question, found, [n for n in nouns if ok(n) and n.start >= lead])
    return tuple(_unit(question, of_level(question, found)))


_SETTLEMENT = re.compile(r"\b(?:which|what)\s+(?:[\w’'-]+\s+){0,3}?(?:city|town|state|country|nation)\b", re.I)


def settled(question: str, e: Span) -> Span:
    """For "which city / town / state / country / nation", a place entity that is no such unit (a road, a
    building, a region: spaCy FAC or LOC) is labelled as not a place, so the rules drop it too.

    Example:
        >>> settled("Which city is building the crossing?", Span("Highway 101", 0, 11, "FAC")).type
        'NOT_GPE'
    """
    if e.type in {"FAC", "LOC"} and _SETTLEMENT.search(asking_clause(question)):
        return Span(e.text, e.start, e.end, "NOT_GPE")
    return e


def _nouns(ents: Sequence[Span], q_terms: frozenset[str], text: str = "",
           asked: frozenset[str] = frozenset()) -> list[Span]:
    """The sentence's common-noun chunks (`bot.ner.CHUNK`) without the question's words at their ends, each
    still ending in one of its nouns, holding no number or date, and neither part of a hyphenated word nor
    beside the asked noun (`beside_asked`).
    """
    ends = {e.end for e in ents if e.type == NOUN}
    figures = [e for e in ents if any(fits(k, e.type) for k in ("number", "percentage", "date"))]
    return [n for c in ents if c.type == CHUNK and (n := unasked(c, q_terms)) and n.end in ends
            and not any(f.start < n.end and n.start < f.end for f in figures)  # "billions", "this week"
            and not beside_asked(text, n, asked)]


_JOINED = re.compile(r"[\w-]")


def beside_asked(text: str, span: Span, asked: frozenset[str]) -> bool:
    """A noun chunk is cut out of a hyphenated word ("co" of "co-ops"), or stands beside the asked noun:
    right after it ("food co-ops" for "Which food…?": what the food is in, not a food) or joined to it by
    and/or ("fruits and veggies" for "Which fruit…?": a sibling kind, not a fruit).

    Example:
        >>> t = "The list of fruits and veggies is topped by strawberries."
        >>> beside_asked(t, Span("veggies", 23, 30, "noun"), frozenset({"fruit"}))
        True
        >>> beside_asked(t, Span("strawberries", 44, 56, "noun"), frozenset({"fruit"}))
        False
    """
    if not text:
        return False
    if (span.start and _JOINED.match(text[span.start - 1])) or (span.end < len(text) and _JOINED.match(text[span.end])):
        return True
    before = re.search(r"([\w’'-]+)\s+(?:(?:and|or|&)\s+)?$", text[max(0, span.start - 40): span.start])
    after = re.match(r"\s+(?:and|or|&)\s+([\w’'-]+)", text[span.end: span.end + 40])
    return any(set(terms(m.group(1))) & asked for m in (before, after) if m)


def unasked(chunk: Span, q_terms: frozenset[str]) -> Span | None:
    """A noun chunk without the question's own words at its ends ("measles outbreaks" for "an outbreak of
    which disease?" → "measles"), typed "noun"; None when nothing is left.

    Example:
        >>> unasked(Span("measles outbreaks", 5, 22, "CHUNK"), frozenset({"outbreak"}))
        Span(text='measles', start=5, end=12, type='noun')
    """
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", chunk.text)]
    while words and set(terms(chunk.text[slice(*words[0])])) <= q_terms:
        words = words[1:]
    while words and set(terms(chunk.text[slice(*words[-1])])) <= q_terms:
        words = words[:-1]
    if not words:
        return None
    a, b = words[0][0], words[-1][1]
    return Span(chunk.text[a:b], chunk.start + a, chunk.start + b, "noun")


def with_nouns(question: str, found: Sequence[Span], nouns: Sequence[Span]) -> list[Span]:
    """The common-noun chunks when the question asks for a kind of common thing (`asks_common`), else the
    names; each when the other has none.

    Example:
        >>> names, nouns = [Span("Masisi", 0, 6, "name")], [Span("elephants", 30, 39, "noun")]
        >>> [s.text for s in with_nouns("He will send 20,000 of which animal?", names, nouns)]
        ['elephants']
        >>> [s.text for s in with_nouns("Which film won?", names, nouns)]
        ['Masisi']
    """
    first, then = (nouns, found) if asks_common(question) else (found, nouns)
    return list(first or then)


_PREP = r"\b(?:of|from|for|to|with|about|on|against|into|in|by)\s+"
OBJECT_WHAT = re.compile(_PREP + r"what\s*\?", re.I)  # "banning the sale of what?"
OBJECT_WH = re.compile(_PREP + r"(?:what|which)\b", re.I)  # "… found in which type of grocery item?"


@lru_cache(maxsize=256)
def asks_common(question: str) -> bool:
    """The question asks for a kind of common thing: "which animal / disease / sport…" (`COMMON_KINDS`), or
    "what" as the object of a preposition ("banning the sale of what?").

    Example:
        >>> asks_common("Which highly infectious disease spread?"), asks_common("Which film won?")
        (True, False)
        >>> asks_common("The law bans the sale of what?")
        True
    """
    words = re.findall(r"[a-z]+", asked_words(question, 4))
    return bool(set(words) & COMMON_KINDS) or bool(OBJECT_WHAT.search(asking_clause(question)))


_KICKER = re.compile(r"^\s*(?:[A-Z][A-Z .'-]+(?:,\s*[A-Z][\w .'-]*)?(?:\s*\([A-Za-z .]+\))?\s*[—–]|[A-Z][a-z]+:(?=\S))")


def kicker_end(text: str) -> int:
    """Where a sentence's dateline or kicker ends ("LOUISVILLE —", "DAKAR, Senegal (AP) —", "Breaking:"), 0
    without one: a place or word there says where the story was filed, not what it answers.

    Example:
        >>> kicker_end("LOUISVILLE — Users reported outages."), kicker_end("Breaking:Key Bridge falls"), kicker_end("Ford won.")
        (12, 9, 0)
    """
    m = _KICKER.match(text)
    return m.end() if m else 0


@lru_cache(maxsize=256)
def _question_terms(question: str) -> frozenset[str]:
    return frozenset(terms(question))


def by_entity(kind: str, found: Sequence[Span], ents: Sequence[Span]) -> list[Span]:
    """The fitting entities (label fits `kind`) that a rule span overlaps, with the entity's own bounds, and
    the fitting entities no rule span found; when there are none, the rule spans no entity overlaps (NER
    missed them). A rule span NER labels otherwise ("Portland" GPE for "Which airline…?") goes. In
    reading order.

    Example:
        >>> rules = [Span("Portland", 40, 48, "name"), Span("Alaska Airlines", 10, 25, "name")]
        >>> [s.text for s in by_entity("organisation", rules, [Span("Alaska Airlines", 10, 25, "ORG"),
        ...                                                   Span("Portland", 40, 48, "GPE")])]
        ['Alaska Airlines']
        >>> [s.text for s in by_entity("place", [Span("Maryland Gov", 0, 12, "name")], [Span("Maryland", 0, 8, "GPE")])]
        ['Maryland']
    """
    fitting = [e for e in ents if fits(kind, e.type)]

    def over(s: Span, among: Sequence[Span]) -> list[Span]:
        return [e for e in among if e.start < s.end and s.start < e.end]

    keep = list(dict.fromkeys(over(s, fitting)[0] for s in found if over(s, fitting)))
    keep = [Span(e.text, e.start, e.end, "name") for e in keep]
    # NER saw no entity there, or one of a label often given by mistake (`bot.ner.MAYBE`): the rules decide
    untagged = [s for s in found if all(maybe(kind, e.type) for e in over(s, ents))]
    extra = [Span(e.text, e.start, e.end, "name") for e in fitting if not over(e, found)]
    return sorted([*keep, *extra] or untagged, key=lambda s: s.start)


_MONEY = re.compile(r"[$€£]|million|billion|trillion", re.I)
_UNITS = ((re.compile(r"\bhow\s+much\b|\b(?:cost|price|amount|worth|paid|pay|fund\w*)\b", re.I), _MONEY),
          (re.compile(r"\b(?:which|what)\s+month\b", re.I), re.compile(r"[A-Z][a-z]{2}")),
          (re.compile(r"\b(?:which|what)\s+year\b", re.I), re.compile(r"\b(?:19|20)\d\d\b")))


def _unit(question: str, found: list[Span]) -> list[Span]:
    """The spans in the unit the question asks for (money for a price, a month, a year), when there are any."""
    for asks, unit in _UNITS:
        if asks.search(question):
            kept = [s for s in found if unit.search(s.text)]
            return kept or found
    return found


def in_unit(question: str, span: Span) -> bool:
    """A number span is in the unit the question asks for: money for "how much / cost / price"; any other
    span passes. (Within one sentence `pick_span` also prefers the number before the noun of "how many X";
    across sentences the newest article's figure leads instead.)

    Example:
        >>> q = "How much will an ad cost?"
        >>> in_unit(q, Span("60", 0, 2, "number")), in_unit(q, Span("$7 million", 0, 10, "number"))
        (False, True)
    """
    if span.type != "number":
        return True
    if re.search(r"\bhow\s+much\b|\b(?:cost|price|amount|worth|paid|pay|fund\w*)\b", question, re.I):
        return bool(_MONEY.search(span.text))
    return True


_TO_FIGURE = re.compile(r"\b(?:" + "|".join(FIGURE_CHANGE_VERBS) + r")\s+(?:to\s+|at\s+)?$", re.I)


def counts(question: str, text: str, span: Span) -> bool:
    """A number counts what "how many X" asks: X right after it ("366 days"), or a changed figure whose noun
    the sentence leaves out ("the death toll rose to 19"); any span of another question passes.

    Example:
        >>> q = "How many days are in the year?"
        >>> counts(q, "Every four years there are 366 days.", Span("four", 6, 10, "number"))
        False
        >>> counts(q, "Every four years there are 366 days.", Span("366", 27, 30, "number"))
        True
        >>> counts("How many people died?", "The toll rose to 19.", Span("19", 17, 19, "number"))
        True
    """
    m = re.search(r"how\s+many\s+([\w-]+)", question, re.I)
    if span.type != "number" or not m:
        return True
    after = set(terms(text[span.end: span.end + 30])[:2])
    return bool(set(terms(m.group(1))) & after) or bool(_TO_FIGURE.search(text[max(0, span.start - 25): span.start]))


def holder_text(s: Sentence) -> str:
    """The names in a sentence's holder chain, as one string (a span naming the holder is no answer)."""
    return " ".join(s.holder.sources) if s.holder else ""



def tag_texts(tagger: EntityTagger | None, texts: Sequence[str], chunks: bool = False,
              ) -> dict[str, tuple[Span, ...] | None]:
    """Each text's entities by `tagger` (none without one), with `chunks` its common-noun chunks too.

    Example:
        >>> tag_texts(None, ["Ford won."])
        {}
    """
    if tagger is None or not texts:
        return {}
    return dict(zip(texts, tagger.tag(texts, chunks), strict=True))
