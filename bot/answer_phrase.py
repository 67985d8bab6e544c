"""The answer phrase of a who/what/when/where/how-many question: the name, number or date taken from
a cited sentence (or the sentence before it), opening the answer as a sentence of kind "answer". The
candidate spans come from `bot.answer_typing`; this module picks one.

Example:
    >>> pick_span("Who won Taiwan's presidential election?", "In Taiwan, Lai Ching-te won the vote.").text
    'Lai Ching-te'
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from collections.abc import Sequence

from bot.answer_typing import (  # noqa: F401 (re-exported)
    _NAME_KINDS, NAME_OF_LEAD, OBJECT_WH, WH_LEAD, Tagged, _candidates, _question_terms, asks_common, by_entity,
    candidates, counts, asked_terms, asked_words, holder_text, in_unit, kicker_end, named_terms, tag_texts, word_run,
)
from bot.entities import Span, asking_clause, expected_type, of_level
from bot.ner import EntityTagger
from bot.describe import _description, appositive, appositive_span, described  # noqa: F401 (re-exported)
from bot.types import Evidence, Phrase
from index.catalog_base import BaseCatalog
from index.lexicon import (ASKED_NOUN_LEADS, ASKED_NOUN_STOPS, AUXILIARIES, CORRECTION_WORDS, IRREGULAR_PASTS,
                           WORK_NOUNS)
from index.text import fold, terms
from index.types import Article, Sentence


def _phrase(span: Span, s: Sentence, a: Article) -> Phrase:
    return Phrase(_phrase_text(span.text, s), s, a, s.start + span.start, s.start + span.end)


_ROLE_VERBS = {"lead": "led", "head": "headed", "command": "commanded", "found": "founded", "run": "run",
               "chair": "chaired", "own": "owned"}


def _asks_agent(question: str) -> bool:
    """The question asks who leads, heads, runs, founded… something.

    Example:
        >>> _asks_agent("Who leads the Front?"), _asks_agent("Who won the race?")
        (True, False)
    """
    return bool(re.match(r"^\s*who\b", asking_clause(question), re.I)) and bool(_role_pasts(question))


def _role_pasts(question: str) -> list[str]:
    """The past forms of the role verbs a question uses ("Who leads X?" → ["led"])."""
    return [past for stem, past in _ROLE_VERBS.items() if re.search(rf"\b{stem}(?:s|er|ed|ing)?\b", question, re.I)]


def _agent(question: str, text: str, found: Sequence[Span]) -> Span | None:
    """For "Who leads X?" (heads, runs, founded...): the name after the sentence's "led by" ("led by a fighter
    named Jamal Maarouf"), not a name that merely stands nearer X.

    Example:
        >>> t = "the Front, a faction trained by the United States and led by a fighter named Jamal Maarouf."
        >>> names = [Span("United States", 36, 49, "name"), Span("Jamal Maarouf", 77, 90, "name")]
        >>> _agent("Who leads the Front?", t, names)
        Span(text='Jamal Maarouf', start=77, end=90, type='name')
    """
    for past in _role_pasts(question):
        for m in re.finditer(rf"\b{past}\s+by\b", text, re.I):
            after = [sp for sp in found if 0 <= sp.start - m.end() <= 40]
            if after:
                return after[0]
    return None


_CORRECTS = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in CORRECTION_WORDS) + r")\b", re.I)


def pick_span(question: str, text: str, context: str = "", holder: str = "", tagged: Tagged | None = None,
              ) -> Span | None:
    """The best answer span of the question's type in `text`, or None.

    Example:
        >>> pick_span("How many people died in the fire?", "The fire killed 12 people on Monday.").text
        '12'
    """
    return _pick(question, text, context, holder, tagged.get(text) if tagged else None)


@lru_cache(maxsize=2048)
def _pick(question: str, text: str, context: str, holder: str, ents: tuple[Span, ...] | None) -> Span | None:
    kind = expected_type(question)
    found = list(_candidates(question, text, context, holder, ents))
    if not found:
        return None
    q_terms = _question_terms(question)
    if kind == "number" and re.search(r"\bhow\s+much\b|\b(?:cost|price|amount|worth|paid|pay|fund\w*)\b",
                                      question, re.I):
        money = [s for s in found if re.search(r"[$€£]|million|billion|trillion", s.text, re.I)]
        if money:
            return money[0]
    if kind == "number":
        m = re.search(r"how\s+(?:many|much)\s+([\w-]+)", question, re.I)
        noun = set(terms(m.group(1))) if m else set()
        if _CORRECTS.search(text):  # "an earlier article said 40 …; 14 were killed": the later figure corrects
            found = found[::-1]
        for s in found:
            after = terms(text[s.end: s.end + 30])[:2]
            if noun & set(after):
                return s
    if kind in {"person", "organisation", "place", "name"} and (agent := _agent(question, text, found)):
        return agent
    if all(s.type == "noun" for s in found) and (near := anchored(question, text, found)):
        return near
    if kind in _NAME_KINDS and (named := headed(question, text, found)):
        return named
    if kind in {"person", "organisation", "place", "name"}:
        # The name nearest the question's own words, longer names first on ties.
        folded = fold(text)
        q_pos = [m.start() for t in q_terms for m in re.finditer(rf"\b{re.escape(t)}", folded)]
        if q_pos:
            return min(found, key=lambda s: (min(abs(s.start - p) for p in q_pos), -len(s.text)))
    return found[0]


def _phrase_text(span: str, s: Sentence) -> str:
    """The answer line: the phrase alone, framed as a report when its source only reports it (the
    sentence's holder, or a minor attribution whose content holds the phrase: `Sentence.holder_at`).

    Example:
        >>> from index.types import Attribution, Holder
        >>> t = "The senator, who chairs the panel, said the bill was dead."
        >>> a = Attribution(Holder("The senator", (), True), "said", 40, 57, "speech_verb", 0.4)
        >>> _phrase_text("the bill was dead", Sentence("x", 0, len(t), t, attributions=(a,)))
        'According to The senator: the bill was dead.'
    """
    at = s.text.find(span)
    held = s.holder_at(s.start + at, s.start + at + len(span)) if at >= 0 else None
    if s.status == "asserted" and held is None:
        return f"{span}."
    holder = held or s.holder
    if holder and not holder.unnamed:
        return f"According to {holder.sources[0]}: {span}."
    return f"Reportedly, {span}."


def voted(question: str, evidence: Sequence[Evidence], depth: int, among: int | None = None,
          tagged: Tagged | None = None) -> tuple[Span, Evidence] | None:
    """The answer span most of the best `depth` candidate sentences agree on, weighted by their scores (a
    sentence's own best pick counts fully, its other spans half), with the best sentence holding it; with
    `among`, only spans of the first `among` sentences (the cited ones) can win; a name a cited sentence
    calls what the question asks for (`labelled`) wins over others, and a place of the asked level
    (`of_level`: "which state") over other places.

    Example:
        >>> voted("Who won?", [], 8) is None
        True
    """
    tally: dict[tuple[str, str], float] = defaultdict(float)  # (span key, article id) -> its best weight
    where: dict[str, tuple[Span, Evidence]] = {}
    measured: set[str] = set()  # the keys of spans in the unit the question counts (`in_unit`), or nouns
    common = asks_common(question)  # "Which animal…?": a common noun wins over the names of untagged sentences
    named: set[str] = set()  # the keys of names a cited sentence calls what the question asks for (`labelled`)
    for e in evidence[:depth]:
        found = candidates(question, e.sentence.text, e.article.text, holder_text(e.sentence), tagged)
        best = pick_span(question, e.sentence.text, e.article.text, holder_text(e.sentence), tagged) if found else None
        cited = any(e is c for c in evidence[:among or depth])
        for span in found:
            key = " ".join(terms(span.text)) or fold(span.text)
            weight = max(e.score, 0.0) * (1.0 if best and span.start == best.start else 0.5)
            tally[key, e.article.id] = max(tally[key, e.article.id], weight)
            where.setdefault(key, (span, e))
            if in_unit(question, span) and (span.type == "noun" or not common):
                measured.add(key)
            if key not in named and cited and labelled(
                    question, e.sentence.text, span):
                named.add(key)
                where[key] = (span, e)
    votes: dict[str, float] = defaultdict(float)
    for (key, _), weight in tally.items():
        votes[key] += weight  # one vote an article: the copies and repeats of one report count once
    allowed = {k for k, (_, e) in where.items() if among is None or any(e is c for c in evidence[:among])}
    allowed = (allowed & measured) or allowed
    allowed = (allowed & named) or allowed  # a name the sentence calls what is asked ("the Odysseus lander")
    level = of_level(question, [where[k][0] for k in allowed])
    allowed = {k for k in allowed if where[k][0] in level}
    if not allowed:
        return None
    return where[max(allowed, key=lambda k: votes[k])]


def answer_phrase(question: str, kind: str, cited: Sequence[Evidence], catalog: BaseCatalog,
                  context: str = "", pool: Sequence[Evidence] = (), depth: int = 0,
                  tagger: EntityTagger | None = None, tag_sentences: int = 0) -> Phrase | None:
    """The answer line and the sentence it is cited to: from the first cited sentence that holds an answer
    of the question's type, else from the sentence before the top one ("the country" named there). A
    question asking who someone is (or where they work) is answered by the article's description of them;
    `context` is the previous question of a follow-up. With `depth`, the span most of the cited sentences
    and the best `depth` of `pool` agree on is taken (`voted`). With a `tagger`, the first `tag_sentences`
    of those sentences have their entities typed by spaCy NER (`candidates`)."""
    if kind in {"yesno", "why"} or not cited:
        return None
    subject = described(question, context)
    if subject:
        return _description(subject, cited)
    if expected_type(question) not in _NAME_KINDS:
        tagger = None  # NER types names only: a number or date question needs none
    nouns = expected_type(question) == "name" and asks_common(question)  # a common-noun answer: noun chunks too
    tagged = tag_texts(tagger, [e.sentence.text for e in [*cited, *pool][:tag_sentences]], nouns)
    if kind == "how_many":  # when the figure changed, the newest article's leads (the older stays quoted)
        cited = sorted(cited, key=lambda e: e.article.date or "", reverse=True)
    elif depth and not _asks_agent(question):  # "Who leads X?": the name after "led by" in a cited sentence, no vote
        keys = {(e.article.id, e.sentence.start) for e in cited}
        others = [e for e in pool if (e.article.id, e.sentence.start) not in keys]
        tagged = tag_texts(tagger, [e.sentence.text for e in [*cited, *others][:tag_sentences]], nouns)
        vote = voted(question, [*cited, *others], len(cited) + depth, among=len(cited), tagged=tagged)
        if vote:
            span, e = vote
            return _phrase(span, e.sentence, e.article)
    picks = [(e, pick_span(question, e.sentence.text, e.article.text, holder_text(e.sentence), tagged)) for e in cited]
    picks = [(e, span) for e, span in picks if span]
    measured = [(e, span) for e, span in picks if in_unit(question, span) and counts(question, e.sentence.text, span)]
    for e, span in measured or picks:
        return _phrase(span, e.sentence, e.article)
    top = cited[0]
    before = [s for s in catalog.sentences(top.article.id) if s.end <= top.sentence.start]
    if before and refers_back(question, top.sentence.text):
        prev = before[-1]
        span = pick_span(question, prev.text, top.article.text, holder_text(prev))
        if span:
            return _phrase(span, prev, top.article)
    return None


def refers_back(question: str, text: str) -> bool:
    """The sentence names what the question asks for only by reference ("the country", "the city"), so the
    sentence before it may name it.

    Example:
        >>> q = "Which country was hit by the quake?"
        >>> refers_back(q, "The quake rocked the country on Monday."), refers_back(q, "It was strong.")
        (True, False)
    """
    words = [w.lower() for w in re.findall(r"[\w’'-]+", asked_words(question))]
    return any(re.search(rf"\b(?:the|this|that)\s+{re.escape(w)}\b", text, re.I) for w in words)


def anchored(question: str, text: str, found: Sequence[Span]) -> Span | None:
    """For a "what"/"which" that is a preposition's object ("banning the sale of what?", "traces of the virus
    in which item?"), the common noun nearest after the question's last word before it ("sale", "virus");
    None for other questions or without that word.

    Example:
        >>> t = "Lawmakers passed a ban on the sale of dog meat."
        >>> found = [Span("Lawmakers", 0, 9, "noun"), Span("dog meat", 38, 46, "noun")]
        >>> anchored("The law bans the sale of what?", t, found).text
        'dog meat'
    """
    clause = asking_clause(question)
    m = OBJECT_WH.search(clause)
    before = terms(clause[: m.start()])[-1:] if m else []
    folded = fold(text)
    at = [x.start() for t in before for x in re.finditer(rf"\b{re.escape(t)}", folded)]
    after = [(s.start - p, s) for s in found for p in at if p < s.start]
    return min(after, key=lambda x: x[0])[1] if after else None


def headed(question: str, text: str, found: Sequence[Span]) -> Span | None:
    """The first name the sentence itself calls what the question asks for (`labelled`).

    Example:
        >>> t = "A tram crashed at a Harbor Studios theme park in Southern Vale."
        >>> found = [Span("Harbor Studios", 20, 34, "name"), Span("Southern Vale", 50, 63, "name")]
        >>> headed("Which theme park reported a collision?", t, found).text
        'Harbor Studios'
    """
    return next((s for s in found if labelled(question, text, s)), None)


_ASKED_NOUN = re.compile(f"{WH_LEAD}{word_run(10)}|{NAME_OF_LEAD}{word_run(8)}", re.I)


@lru_cache(maxsize=256)
def asked_nouns(question: str) -> tuple[str, ...]:
    """The terms of the noun phrase a which/what question asks for, without its verb ("Which state Supreme
    Court cleared…" → state, supreme, court) or what follows a preposition or relative word; "type of" and
    "the name of" are looked through.

    Example:
        >>> asked_nouns("What is the name of the festival that Phish hosts?") == tuple(terms("festival"))
        True
        >>> asked_nouns("Which state Supreme Court cleared it?") == tuple(terms("state Supreme Court"))
        True
    """
    out: list[str] = []
    for m in _ASKED_NOUN.finditer(asking_clause(question)):
        words = (m.group(1) or m.group(2)).split()
        while words and words[0].lower() in AUXILIARIES | ASKED_NOUN_LEADS:
            words = words[1:]
        for w in words:
            low = w.lower().strip("?,.")
            if (low in ASKED_NOUN_STOPS | AUXILIARIES | IRREGULAR_PASTS or low[:1].isdigit()
                    or (low.endswith(("ed", "ly")) and "-" not in low and w[:1].islower())):
                break
            out += [t for t in terms(low) if t != "name"]
            if low.endswith(("’s", "'s")):  # "Which university’s president…": the university is asked
                break
    return tuple(dict.fromkeys(out))


_WORKS = frozenset(t for w in WORK_NOUNS for t in terms(w))


def labelled(question: str, text: str, span: Span) -> bool:
    """The sentence calls a name what the question asks for (`asked_nouns`; not for places, whose nouns
    are levels: `of_level`): that noun's head word right before it past a comma and up to two capitalised
    words ("his closest rival, Florida Gov. Ron DeSantis") or, for a person, before it or opening it as a
    title; a quoted name for a creative work ("Which film…?": `WORK_NOUNS`); when
    the question names the kind with a brand ("Which type of Apple product…?"), a name opening with that
    brand ("Apple Watch", not "the NFC team" for "Which NFL team…?") or standing after the brand before
    that noun ("Intuitive Machines' Odysseus spacecraft"); else that noun right after it ("a
    Harbor Studios theme park" for "Which theme park…?") or its head ending it ("Alaska Airlines" for
    "Which airline…?", not "the Film Awards" for "Which film…?").

    Example:
        >>> t = "He met his closest rival, Florida Gov. Ron DeSantis."
        >>> labelled("Which rival did he meet?", t, Span("Ron DeSantis", 39, 51, "name"))
        True
        >>> labelled("Which rival did he meet?", "He met Ron DeSantis.", Span("Ron DeSantis", 7, 19, "name"))
        False
    """
    asked, kind = asked_nouns(question), expected_type(question)
    if span.type == "noun" or not asked or kind == "place":
        return False
    head, words = asked[-1], terms(span.text)
    m = re.search(r"([\w’'-]+),\s*(?:[A-Z][\w’'.-]*\s+){0,2}$", text[max(0, span.start - 60): span.start])
    title = re.search(r"([\w’'-]+)\s+$", text[max(0, span.start - 30): span.start])
    if (m and head in terms(m.group(1))) or (kind == "person" and (
            (words[:1] == [head] and len(words) > 1) or (title and terms(title.group(1)) == [head]))):
        return True  # "his rival, Gov. Ron DeSantis"; "former President Barack Obama" for "Which former president…?"
    if head in _WORKS and re.search(r"[\"“‘']$", text[:span.start]) and re.match(r"[\"”’']", text[span.end:]):
        return True  # 'trophies for "Oppenheimer"' for "Which film…?"
    brand = [t for t in asked[:-1] if t in named_terms(question)]
    after = re.match(r"\s*([\w’'-]+)", text[span.end: span.end + 25])
    before_noun = bool(after and set(terms(after.group(1))) & set(asked))
    if brand:  # "Which NFL team…": not "the NFC team"; "Which type of Apple product…": "Apple Watch"
        return (words[: len(brand)] == brand and len(words) > len(brand)) or (
            before_noun and terms(text[max(0, span.start - 40): span.start])[-len(brand):] == brand)
    return before_noun or words[-1:] == [head]

