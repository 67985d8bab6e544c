"""The verdict line of a yes/no (or "is it confirmed") answer: one sentence of our own, kind "verdict",
placed first and citing the sentences it is judged from (the same engine as `check`, `bot.verdict`).

Example:
    >>> VERDICT_LINES["reported"]
    'Reported, not confirmed: the articles report this but do not establish it as fact.'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.claim_scope import judge_claim
from bot.claims import same_claim
from bot.compose import Draft, DraftSentence, frame
from bot.question import Question
from bot.verdict import CONFIRMATION_DENIED, Verdict, judge, stance
from index.types import Article, Sentence

if TYPE_CHECKING:  # pragma: no cover
    from bot.check import ClaimEvidence

VERDICT_LINES = {
    "supported": "Yes: the articles state this as fact.",
    "reported": "Reported, not confirmed: the articles report this but do not establish it as fact.",
    "disputed": "Disputed: the articles report that this is denied.",
    "contradicted": "No: an article states that this did not happen.",
    "not_confirmed_by_party": "No: the party the question says confirmed it has not confirmed it.",
    "mixed": "The articles disagree: one states this as fact, another that it did not happen.",
    "confirmed_later": "Yes, confirmed later: first reported without confirmation, later stated as fact.",
}


_AUX = re.compile(r"^\s*(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would)\s+", re.I)


def wants_verdict(q: Question) -> bool:
    """A yes/no question ("Did…", "Is it confirmed that…") gets a verdict line; who/what/when do not."""
    return q.kind == "yesno"


def claim_of(question: str) -> str:
    """The claim a yes/no question asks about (its auxiliary and question mark dropped).

    Example:
        >>> claim_of("Has the U.S. government confirmed that ISIS and al-Qaida merged?")
        'the U.S. government confirmed that ISIS and al-Qaida merged'
    """
    return _AUX.sub("", question).strip().rstrip("?").strip()


def add_verdict_line(q: Question, draft: Draft, found: "ClaimEvidence | None", limit: int = 3) -> Draft:
    """Lead a yes/no answer with the claim engine's verdict (`bot.check.claim_evidence`, as `check` gives it),
    quoting the sentences it is judged from; without sentences that state the claim, no verdict line.

    The draft's notes stay when they rest on the sentences quoted now.
    """
    if draft.abstained or not wants_verdict(q) or found is None:
        return draft
    line = VERDICT_LINES.get(_line_kind(found.verdict))
    cited = found.cited[:limit]
    if line is None or not cited:
        return draft
    verdict = DraftSentence(line, list(cited), kind="verdict", claim=found.claim, claim_share=found.share)
    if any(ds.kind == "llm" for ds in draft.sentences):  # the model's own sentences stay, behind our line
        draft.sentences.insert(0, verdict)
        return draft
    # the draft's own quotes of the same claim first (retrieval ranked them; other wordings: "Islamic State"),
    # then the sentences the verdict rests on
    own = [ds for ds in draft.sentences
           if ds.kind == "quote" and len(ds.sources) == 1 and same_claim(found.stated, ds.sources[0][0])]
    quotes: list[DraftSentence] = []
    seen: set[tuple[str, int]] = set()
    doubts = [p for p in cited if stance(p[0]) in {"unconfirmed", "denied", "negated"}]
    rest = [DraftSentence(frame(s), [(s, a)]) for s, a in [*doubts, *cited]]
    for ds in [*own[:limit - 1 if doubts else limit], *rest]:  # a doubt the verdict rests on is always quoted
        s, a = ds.sources[0]
        if len(quotes) < limit and (a.id, s.start) not in seen:
            quotes.append(ds)
            seen.add((a.id, s.start))
    notes = [ds for ds in draft.sentences  # the notes about what is quoted now
             if ds.kind == "note" and {(a.id, s.start) for s, a in ds.sources} & seen]
    draft.sentences = [verdict, *quotes, *notes]
    return draft


def _line_kind(v: Verdict) -> str:
    return "not_confirmed_by_party" if v.kind == "contradicted" and v.explanation == CONFIRMATION_DENIED else v.kind


def verdict_support(text: str, sources: Sequence[tuple[Sentence, Article]], claim: str = "", share: float = 0.0) -> str:
    """Check a verdict line: one of ours, and the verdict the cited sentences give (recomputed).

    Example:
        >>> verdict_support("Yes, obviously.", [])
        'not a verdict line'
    """
    kind = next((k for k, v in VERDICT_LINES.items() if v == text), "")
    if not kind:
        return "not a verdict line"
    v = judge_claim(claim, sources, share) if claim else judge([(s, a.date) for s, a in sources])
    found = _line_kind(v)
    return "" if found == kind else f"its sources give the verdict {found}, not {kind}"
