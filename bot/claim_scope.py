"""How far a sentence speaks to a checked claim: its share of the claim's terms, and how it is judged.

Pure functions shared by `bot.check` (claim checks) and `bot.verdict_line` (the yes/no answer line),
so that both judge a claim the same way.

Example:
    >>> c = Sentence("c", 0, 1, "Twelve died in the blaze", "asserted", ("asserted",), "")
    >>> claim_share(c, Sentence("a", 0, 1, "The fire killed twelve.", "asserted", ("asserted",), ""))
    1.0
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.verdict import Verdict, judge, stance
from bot.synonyms import with_synonyms
from index.lexicon import CONFIRM_VERBS
from index.text import terms
from index.types import Article, Sentence


def as_claim(text: str) -> Sentence:
    """A claim's text as a sentence the rules can compare.

    Example:
        >>> as_claim("They merged").status
        'asserted'
    """
    return Sentence("claim", 0, len(text), text, "asserted", ("asserted",), "")


def confirmed_content(claim: str) -> str:
    """What a claim says someone confirmed ("U.S. officials confirmed that the groups merged" → "the groups
    merged"), or "" when it is not about a confirmation: the sentences stating that content are the ones to judge.

    Example:
        >>> confirmed_content("Has the U.S. government confirmed that ISIS and al-Qaida merged")
        'ISIS and al-Qaida merged'
        >>> confirmed_content("ISIS and al-Qaida merged")
        ''
    """
    words = claim.split()
    for i, w in enumerate(words):
        if w.lower().strip(",.") in CONFIRM_VERBS and i + 1 < len(words):
            rest = words[i + 1:]
            return " ".join(rest[1:] if rest[0].lower() == "that" else rest)
    return ""


def claim_share(claim: Sentence, s: Sentence) -> float:
    """Share of the claim's terms a sentence holds, synonyms counted ("died" meets "killed").

    Example:
        >>> c = Sentence("c", 0, 1, "Firefighters were killed in the Pinecrest fire.", "asserted", ("asserted",), "")
        >>> claim_share(c, Sentence("a", 0, 1, "The toll of the Pinecrest fire rose to 19.", "asserted", ("asserted",), ""))
        0.5
    """
    mine = set(terms(claim.text))
    return len(mine & with_synonyms(set(terms(s.text)))) / len(mine) if mine else 0.0


def as_judged(claim: Sentence, s: Sentence, share: float) -> Sentence:
    """The sentence as it speaks to this claim: a report whose claim sits before its cue, in the holder's
    own description ("The Free Syrian Army, which includes the Hazm Movement, views …"; "Chris Kozak, a
    Syria analyst at ISW, says"), states that part as the writer's fact.

    Example:
        >>> from index.types import Holder
        >>> c = Sentence("c", 0, 1, "The army includes the Hazm Movement", "asserted", ("asserted",), "")
        >>> r = Sentence("a", 0, 1, "The army, which includes the Hazm Movement, says it will fight.",
        ...              "attributed", ("attributed",), "says", Holder("The army", (), True))
        >>> as_judged(c, r, 0.8).status
        'asserted'
    """
    at = s.text.find(s.cue) if s.cue else -1
    begin = s.text.find(s.holder.name) if s.holder and s.holder.name else -1
    if stance(s) != "report" or begin < 0 or at < 0 or begin == at:
        return s
    # the holder's noun phrase with its appositions and relative clauses: up to the cue, or after it ("says X, a …")
    head = replace(s, text=s.text[begin:at] if begin < at else s.text[begin:])
    if claim_share(claim, head) < share:
        return s
    return replace(s, status="asserted", statuses=("asserted",), cue="", holder=None)


def judge_claim(claim: str, pairs: Sequence[tuple[Sentence, Article]], share: float) -> Verdict:
    """The verdict on one claim from the sentences about it, each as it speaks to the claim.

    Example:
        >>> judge_claim("They merged", [], 0.8).kind
        'not_in_articles'
    """
    c = as_claim(claim)
    return judge([(as_judged(c, s, share), a.date) for s, a in pairs], claim)
