"""spaCy NER for answer typing: the entities of the few best candidate sentences, so that the answer phrase
of "Which airline…?" is an organisation and not the city beside it. Only the `ner` component runs (about
2–3 ms a sentence), on `AnswerSettings.ner_sentences` sentences, cached by sentence text. For a question
whose answer may be a common noun ("Which animal…?"), the tagger and parser run too and the sentence's noun
chunks headed by a common noun come along as spans labelled `CHUNK` ("elephants", "dairy cows").

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

CHUNK = "CHUNK"  # the label of a noun chunk headed by a common noun (not a spaCy entity label)
NOUN = "NOUN"  # the label of a common noun inside such a chunk (where a trimmed chunk may end)
_NOUN_TAGS = frozenset({"NN", "NNS"})  # Penn tags of a common-noun chunk head
_LEADING = frozenset({"DET", "PRON", "NUM", "PUNCT"})  # what a chunk loses at its start ("the", "her", "20,000")
_ALL = ["tok2vec", "tagger", "attribute_ruler", "parser", "ner"]  # the components that give entities and noun chunks


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
        self._chunked: Lru[tuple[Span, ...]] = Lru(cache_size)  # entities and noun chunks

    def _load(self) -> Any:
        if self._nlp is None and not self._failed:
            try:
                import spacy

                self._nlp = spacy.load(self.model, enable=_ALL)
            except Exception:  # noqa: BLE001 - no spaCy or no model: answer typing falls back to the rules
                self._failed = True
        return self._nlp

    def tag(self, texts: Sequence[str], chunks: bool = False) -> list[tuple[Span, ...] | None]:
        """The entities of each text (`Span.type` is the spaCy label), with `chunks` its common-noun chunks
        too (`CHUNK`), or None for all when NER is unavailable.

        Example:
            >>> EntityTagger("no-such-model").tag(["Ford recalled cars."])
            [None]
        """
        cache = self._chunked if chunks else self._cache
        with self._lock:
            nlp = self._load()
            if nlp is None:
                return [None] * len(texts)
            found = {t: v for t in texts if (v := cache.get(t)) is not None}
            todo = list(dict.fromkeys(t for t in texts if t not in found))
            off = [] if chunks else [p for p in _ALL if p != "ner"]
            for text, doc in zip(todo, nlp.pipe(todo, disable=off), strict=True):
                ents = tuple(Span(e.text, e.start_char, e.end_char, e.label_) for e in doc.ents)
                found[text] = cache.put(text, ents + (noun_chunks(doc) if chunks else ()))
            return [found[t] for t in texts]


def noun_chunks(doc: Any) -> tuple[Span, ...]:
    """The noun chunks of a parsed spaCy doc headed by a common noun, without their leading determiner,
    pronoun or number ("20,000 elephants" → "elephants"), labelled `CHUNK`, and their common nouns (`NOUN`)."""
    out = []
    for chunk in doc.noun_chunks:
        if chunk.root.tag_ not in _NOUN_TAGS:
            continue
        toks = list(chunk)
        while toks and toks[0].pos_ in _LEADING:
            toks = toks[1:]
        if toks:
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            out.append(Span(doc.text[start:end], start, end, CHUNK))
            out += [Span(t.text, t.idx, t.idx + len(t.text), NOUN) for t in toks if t.tag_ in _NOUN_TAGS]
    return tuple(out)


@lru_cache(maxsize=4)
def tagger_for(model: str) -> EntityTagger | None:
    """The shared tagger of a spaCy model name (`AnswerSettings.ner_model`), or None when it is ''."""
    return EntityTagger(model) if model else None
