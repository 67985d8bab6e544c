"""Check a pasted claim: supported, reported but unconfirmed, disputed, or not in the articles.

Example:
    >>> verdict_of([("asserted",)], has_negation=False, disputed=False)
    'supported'
    >>> verdict_of([("attributed",)], has_negation=True, disputed=False)
    'reported but unconfirmed'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.assemble import _citation, _sentence_flag
from bot.claims import corroboration_statement, group_claims, negators, summarise
from bot.question import analyse
from bot.types import ClaimCheck, Corroboration

if TYPE_CHECKING:
    from bot.bot import Bot

SUPPORTED = "supported"
UNCONFIRMED = "reported but unconfirmed"
DISPUTED = "disputed"
ABSENT = "not in the articles"


def verdict_of(statuses: Sequence[Sequence[str]], has_negation: bool, disputed: bool) -> str:
    """The verdict from the statuses of the matching sentences and of their claim group."""
    if not statuses:
        return ABSENT
    if disputed:
        return DISPUTED
    if has_negation:
        return UNCONFIRMED
    if any(tuple(s) == ("asserted",) for s in statuses):
        return SUPPORTED
    return UNCONFIRMED


def check_claim(bot: Bot, claim: str) -> ClaimCheck:
    """Find the sentences that state the claim and judge it from their epistemic status."""
    q = analyse(claim, None, bot.settings.max_question_chars)
    found = bot.retriever.search(q)
    matching = [e for e in found.evidence[:12]
                if e.coverage >= 0.5 and (e.similarity >= 0.45 or e.coverage >= 0.75)][:4]
    if not matching:
        return ClaimCheck(claim=q.text, verdict=ABSENT,
                          explanation="No sentence of the indexed articles states this claim.")
    catalog = bot.store.catalog
    seeds = [(e.sentence, e.article) for e in matching]
    pool = [(s, e.article) for e in matching for s in catalog.sentences(e.article.id)]
    groups = group_claims(seeds, pool)
    against = [m for g in groups for m in negators(g)]
    against += [(e.sentence, e.article) for e in matching if e.sentence.status in {"unconfirmed", "disputed"}]
    disputed = any("disputed" in s.statuses for s, _ in against) or \
        any(e.sentence.status == "disputed" for e in matching)
    verdict = verdict_of([e.sentence.statuses for e in matching], bool(against), disputed)
    cited = seeds + [m for m in against if m not in seeds]
    citations = tuple(_citation(i + 1, s, a) for i, (s, a) in enumerate(cited))
    flags = tuple(_sentence_flag(c, s) for c, (s, _) in zip(citations, cited, strict=True) if s.status != "asserted")
    corroboration: list[Corroboration] = []
    keys = {(a.id, s.start) for s, a in seeds}
    for g in groups:
        basis, origins = summarise(g, keys, catalog.sentences)
        n = len({a.id for _, a in basis})
        if n:
            corroboration.append(Corroboration(g.label, n, tuple(origins), corroboration_statement(n, origins)))
    explanation = {
        SUPPORTED: "An article states this as fact.",
        UNCONFIRMED: "The articles report this claim but do not establish it as fact.",
        DISPUTED: "An article reports that this claim is denied or contradicted.",
    }[verdict]
    if against:
        s = against[0][0]
        explanation += f" {s.holder.label if s.holder else 'An article'}: “{s.text}”"
    if corroboration:
        explanation += " " + corroboration[0].statement
    return ClaimCheck(claim=q.text, verdict=verdict, evidence=citations, flags=flags, explanation=explanation,
                      corroboration=tuple(corroboration))
