"""The verdict line of a yes/no (or "is it confirmed") answer: one sentence of our own, kind "verdict",
placed first and citing the sentences it is judged from (the same engine as `check`, `bot.verdict`).

Example:
    >>> VERDICT_LINES["reported"]
    'Reported, not confirmed: the articles report this but do not establish it as fact.'
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.compose import Draft, DraftSentence
from bot.question import Question
from bot.verdict import judge
from index.types import Article, Sentence

VERDICT_LINES = {
    "supported": "Yes: the articles state this as fact.",
    "reported": "Reported, not confirmed: the articles report this but do not establish it as fact.",
    "disputed": "Disputed: the articles report that this is denied.",
    "contradicted": "No: an article states that this did not happen.",
    "mixed": "The articles disagree: one states this as fact, another that it did not happen.",
    "confirmed_later": "Yes, confirmed later: first reported without confirmation, later stated as fact.",
}


def wants_verdict(q: Question) -> bool:
    """A yes/no question ("Did…", "Is it confirmed that…") gets a verdict line; who/what/when do not."""
    return q.kind == "yesno"


def add_verdict_line(q: Question, draft: Draft) -> Draft:
    """Put the verdict line first when the question asks yes or no and the quoted sentences give one.

    The sentences judged are the draft's own quotes (its claim context included: the non-confirmations
    and denials of the cited claims), so the line never rests on an unrelated claim group.
    """
    if draft.abstained or not wants_verdict(q):
        return draft
    sources = [p for ds in draft.sentences if ds.kind != "note" for p in ds.sources]
    sources = list(dict.fromkeys(sources))
    verdict = judge([(s, a.date) for s, a in sources])
    line = VERDICT_LINES.get(verdict.kind)
    if line is None or not verdict.basis:
        return draft
    draft.sentences.insert(0, DraftSentence(line, sources, kind="verdict"))
    return draft


def verdict_support(text: str, sources: Sequence[tuple[Sentence, Article]]) -> str:
    """Check a verdict line: one of ours, and the verdict the cited sentences give (recomputed).

    Example:
        >>> verdict_support("Yes, obviously.", [])
        'not a verdict line'
    """
    kind = next((k for k, v in VERDICT_LINES.items() if v == text), "")
    if not kind:
        return "not a verdict line"
    found = judge([(s, a.date) for s, a in sources]).kind
    return "" if found == kind else f"its sources give the verdict {found}, not {kind}"
