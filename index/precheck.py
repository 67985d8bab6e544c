"""The cheap pre-check of `index.attribution`: which sentences are worth a parse, and verb lemmas from word forms.

Example:
    >>> needs_parse("Trump believes it."), needs_parse("The bridge opened in 1932.")
    (True, False)
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from index import lexicon
from index.prefilter import quick

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

def _forms(lemmas: frozenset[str]) -> dict[str, str]:
    """Word forms of verb lemmas, form → lemma (regular inflection; over-generating is harmless).

    Example:
        >>> f = _forms(frozenset({"plan", "say"}))
        >>> f["planned"], f["said"], f["says"]
        ('plan', 'say', 'say')
    """
    out: dict[str, str] = {}
    for w in lemmas:
        stem = w[:-1] if w.endswith("e") else w
        forms = {w, w + "s", w + "es", stem + "ed", stem + "ing", w + "d", w + "ed", w + w[-1] + "ed",
                 w + w[-1] + "ing"}
        if w.endswith("y"):
            forms |= {w[:-1] + "ies", w[:-1] + "ied"}
        out.update((f, w) for f in forms)
    out.update((f, w) for f, w in lexicon.IRREGULAR_FORMS.items() if w in lemmas)
    return out


@lru_cache(maxsize=1)
def _lemmas() -> dict[str, str]:
    return _forms(lexicon.SPEECH_LEMMAS | lexicon.COGNITION_LEMMAS | lexicon.FINDING_LEMMAS)


def is_form(word: str) -> bool:
    """True for a word form of a lemma of the lexicon ("said", "believes")."""
    return word in _lemmas()


def lemma_of(tok: "Token") -> str:
    """The lemma of a verb of the lexicon (spaCy's lemmatizer is not run: it costs a third of the parse)."""
    return _lemmas().get(tok.lower_, tok.lower_)


_WORD = re.compile(r"\b[a-z]+\b")
_FORMS_OR_ADJECTIVES: set[str] = set()
# "according to", "in a statement" (any case); "Issa: …" (a short label, then a colon); a colon intro
_MARKERS = re.compile("|".join(re.escape(p) for p in lexicon.ATTRIBUTION_PHRASES), re.I)
_LABEL = re.compile(r"^\s*[A-Z][^:!?]{0,38}:\s|:\s*$")


def _words() -> set[str]:
    if not _FORMS_OR_ADJECTIVES:
        _FORMS_OR_ADJECTIVES.update(_lemmas(), lexicon.BELIEF_ADJECTIVES)
    return _FORMS_OR_ADJECTIVES


def needs_parse(text: str) -> bool:
    """The cheap pre-check: True when a sentence may hold an attribution worth a parse.

    Example:
        >>> needs_parse("Trump believes it."), needs_parse("The bridge opened in 1932.")
        (True, False)
    """
    # lower-case word forms only ("States" in "United States" is no verb): a set lookup per word,
    # 10x faster than one alternation of all the forms
    words = _words()
    return any(w in words for w in _WORD.findall(text)) or bool(quick(_MARKERS).search(text) or _LABEL.search(text))


