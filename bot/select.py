"""Which evidence sentences an answer quotes: the best, strong ones from other articles, then (with
`AnswerSettings.fill_depth`) further candidates that hold an answer of the asked type none of the chosen
ones holds, so that when the best candidates disagree the free quote slots show the alternatives.

Example:
    >>> select([], 3)
    []
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.answer_phrase import candidates, holder_text
from bot.entities import expected_type
from bot.types import Evidence
from index.settings import AnswerSettings
from index.text import fold, terms


def similar(a: str, b: str, share: float = AnswerSettings().similar_share) -> bool:
    """Two sentences share most of their terms (over `share` of the shorter one's).

    Example:
        >>> similar("The mayor resigned on Monday.", "On Monday the mayor resigned.")
        True
    """
    ta, tb = set(terms(a)), set(terms(b))
    return bool(ta and tb) and len(ta & tb) / min(len(ta), len(tb)) > share


def norm_text(text: str) -> str:
    """A sentence folded and with single spaces: copies of one sentence compare equal."""
    return " ".join(fold(text).split())


def _repeats(e: Evidence, chosen: Sequence[Evidence], top: Evidence, ratio: float, share: float) -> bool:
    """`e` repeats a chosen sentence: the same text (another copy), or the same article with a similar
    sentence or a score under `ratio` of the top one."""
    if any(norm_text(c.sentence.text) == norm_text(e.sentence.text) for c in chosen):
        return True
    return any(c.article.id == e.article.id and (similar(c.sentence.text, e.sentence.text, share) or
                                                 e.score < top.score * ratio) for c in chosen)


def select(evidence: Sequence[Evidence], limit: int, limits: AnswerSettings | None = None,
           question: str = "") -> list[Evidence]:
    """Pick the evidence sentences to quote: the best, then strong ones from other articles first, then
    (for a typed `question`) the differing typed candidates `fill_typed` adds."""
    if not evidence:
        return []
    limits = limits or AnswerSettings()
    top = evidence[0]
    chosen = [top]
    floor = max(limits.quote_min_score, top.score * limits.quote_score_ratio)
    for e in evidence[1:]:
        if len(chosen) >= limit:
            break
        if e.score < floor or e.coverage < max(limits.quote_min_coverage, limits.quote_coverage_ratio * top.coverage):
            continue
        if _repeats(e, chosen, top, limits.same_article_ratio, limits.similar_share):
            continue
        chosen.append(e)
    return fill_typed(question, evidence, chosen, limit, limits) if question else chosen


def _keys(question: str, e: Evidence) -> set[str]:
    """The answer spans of the asked type a sentence holds, as term keys."""
    found = candidates(question, e.sentence.text, e.article.text, holder_text(e.sentence))
    return {" ".join(terms(s.text)) or fold(s.text) for s in found}


def fill_typed(question: str, evidence: Sequence[Evidence], chosen: list[Evidence], limit: int,
               limits: AnswerSettings) -> list[Evidence]:
    """Free quote slots filled from the best `fill_depth` candidates: sentences scoring at least
    `fill_score_ratio` of the top one that hold an answer of the question's type no chosen sentence holds.

    Example:
        >>> fill_typed("Who won?", [], [], 3, AnswerSettings())
        []
    """
    if not evidence or not limits.fill_depth or len(chosen) >= limit or not expected_type(question):
        return chosen
    top = evidence[0]
    pool = list(evidence[1:limits.fill_depth + 1])
    out = list(chosen)

    def fits(e: Evidence) -> bool:
        return e not in out and not _repeats(e, out, top, limits.same_article_ratio, limits.similar_share)

    held = set().union(*(_keys(question, c) for c in out))
    for e in pool:
        if len(out) >= limit:
            break
        keys = _keys(question, e) if e.score >= top.score * limits.fill_score_ratio else set()
        if keys and not keys & held and fits(e):
            out.append(e)
            held |= keys
    return out
