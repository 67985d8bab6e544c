"""Bring stored epistemic statuses up to the current rules without re-embedding anything.

Statuses are computed once at ingest and stored (sentence rows in the catalog, `statuses` and
`uncertain` in each chunk's Chroma metadata). When the rules improve (`ANNOTATOR` changes), an index
built earlier still holds the old ones, and re-ingesting unchanged files is skipped by content hash.
`reannotate` re-reads every stored article with its stored sentence spans (offsets, chunks and vectors
stay as they are) and rewrites the annotations and the chunk metadata.

Example:
    >>> from index.embed import HashingEmbeddings
    >>> from index.settings import Settings
    >>> import tempfile
    >>> store = Store.open(Settings(persist_dir=tempfile.mkdtemp(), embedding_model="hashing-16"),
    ...                    HashingEmbeddings(16))
    >>> stale_annotator(store) is None, reannotate(store)
    (True, 0)
"""

from __future__ import annotations

from index.epistemic import ANNOTATOR, annotate_spans
from index.ingest import Progress
from index.splitter import paragraph_starts
from index.store import Store
from index.types import Sentence

_BATCH = 200  # articles per catalog transaction


def stale_annotator(store: Store) -> str | None:
    """The annotator that wrote this index's statuses when it is not the current one, else None.

    An index written before annotators were recorded reports "unrecorded" (`Store.open` stamps new ones).
    """
    held = store.catalog.get_meta("annotator")
    return None if held == ANNOTATOR else (held or "unrecorded")


def reannotate(store: Store, progress: Progress | None = None) -> int:
    """Re-annotate every stored sentence with the current rules; returns how many changed.

    Interrupted midway, it leaves a consistent index (each batch is one transaction) still marked
    stale, and running it again finishes the job.
    """
    catalog = store.catalog
    ids = [a.id for a in catalog.articles()]
    changed = 0
    for first in range(0, len(ids), _BATCH):
        batch: dict[str, list[Sentence]] = {}
        metadata: dict[str, dict[str, str | bool]] = {}
        for article_id in ids[first:first + _BATCH]:
            article = catalog.article(article_id)
            old = catalog.sentences(article_id)
            if article is None or not old:
                continue
            spans = [(s.start, s.end) for s in old]
            new = annotate_spans(article.text, spans, article_id, paragraph_starts(article.text, article.body_start))
            changed += sum(a != b for a, b in zip(old, new, strict=True))
            batch[article_id] = new
            for chunk_id, (_, lo, hi) in catalog.chunk_rows(catalog.chunk_ids_of(article_id)).items():
                part = new[lo:hi + 1]
                metadata[chunk_id] = {"statuses": ",".join(sorted({st for s in part for st in s.statuses})),
                                      "uncertain": any(s.uncertain for s in part)}
            if progress:
                progress(first + len(batch), len(ids), article.path)
        catalog.replace_annotations(batch)
        store.update_metadata(metadata)
    catalog.set_meta("annotator", ANNOTATOR)
    return changed
