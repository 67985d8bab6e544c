"""Polarity of a sentence: "negative" when it states that something did not happen, with the cue.

The negation is the sentence's own ("the ministry did not sign", "no evidence of fraud", "never reached
the town"); for an attributed sentence it is the holder's statement, and its status says who makes it.
Kept apart from the statuses: a non-confirmation ("has not confirmed") is `unconfirmed` (and when it is
the sentence's first negation the polarity stays positive) and a denial
by a named party ("denied") is `disputed`; neither makes the polarity negative by itself. Phrases
where a negator negates no event ("not only", "no doubt", "whether or not") are skipped.

Example:
    >>> read_polarity("The ministry did not sign the accord.")
    ('negative', 'did not sign')
    >>> read_polarity("U.S. officials haven't confirmed it.")
    ('positive', '')
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.lexicon import (AUXILIARIES, CONFIRM_VERBS, FAILURE_VERBS, NON_NEGATING, NON_NEGATING_NOUNS,
                           NOT_AFTER_FAILURE, alternation)

_APOS = r"[’']"
_ADVERB = r"(?:\s+(?:yet|even|ever|always|actually|immediately|publicly|officially|formally|independently|"\
          r"really|fully|quite|also|once|been|be|have|get|got))*"
_AUX = alternation(AUXILIARIES)
_NEGATION = re.compile(
    rf"\b(?:(?:{_AUX})(?:n{_APOS}t|\s+not|\s+never)|(?:can{_APOS}t|cannot|won{_APOS}t|ain{_APOS}t)"
    rf"|(?<=\w){_APOS}(?:m|s|re)\s+not)"
    rf"(?P<rest>{_ADVERB}\s+(?P<verb>[a-z][\w-]*))"
    rf"|\bnever(?P<nrest>{_ADVERB}\s+(?P<nverb>[a-z][\w-]*))"
    rf"|\b(?:{alternation(FAILURE_VERBS)})\s+to\s+(?P<fverb>[a-z][\w-]*)"
    r"|\bno\s+(?P<noun>[a-z][\w-]*)(?:\s+(?:of|that|to)\b)?"
    r"|\b(?:nobody|no\s+one|nothing|none\s+of\s+\w+)\b(?:\s+[a-z][\w-]*){0,2}"
    r"|\bnot\s+(?:to\s+)?(?P<bverb>[a-z]+(?:ing|ed|en)|[a-z]+(?=\s+(?:the|a|an|any|his|her|its|their)\b))"
    r"|\bstop(?:s|ped)\s+(?P<sverb>[a-z]+ing)\b"
    r"|\bnor\s+(?:do|does|did|is|are|was|were|has|have|had|will|would|can|could)\b(?:\s+[a-z][\w-]*){0,2}"
    # "has yet to respond": it has not happened; "neither he nor his aides could be reached": both are negated
    r"|\b(?:has|have|had|is|are|was|were)\s+yet\s+to(?:\s+(?:be|been|even|\w+ly))*\s+(?P<yverb>[a-z][\w-]*)"
    r"|\bneither\b(?=[^.;:!?]{1,80}?\bnor\b)[^.;:!?]{1,80}?\bnor\b(?:\s+(?!n[o']t\b)[\w’'.-]+){1,6}?"
    rf"\s+(?:(?:{_AUX}){_ADVERB}\s+(?P<ncverb>[a-z][\w-]*)|(?P<ncform>[a-z]+ed)\b)",
    re.I,
)
# An antecedent clause: a negation inside it states no fact ("if it doesn't back down, …").
_ANTECEDENT = re.compile(r"\b(?:if|unless|whether)\b[^,;:—]*$", re.I)
_SKIP_BEFORE = re.compile(r"\b(?:whether\s+or|if)\s+$", re.I)


def _word(m: re.Match[str]) -> str:
    return (m.group("verb") or m.group("nverb") or m.group("fverb") or m.group("noun") or m.group("bverb")
            or m.group("sverb") or m.group("yverb") or m.group("ncverb") or m.group("ncform") or "").lower()


def _non_confirmation(m: re.Match[str]) -> bool:
    word = _word(m)
    return word in CONFIRM_VERBS or word.startswith(("confirm", "verif", "corroborat"))


def _negates(m: re.Match[str], text: str) -> bool:
    if _word(m) in NON_NEGATING or (m.group("noun") or "").lower() in NON_NEGATING_NOUNS:
        return False  # "not only", "no doubt"; "no longer" (a change of state), "no secret that" (asserts it)
    if m.group("fverb") and m.group("fverb").lower() in NOT_AFTER_FAILURE:
        return False  # "declined to about $5 million": a quantity fell
    if _ANTECEDENT.search(text[max(0, m.start() - 80):m.start()]):
        return False
    if _word(m) == "only" or text[m.end():m.end() + 6].lower().startswith(" only"):
        return False
    return not _SKIP_BEFORE.search(text[max(0, m.start() - 12):m.start()])


@lru_cache(maxsize=100_000)
def read_polarity(text: str) -> tuple[str, str]:
    """("negative", cue) when the sentence states that something did not happen, else ("positive", "").

    Example:
        >>> read_polarity("There is no evidence of fraud.")
        ('negative', 'no evidence of')
        >>> read_polarity("Not only did it rain, it poured.")[0]
        'positive'
    """
    for m in _NEGATION.finditer(text):
        if _non_confirmation(m):
            # the sentence's negation is a non-confirmation (`unconfirmed`); a later negated clause
            # ("… haven't confirmed it and have seen no shifts") belongs to its holder's report
            return "positive", ""
        if _negates(m, text):
            return "negative", re.sub(r"\s+", " ", m.group(0)).strip()
    return "positive", ""
