"""One verdict engine for `ask` and `check`: seven kinds, judged only from sentences about one claim.

Each sentence about the claim gets a stance (fact, report, unconfirmed, denied, negated); the kind
follows from the stances and the article dates. Authorial negation is read from `Sentence.polarity`.

Example:
    >>> from index.types import Sentence
    >>> fact = Sentence("a", 0, 9, "It ended.", "asserted", ("asserted",), "")
    >>> judge([(fact, "2024-01-02")]).kind
    'supported'
    >>> judge([]).kind
    'not_in_articles'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.lexicon import AUXILIARIES, CONFIRM_VERBS, NEGATORS
from index.text import STOPWORDS
from index.types import Sentence

KINDS = ("supported", "reported", "disputed", "contradicted", "mixed", "confirmed_later", "not_in_articles")
LABELS = {
    "supported": "supported", "reported": "reported but unconfirmed", "disputed": "disputed",
    "contradicted": "contradicted", "mixed": "mixed", "confirmed_later": "confirmed later",
    "not_in_articles": "not in the articles",
}
EXPLANATIONS = {
    "supported": "An article states this as fact.",
    "reported": "The articles report this claim but do not establish it as fact.",
    "disputed": "An article reports that this claim is denied or contradicted.",
    "contradicted": "An article states that this did not happen.",
    "mixed": "The articles disagree: one states this as fact, another that it did not happen.",
    "confirmed_later": "First reported without confirmation, later stated as fact.",
    "not_in_articles": "No sentence of the indexed articles states this claim.",
}
_NUMBER = re.compile(r"\b\d[\d,]*(?:\.\d+)?\b")

_WORD = re.compile(r"[A-Za-z][A-Za-z.]*[A-Za-z]|[A-Za-z]")


@dataclass(frozen=True)
class Verdict:
    """A verdict kind with its human label and the sentences (by index into the input) behind it."""

    kind: str
    label: str
    basis: tuple[int, ...] = ()
    superseded: tuple[int, ...] = ()
    explanation: str = ""


CONFIRMATION_DENIED = "The party the claim says confirmed it has not confirmed it."


def stance(s: Sentence, claim: str = "") -> str:
    """How one sentence stands to its claim: negated, denied, unconfirmed, report or fact. An asserted
    sentence reports the claim when the claim's words lie in a minor attribution's content
    ("…, a vote Smith called a disaster": "the vote was a disaster" is Smith's).

    Example:
        >>> stance(Sentence("a", 0, 5, "No deal was signed.", "asserted", ("asserted",), "", None,
        ...                 polarity="negative", polarity_cue="no"))
        'negated'
    """
    st = set(s.statuses) | {s.status}
    if s.polarity == "negative":
        return "denied" if "attributed" in st else "negated"
    if "disputed" in st:
        return "denied"
    if "unconfirmed" in st:
        return "unconfirmed"
    if st <= {"asserted"}:
        return "report" if claim and _in_minor_content(s, claim) else "fact"
    return "report"


def _in_minor_content(s: Sentence, claim: str) -> bool:
    """More of the claim's words lie inside the sentence's attributions' content than in the writer's own
    words around it ("Correction: an earlier article said 40 were killed; 14 were killed." states 14)."""
    words = _words(claim) - STOPWORDS
    outside = s.text
    for a in s.attributions:
        lo, hi = a.start - s.start, a.end - s.start
        outside = outside[:lo] + " " * (hi - lo) + outside[hi:]
    inside = set().union(*(_words(s.text[a.start - s.start:a.end - s.start]) for a in s.attributions))
    return len(words & inside) > len(words & _words(outside))


def figures(text: str) -> tuple[str, ...]:
    """The numbers a sentence gives ("1,200" → "1200"; years left out).

    Example:
        >>> figures("The toll rose to 1,200 in 2024.")
        ('1200',)
    """
    out = [n.replace(",", "") for n in _NUMBER.findall(text)]
    return tuple(n for n in out if not (len(n) == 4 and n[:2] in {"19", "20"}))


def judge(items: Sequence[tuple[Sentence, str]], claim: str = "") -> Verdict:
    """The verdict from the sentences about one claim, each with its article's date (ISO, may be '').

    A claim that someone confirmed it ("U.S. officials confirmed the merger") is contradicted by a
    sentence in which that party has not confirmed it.

    Example:
        >>> from index.types import Holder
        >>> no = Sentence("a", 0, 9, "U.S. officials haven't confirmed it.", "unconfirmed", ("unconfirmed",),
        ...               "haven't confirmed", Holder("U.S. officials", (), True))
        >>> judge([(no, "")], "U.S. officials confirmed the merger").kind, judge([(no, "")], "They merged").kind
        ('contradicted', 'reported')
    """
    if not items:
        return Verdict("not_in_articles", LABELS["not_in_articles"])
    stances = [stance(s, claim) for s, _ in items]
    by = {k: [i for i, x in enumerate(stances) if x == k] for k in ("fact", "report", "unconfirmed", "denied",
                                                                     "negated")}
    kind = _kind(by, [d for _, d in items])
    note = EXPLANATIONS.get(kind, "")
    if kind in {"reported", "supported"} and _confirmation_denied(claim, [items[i][0] for i in by["unconfirmed"]]):
        kind, note = "contradicted", CONFIRMATION_DENIED
    superseded = _superseded(items)
    basis = tuple(i for i in range(len(items)) if i not in superseded)
    return Verdict(kind, LABELS[kind], basis, superseded, note)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _confirmation_denied(claim: str, unconfirmed: Sequence[Sentence]) -> bool:
    """The claim says a party confirmed it, and a sentence says that same party has not."""
    words = _words(claim)
    if not words & CONFIRM_VERBS:
        return False
    words -= CONFIRM_VERBS | STOPWORDS | NEGATORS | AUXILIARIES
    return any(_non_confirming_party(s) & words for s in unconfirmed)


def _non_confirming_party(s: Sentence) -> set[str]:
    """The words naming who does not confirm: the sentence's holder, or for a non-confirmation that reaches
    it from elsewhere, that sentence's holder (else its words before the confirming verb)."""
    inh = s.inherited
    if inh is None:
        return _words(" ".join(s.holder.sources)) if s.holder else set()
    if inh.holder is not None:
        return _words(" ".join(inh.holder.sources))
    before = _WORD.findall(inh.text)
    cut = next((i for i, w in enumerate(before) if w.lower() in CONFIRM_VERBS), len(before))
    return {w.lower() for w in before[:cut]}


def _kind(by: dict[str, list[int]], dates: Sequence[str]) -> str:
    fact, doubt = by["fact"], by["report"] + by["unconfirmed"]
    if fact and by["negated"]:
        return "mixed"
    if by["negated"]:
        return "contradicted"
    if by["denied"]:
        return "disputed"
    if fact and doubt and _later(fact, doubt, dates):
        return "confirmed_later"
    if fact and not by["unconfirmed"]:
        return "supported"
    return "reported"


def _later(fact: list[int], doubt: list[int], dates: Sequence[str]) -> bool:
    newest_fact = max((dates[i] for i in fact if dates[i]), default="")
    oldest_doubt = min((dates[i] for i in doubt if dates[i]), default="")
    return bool(newest_fact and oldest_doubt and newest_fact[:10] > oldest_doubt[:10])


def _superseded(items: Sequence[tuple[Sentence, str]]) -> tuple[int, ...]:
    """Sentences giving an older figure than the newest dated one that gives a different figure."""
    dated = [(d, i) for i, (s, d) in enumerate(items) if d and figures(s.text)]
    if len(dated) < 2:
        return ()
    newest_date, newest = max(dated)
    lead = set(figures(items[newest][0].text))
    return tuple(i for d, i in dated if d[:10] < newest_date[:10] and not set(figures(items[i][0].text)) & lead)
