"""Hedges and modality as news uses them: a readable table of named rules.

Each `Rule` names a construction, the status it gives (`hedged`, `speculative`, `conditional`),
its pattern and a sentence it fires on. `index.epistemic` adds the statuses of the rules that
fire to the cues it reads itself. What is *not* a hedge is said here too: "would" in reported
speech ("said it would build") is the reported future, an unnamed source alone ("officials
said") attributes without hedging, a negated would/could ("would not comment") is a refusal, and
"may be" + a participle ("parole may be granted") is what a thing can undergo (`index.cues`).

Example:
    >>> [(name, status) for name, status, _ in read_modality("I think the deal will hold.")]
    [('first_person_belief', 'hedged')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from index import cues
from index.lexicon import (APPEARANCE_VERBS, ATTEMPT_WORDS, BELIEF_VERBS, ENTITLEMENT_WORDS, EXPECTATION_WORDS,
                           IMPERSONAL_BELIEF, KNOWING_VERBS, MANDATE_WORDS, REPORTED_WOULD_VERBS,
                           REQUEST_WORDS, TENDENCY_WORDS, WISH_WORDS, alternation)
from index.prefilter import quick

_APOS = r"[’']"
_BE = r"(?:is|are|was|were|be|been|being|am|[’']s|[’']re)"


@dataclass(frozen=True)
class Rule:
    """One construction: its name, the status it gives, its pattern and an example it fires on."""

    name: str
    status: str
    pattern: re.Pattern[str]
    example: str
    not_after: re.Pattern[str] | None = None  # the rule does not fire when the text before matches this
    not_with: re.Pattern[str] | None = None  # nor in a sentence that matches this
    words: frozenset[str] = frozenset()  # cheap pre-check: the pattern runs only when one of these occurs


def _rx(pattern: str, flags: int = re.I) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def _w(words: str) -> frozenset[str]:
    return frozenset(words.split())


_WORD = re.compile(r"[a-z]+")
_PARTICIPLE = cues.PARTICIPLE


RULES: tuple[Rule, ...] = (
    Rule("first_person_belief", "hedged",
         _rx(rf"\b(?:I|[Ww]e)(?:\s+(?:do|really|still|strongly|personally|also|just|don{_APOS}t|do\s+not))?"
             rf"\s+(?:{alternation(BELIEF_VERBS)})\b(?!\s+(?:in|that\s+is)\b)", 0),
         "I think the deal will hold.", words=_w("i we")),
    Rule("expected_to", "speculative",
         _rx(rf"\b{_BE}\s+(?:widely\s+|largely\s+|also\s+|now\s+|still\s+|not\s+)?"
             rf"(?:{alternation(EXPECTATION_WORDS)})\s+to\b"),
         "The ministry is expected to sign the accord.", words=EXPECTATION_WORDS),
    Rule("appears_to", "hedged",
         _rx(rf"\b(?:{alternation(APPEARANCE_VERBS)}|looks?\s+like|looked\s+like)\s+(?:to|that|as\s+if|likely)\b"),
         "The convoy appears to have turned back.", words=APPEARANCE_VERBS | _w("looks looked")),
    Rule("unclear_whether", "hedged",
         _rx(r"\b(?:unclear|not\s+(?:yet\s+)?(?:clear|known|certain)|unknown|uncertain|remains\s+to\s+be\s+seen)"
             r"(?:\s+\w+){0,3}?\s+(?:whether|if|how|why|when|who|what)\b|\bremains\s+to\s+be\s+seen\b"),
         "It is unclear whether the ministry signed.",
         words=_w("unclear clear known unknown certain uncertain seen")),
    Rule("hard_to_say", "hedged",
         _rx(rf"\b(?:hard|difficult|impossible|too\s+early|premature)\s+to\s+(?:{alternation(KNOWING_VERBS)})\b"
             r"|\b(?:no\s+one|nobody)\s+(?:yet\s+|really\s+)?knows\b"),
         "It is too early to say who fired first.", words=_w("hard difficult impossible early premature knows")),
    Rule("tend_to", "hedged",
         _rx(rf"\b(?:{alternation(TENDENCY_WORDS)})\s+to\b"),
         "Such deals tend to collapse.", words=TENDENCY_WORDS),
    Rule("impersonal_belief", "hedged",
         _rx(rf"\bit\s+(?:is|was|has\s+been|had\s+been)\s+(?:widely\s+|commonly\s+|generally\s+|often\s+)?"
             rf"(?:{alternation(IMPERSONAL_BELIEF)}|said)\b"
             rf"|(?:\b{_BE}(?:\s+not)?|,|\b(?:then|once|sometimes|often|usually|widely|commonly|generally|also|long))"
             rf"(?:\s+\w+ly)?\s+(?:{alternation(IMPERSONAL_BELIEF)})\b(?!\s+(?:by|for|that|in|a\s+result)\b)"),
         "It is believed that the leader fled.", words=IMPERSONAL_BELIEF | _w("said")),
    # Unrealised frames (UW factuality counts their events as possible, not as facts).
    Rule("wish_frame", "speculative",
         _rx(rf"\b(?:{alternation(WISH_WORDS)}|would\s+like)\s+(?:[\w’'-]+\s+){{0,2}}?to\s+[a-z]+"),
         "The rebels want to end the war.",
         _rx(r"\bthan\s+(?:\w+\s+)?$"),  # "more fluid than anyone wanted to admit": a comparison
         words=WISH_WORDS | _w("like")),
    Rule("attempt_frame", "speculative",
         _rx(rf"\b(?:{alternation(ATTEMPT_WORDS)})\s+to\s+[a-z]+"),
         "Relatives tried to reach the coast.", words=ATTEMPT_WORDS),
    Rule("request_frame", "speculative",
         _rx(rf"\b(?:{alternation(REQUEST_WORDS)}|calls?\s+for|called\s+for)\s+(?:[\w’'-]+\s+){{0,3}}?"
             r"(?:to\s+[a-z]+|that\s+[\w’'-]+(?:\s+[\w’'-]+)?\s+be\b)"),
         "The mayor urged residents to leave.", words=REQUEST_WORDS | _w("call calls called")),
    Rule("mandate_subjunctive", "speculative",
         _rx(rf"\b(?:{alternation(MANDATE_WORDS)})\s+that\s+(?:[\w’'.-]+\s+){{1,5}}?(?:be|remain)\b"),
         "The court ordered that the boy remain with his aunt.", words=MANDATE_WORDS),
    Rule("entitlement_frame", "speculative",
         _rx(rf"\b(?:{alternation(ENTITLEMENT_WORDS)})\s+(?:[\w’'-]+\s+){{0,2}}?to\s+[a-z]+"),
         "The father has the right to speak for the boy.", words=ENTITLEMENT_WORDS),
    Rule("could_should", "speculative",
         _rx(rf"\b(?:could|should|ought\s+to)\b(?!\s+not\b|n{_APOS}t)(?:\s+\w+ly)?\s+[a-z]+"),
         "The strike could start next week.", words=_w("could should ought")),
    Rule("open_question", "hedged",
         _rx(r"\bwhether\b(?![^,.;:—]*\bor\s+not\b)"),
         "Officials are weighing whether to close the road.", words=_w("whether")),
    Rule("if_clause", "conditional",
         _rx(rf"\b(?:if|unless)\b(?!\s+not\b|{_PARTICIPLE})"),  # "if kept dry", "most if not all": generic
         "Talks will resume if the shelling stops.",
         _rx(r"\b(?:as|even)\s+$"),  # "as if": a manner; "even if": a concession, not a condition
         cues.GENERIC,  # "if they score, the penalty usually ends": a generic rule, not a hypothetical
         words=_w("if unless")),
)

_REPORTED_WOULD = _rx(rf"\b(?:{alternation(REPORTED_WOULD_VERBS)})\b(?:\s+(?:that\b|on\s+\w+|\w+ly))?"
                      r"(?:\s+(?!would\b)[\w’'.-]+){0,20}?\s+$")


def reported_would(text: str, start: int) -> bool:
    """True when the "would" at `start` is the future of reported speech ("said it would build").

    Example:
        >>> t = "The company said it would build a plant."
        >>> reported_would(t, t.index("would"))
        True
    """
    return bool(_REPORTED_WOULD.search(text[max(0, start - 80):start]))


def speculative(text: str) -> re.Match[str] | None:
    """The first speculative cue of `cues.SPECULATIVE`, skipping reported-speech "would".

    Example:
        >>> speculative("Officials said the plant would close.") is None
        True
        >>> speculative("A merger would shift the balance.").group(0)
        'would shift'
    """
    for m in quick(cues.SPECULATIVE).finditer(text):
        if m.group(0)[:5].lower() == "would" and reported_would(text, m.start()):
            continue
        return m
    return None


@lru_cache(maxsize=100_000)
def read_modality(text: str) -> tuple[tuple[str, str, str], ...]:
    """(rule name, status, cue) of every rule of `RULES` that fires on the sentence, in table order.

    Example:
        >>> read_modality("Prices tend to rise in winter.")
        (('tend_to', 'hedged', 'tend to'),)
    """
    out: list[tuple[str, str, str]] = []
    words = set(_WORD.findall(text.lower()))
    for rule in RULES:
        if rule.words and rule.words.isdisjoint(words) or rule.not_with and rule.not_with.search(text):
            continue
        m = next((m for m in rule.pattern.finditer(text)
                  if not (rule.not_after and rule.not_after.search(text[max(0, m.start() - 40):m.start()]))), None)
        if m:
            out.append((rule.name, rule.status, re.sub(r"\s+", " ", m.group(0)).strip()))
    return tuple(out)
