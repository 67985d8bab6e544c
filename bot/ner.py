"""spaCy NER for answer typing: the entities of the few best candidate sentences, so that the answer phrase
of "Which airline…?" is an organisation and not the city beside it. Only the `ner` component runs (about
2–3 ms a sentence), on `AnswerSettings.ner_sentences` sentences, cached by sentence text.

Example:
    >>> fits("organisation", "ORG"), fits("place", "ORG"), fits("name", "DATE")
    (True, False, False)
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from bot.entities import Span
from index.lru import Lru

# spaCy labels that can answer each expected type (`bot.entities.TYPES`).
LABELS: dict[str, frozenset[str]] = {
    "person": frozenset({"PERSON"}),
    "place": frozenset({"GPE", "LOC", "FAC"}),
    "organisation": frozenset({"ORG"}),
    "number": frozenset({"CARDINAL", "MONEY", "QUANTITY"}),
    "percentage": frozenset({"PERCENT"}),
    "date": frozenset({"DATE", "TIME"}),
    "name": frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "NORP", "LAW"}),
}


# Labels the small model often gives a name of that type instead (a foreign person's name labelled ORG): a
# span so labelled stays a candidate when no entity of the type's own labels is there.
MAYBE: dict[str, frozenset[str]] = {"person": frozenset({"ORG"})}


def maybe(kind: str, label: str) -> bool:
    """A spaCy label the small model often gives a name of type `kind` by mistake.

    Example:
        >>> maybe("person", "ORG"), maybe("place", "ORG")
        (True, False)
    """
    return label in MAYBE.get(kind, frozenset())


def fits(kind: str, label: str) -> bool:
    """A spaCy entity label can answer a question of type `kind`."""
    return label in LABELS.get(kind, frozenset())


class EntityTagger:
    """Lazily loaded spaCy pipeline with only its `ner` component; thread-safe, with a bounded cache."""

    def __init__(self, model: str, cache_size: int = 4096) -> None:
        self.model = model
        self.cache_size = cache_size
        self._nlp: Any = None
        self._failed = False
        self._lock = threading.Lock()
        self._cache: Lru[tuple[Span, ...]] = Lru(cache_size)

    def _load(self) -> Any:
        if self._nlp is None and not self._failed:
            try:
                import spacy

                self._nlp = spacy.load(self.model, enable=["ner"])
            except Exception:  # noqa: BLE001 - no spaCy or no model: answer typing falls back to the rules
                self._failed = True
        return self._nlp

    def tag(self, texts: Sequence[str]) -> list[tuple[Span, ...] | None]:
        """The entities of each text (`Span.type` is the spaCy label), or None for all when NER is unavailable.

        Example:
            >>> EntityTagger("no-such-model").tag(["Ford recalled cars."])
            [None]
        """
        with self._lock:
            nlp = self._load()
            if nlp is None:
                return [None] * len(texts)
            found = {t: v for t in texts if (v := self._cache.get(t)) is not None}
            todo = list(dict.fromkeys(t for t in texts if t not in found))
            for text, doc in zip(todo, nlp.pipe(todo), strict=True):
                found[text] = self._cache.put(text, tuple(Span(e.text, e.start_char, e.end_char, e.label_)
                                                          for e in doc.ents))
            return [found[t] for t in texts]


@lru_cache(maxsize=4)
def tagger_for(model: str) -> EntityTagger | None:
    """The shared tagger of a spaCy model name (`AnswerSettings.ner_model`), or None when it is ''."""
    return EntityTagger(model) if model else None
