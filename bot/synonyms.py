"""The event synonyms (`index.lexicon.EVENT_SYNONYMS`) as stems, in the two views the read path uses.

Both views come from the one lexicon list, stemmed once at import:
- `synonyms(term)` widens a question's BM25 terms: single-word entries only, and never a stem two groups
  share ("fire" is both a blaze and a dismissal), so a query term never pulls in another event's words;
- `with_synonyms(words)` lets a checked claim meet a sentence worded otherwise ("died" meets "killed"):
  every stem of every entry of each group the words touch, multi-word entries included ("step down").

Example:
    >>> from index.text import terms
    >>> set(terms("ceasefire")) <= synonyms(terms("truce")[0])
    True
    >>> set(terms("killed")) <= with_synonyms(set(terms("died")))
    True
"""

from __future__ import annotations

from index.lexicon import EVENT_SYNONYMS
from index.text import terms

# Each group as every stem `terms` gives (claim matching).
GROUP_STEMS: tuple[frozenset[str], ...] = tuple(frozenset(terms(" ".join(g))) for g in EVENT_SYNONYMS)
EVENT_STEMS: frozenset[str] = frozenset().union(*GROUP_STEMS)


def _query_stems() -> tuple[frozenset[str], ...]:
    """Each group's single-word stems, without the stems two groups share (ambiguous: "fired", "fire")."""
    groups = [frozenset(t for w in g if " " not in w and "-" not in w for t in terms(w)) for g in EVENT_SYNONYMS]
    shared = {t for i, g in enumerate(groups) for h in groups[i + 1:] for t in g & h}
    return tuple(g - shared for g in groups)


QUERY_STEMS: tuple[frozenset[str], ...] = _query_stems()


def synonyms(term: str) -> set[str]:
    """The unambiguous single-word synonyms of a stemmed term, for BM25 expansion.

    Example:
        >>> synonyms("zzz")
        set()
    """
    out: set[str] = set()
    for group in QUERY_STEMS:
        if term in group:
            out |= group - {term}
    return out


def with_synonyms(words: set[str]) -> set[str]:
    """The words with every event-synonym group they touch, for claim matching.

    Example:
        >>> "zzz" in with_synonyms({"zzz"})
        True
    """
    out = set(words)
    for stems in GROUP_STEMS:
        if stems & words:
            out |= stems
    return out
