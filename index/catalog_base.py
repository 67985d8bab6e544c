"""The catalog interface: what the read and write paths need of a catalog, whatever holds it.

Two implementations sit behind it: `index.catalog.Catalog` (SQLite, the embedded default) and
`index.pg_catalog.PgCatalog` (PostgreSQL, `SOURCECHECK_CATALOG_URL=postgresql://…`, shared by page
servers on several machines). `open_catalog` picks one from the settings; the read path only
sees `BaseCatalog`.

Example:
    >>> from index.catalog import Catalog
    >>> isinstance(Catalog(":memory:"), BaseCatalog)
    True
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import numpy as np

from index.text import variants
from index.types import Article, Chunk, Sentence

# Share of the chunks above which a term is too common to be given spelling variants (1%);
# in small indexes (under MIN_DF chunks per term) every term may have them.
VARIANT_MAX_SHARE = 0.01
MIN_DF = 50


class Lexical(NamedTuple):
    """What `BaseCatalog.lexical` found: expanded terms, their chunk counts, BM25 hits, chunks indexed."""

    expanded: list[str]
    df: dict[str, int]
    hits: list[tuple[str, float]]
    chunks: int


class BaseCatalog(ABC):
    """Articles, sentences, sentence vectors, chunks and BM25 postings; one transaction per batch."""

    # ---- metadata and writes ----------------------------------------------------------------
    @contextmanager
    def writer_lock(self) -> Iterator[None]:
        """Held by a write that spans Chroma and the catalog (vectors upserted, then the catalog commit; or
        `Store.reconcile`), so writers in every process that shares this catalog take turns: a reconcile never
        sees another process's vectors between their upsert and their commit. Here: nothing (one process)."""
        yield

    @abstractmethod
    def get_meta(self, key: str) -> str | None:
        """A stored metadata value."""

    @abstractmethod
    def set_meta(self, key: str, value: str) -> None:
        """Store a metadata value."""

    @abstractmethod
    def add_articles(self, items: Sequence[tuple[Article, Sequence[Sentence], Sequence[Chunk]]],
                     replaced: Iterable[str] = (), vectors: dict[str, np.ndarray] | None = None) -> None:
        """Add articles with sentences, vectors and chunks; drop replaced ones; one transaction."""

    @abstractmethod
    def remove_articles(self, article_ids: Iterable[str]) -> list[str]:
        """Delete articles in one transaction; returns their chunk ids (for Chroma)."""

    @abstractmethod
    def replace_annotations(self, annotated: Mapping[str, Sequence[Sentence]]) -> None:
        """Store new annotations of articles' existing sentences, one transaction."""

    @abstractmethod
    def optimize_bm25(self) -> None:
        """Merge the BM25 segments into one; results do not change."""

    @abstractmethod
    def close(self) -> None:
        """Close the connection."""

    # ---- reads --------------------------------------------------------------------------------
    @abstractmethod
    def article_for_path(self, path: str) -> str | None:
        """The article id a source path holds now."""

    @abstractmethod
    def has_article(self, article_id: str) -> bool:
        """Whether an article (by content hash) is indexed."""

    @abstractmethod
    def paths_of(self, article_id: str) -> list[str]:
        """Source paths that hold an article."""

    @abstractmethod
    def article(self, article_id: str) -> Article | None:
        """One article, text included."""

    @abstractmethod
    def articles(self) -> list[Article]:
        """All articles, by first path."""

    @abstractmethod
    def sentences(self, article_id: str) -> list[Sentence]:
        """An article's annotated sentences, in order."""

    @abstractmethod
    def sentences_between(self, article_id: str, first: int, last: int) -> dict[int, Sentence]:
        """Sentences `first..last` of an article by index."""

    @abstractmethod
    def sentence_vectors(self, article_id: str) -> np.ndarray | None:
        """Unit vectors of an article's sentences (float16, one row a sentence)."""

    @abstractmethod
    def chunk_rows(self, chunk_ids: Sequence[str]) -> dict[str, tuple[str, int, int]]:
        """`chunk id -> (article id, first sentence, last sentence)` for the ids that exist."""

    def _texts_of(self, rows: Iterable[tuple[str, str, int, int]]) -> dict[str, tuple[Article, int, int, str]]:
        """`chunk_texts`' answer from `(chunk id, article id, start, end)` rows (articles read through the cache)."""
        out = {}
        for cid, art_id, start, end in rows:
            art = self.article(art_id)
            if art is not None:
                out[cid] = (art, start, end, art.text[start:end])
        return out

    @abstractmethod
    def chunk_texts(self, chunk_ids: Sequence[str]) -> dict[str, tuple[Article, int, int, str]]:
        """`chunk id -> (article, start, end, text)` for the ids that exist."""

    @abstractmethod
    def chunk_ids_of(self, article_id: str) -> list[str]:
        """Chunk ids of one article."""

    @abstractmethod
    def chunk_ids(self) -> set[str]:
        """Every committed chunk id."""

    @abstractmethod
    def count_chunks(self) -> int:
        """Number of committed chunks."""

    @abstractmethod
    def count_sentences(self) -> int:
        """Indexed sentences."""

    @abstractmethod
    def count_articles(self) -> int:
        """Number of articles."""

    @abstractmethod
    def document_frequency(self, query_terms: Sequence[str]) -> dict[str, int]:
        """Chunk counts of the given terms (absent terms are left out)."""

    @abstractmethod
    def bm25(self, query_terms: Sequence[str], k: int) -> list[tuple[str, float]]:
        """Top-k chunk ids by BM25, best first, as `(id, score)`."""

    # ---- shared logic -------------------------------------------------------------------------
    def expand(self, query_terms: Sequence[str]) -> list[str]:
        """Query terms plus their spelling variants found in the vocabulary (qaida → qaeda)."""
        return self.expand_with_df(query_terms)[0]

    def expand_with_df(self, query_terms: Sequence[str]) -> tuple[list[str], dict[str, int]]:
        """`expand`, plus the chunk frequency of every expanded term, in one look-up."""
        out = list(dict.fromkeys(query_terms))
        own = self.document_frequency(out)
        # Spelling variants are for rare names (qaida/qaeda, jebhat/jabhat). In a large vocabulary a
        # common word's one-letter neighbours are other words (state/slate): neither is expanded.
        rare = max(MIN_DF, int(VARIANT_MAX_SHARE * self.count_chunks()))
        cands = {v for t in out if own.get(t, 0) <= rare for v in variants(t)}
        found = self.document_frequency(sorted(cands - set(out)))
        out += sorted(f for f, n in found.items() if n <= rare)
        return out, {**own, **{f: found[f] for f in out if f in found}}

    def lexical(self, query_terms: Sequence[str], k: int) -> Lexical:
        """The retriever's lexical side: `expand_with_df`, then `bm25` of the expanded terms (top k), and
        the chunk count the expansion used.

        PostgreSQL answers all of it in one statement (`index.pg_catalog`); here, the calls one by one.
        """
        expanded, df = self.expand_with_df(query_terms)
        return Lexical(expanded, df, self.bm25(expanded, k), self.count_chunks())

    def passages(self, spans: Sequence[tuple[str, int, int]],
                 ) -> list[tuple[Article | None, dict[int, Sentence], np.ndarray | None]]:
        """For each `(article id, first, last)`: the article, its sentences `first..last` by index, and its
        sentence vectors, as `article`, `sentences_between` and `sentence_vectors` give them.

        The evidence of a question's chunks; PostgreSQL reads what its caches lack in one round trip.
        """
        return [(self.article(a), self.sentences_between(a, first, last), self.sentence_vectors(a))
                for a, first, last in spans]


def open_catalog(url: str | None, sqlite_path: Path, schema: str) -> BaseCatalog:
    """The PostgreSQL catalog at `url` (schema `schema`), or the SQLite file `sqlite_path` without one.

    Example:
        >>> import tempfile
        >>> type(open_catalog(None, Path(tempfile.mkdtemp()) / "c.sqlite", "news")).__name__
        'Catalog'
    """
    if url:
        from index.pg_catalog import PgCatalog

        return PgCatalog(url, schema)
    from index.catalog import Catalog

    return Catalog(sqlite_path)
