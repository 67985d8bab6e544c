"""sourcecheck's write path: load articles, split with offsets, annotate epistemic status, embed, store.

Example:
    >>> from index import annotate
    >>> [s.status for s in annotate("Officials say it happened. It apparently did.")]
    ['attributed', 'hedged']
"""

from index.catalog import Catalog
from index.catalog_base import BaseCatalog
from index.embed import HashingEmbeddings, SentenceTransformerEmbeddings
from index.epistemic import annotate, annotate_article, read_sentence
from index.errors import (
    ArticleError,
    ConfigError,
    CorpusError,
    IndexMismatchError,
    QuestionError,
    SourcecheckError,
    StoreError,
)
from index.holders import holder_is_named
from index.ingest import IngestReport, ingest, ingest_articles, prepare
from index.loader import load_article, parse_article
from index.settings import Settings
from index.splitter import chunk_sentences, split_sentences
from index.store import Store
from index.types import STATUSES, Article, Attribution, Chunk, Holder, Inherited, Sentence

__all__ = [
    "STATUSES", "Article", "ArticleError", "Attribution", "BaseCatalog", "Catalog", "Chunk", "ConfigError", "CorpusError",
    "HashingEmbeddings", "Holder", "IndexMismatchError", "Inherited", "IngestReport", "QuestionError", "Sentence",
    "SentenceTransformerEmbeddings", "Settings", "SourcecheckError", "Store", "StoreError", "annotate",
    "annotate_article", "chunk_sentences", "holder_is_named", "ingest", "ingest_articles", "load_article",
    "parse_article", "prepare", "read_sentence", "split_sentences",
]
