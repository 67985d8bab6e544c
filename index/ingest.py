"""Ingest: stream article files → annotate → chunk → embed in batches → Chroma → catalog.

Order of writes makes a kill at any moment safe: vectors are upserted first (content-hash ids, so
repeating them is harmless), then the article commits to the catalog in one transaction, then any
replaced article's vectors are deleted. `Store.reconcile()` removes vectors left by a killed run.

Example:
    >>> from index.embed import HashingEmbeddings
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "a.txt").write_text("ISIS agreed to a truce.")
    >>> s = Settings(persist_dir=tempfile.mkdtemp())
    >>> store = Store.open(s, HashingEmbeddings(8))
    >>> ingest(d, store).added
    1
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from index import cues
from index.lru import Lru
from index.epistemic import annotate_article
from index.errors import ArticleError, CorpusError
from index.formats import suffix_of
from index.formats.export import EXPORT_SUFFIXES
from index.loader import Loaded, list_article_files, load_file
from index.settings import Settings
from index.splitter import chunk_sentences, paragraph_starts
from index.store import Store
from index.types import Article, Chunk, Sentence

Progress = Callable[[int, int, str], None]


@dataclass
class IngestReport:
    """What an ingest did, file by file."""

    added: int = 0
    skipped: int = 0
    replaced: int = 0
    chunks_added: int = 0
    orphans_removed: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (source, what was kept raw or dropped)

    def summary(self) -> str:
        """One line for people."""
        warned = f", {len(self.warnings)} warnings" if self.warnings else ""
        return (f"{self.added} articles added ({self.chunks_added} chunks), {self.replaced} replaced, "
                f"{self.skipped} unchanged, {len(self.rejected)} rejected{warned}")

    def to_dict(self) -> dict[str, object]:
        """JSON-ready dict."""
        return {"added": self.added, "skipped": self.skipped, "replaced": self.replaced,
                "chunks_added": self.chunks_added, "orphans_removed": self.orphans_removed,
                "rejected": [{"path": p, "reason": r} for p, r in self.rejected],
                "warnings": [{"path": p, "warning": w} for p, w in self.warnings]}


def chunk_vector(sentence_vectors: np.ndarray) -> np.ndarray:
    """A chunk's vector: the normalised mean of its sentences' unit vectors.

    Example:
        >>> chunk_vector(np.array([[1.0, 0.0], [0.0, 1.0]])).round(3).tolist()
        [0.707, 0.707]
    """
    mean = sentence_vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else mean


def prepare(article: Article, settings: Settings) -> tuple[list[Sentence], list[Chunk]]:
    """Annotate and chunk one article.

    Example:
        >>> from index.loader import parse_article
        >>> sents, chunks = prepare(parse_article("One. Two.", "a.txt"), Settings())
        >>> len(sents), len(chunks)
        (2, 1)
    """
    sentences = annotate_article(article)
    breaks = paragraph_starts(article.text, article.body_start)
    chunks: list[Chunk] = []
    run: list[Sentence] = []
    for s in [*sentences, None]:
        if s is not None and not cues.INSTRUCTION.search(s.text):
            run.append(s)
            continue
        # Text addressed to a model is kept in the article but never indexed: it is not evidence.
        chunks += chunk_sentences(article.id, article.text, run, settings.chunk_max_chars,
                                  settings.chunk_max_sentences, breaks)
        run = []
    return sentences, chunks


class _Batch:
    def __init__(self) -> None:
        self.items: list[tuple[Article, list[Sentence], list[Chunk]]] = []
        self.replaced: list[str] = []
        self.n_chunks = 0
        self.done: list[tuple[int, str]] = []  # progress events (index, name) covered by this batch

    def add(self, article: Article, sentences: list[Sentence], chunks: list[Chunk], old: str | None) -> None:
        self.items.append((article, sentences, chunks))
        self.n_chunks += len(chunks)
        if old:
            self.replaced.append(old)


@dataclass
class _Encoded:
    batch: _Batch
    vectors: dict[str, np.ndarray]
    ids: list[str]
    texts: list[str]
    metas: list[dict[str, object]]
    chunk_vecs: np.ndarray | None


def encode_unique(texts: list[str], encode: Callable[[list[str]], np.ndarray],
                  cache: Lru[np.ndarray] | None = None) -> np.ndarray:
    """Encode each distinct text once; repeats (datelines, bylines, boilerplate) come from `cache`.

    Example:
        >>> calls = []
        >>> enc = lambda ts: calls.append(list(ts)) or np.array([[float(len(t))] for t in ts])
        >>> encode_unique(["ab", "c", "ab"], enc).ravel().tolist(), calls
        ([2.0, 1.0, 2.0], [['ab', 'c']])
    """
    distinct = list(dict.fromkeys(texts))
    known = {t: v for t in distinct if cache is not None and (v := cache.get(t)) is not None}
    todo = [t for t in distinct if t not in known]
    if todo:
        for t, v in zip(todo, encode(todo), strict=True):
            known[t] = v
            if cache is not None and len(t) <= _CACHED_CHARS:  # repeats are short; long sentences rarely recur
                cache.put(t, v)
    return np.vstack([known[t] for t in texts])


_CACHED_CHARS = 200
_OPTIMIZE_AFTER = 1000  # chunks added in one ingest before the BM25 segments are merged


def _encode(batch: _Batch, store: Store) -> _Encoded:
    """Encode a batch's sentences once; a chunk's vector is the mean of its sentences'."""
    sentence_texts = [s.text for _, sentences, _ in batch.items for s in sentences]
    if not sentence_texts:
        return _Encoded(batch, {}, [], [], [], None)
    encoded = encode_unique(sentence_texts, store.embedder.encode, store.sentence_cache)
    per_article: dict[str, np.ndarray] = {}
    ids, texts, metas, chunk_vecs = [], [], [], []
    row = 0
    for article, sentences, chunks in batch.items:
        if not sentences:
            continue  # a path-only record (copy or rename)
        vecs = encoded[row:row + len(sentences)]
        row += len(sentences)
        per_article[article.id] = vecs
        position = {s.start: i for i, s in enumerate(sentences)}
        for c in chunks:
            first = position[c.sentences[0].start]
            chunk_vecs.append(chunk_vector(vecs[first:first + len(c.sentences)]))
            ids.append(c.id)
            texts.append(c.text)
            metas.append(c.metadata(article))
    return _Encoded(batch, per_article, ids, texts, metas, np.vstack(chunk_vecs) if chunk_vecs else None)


def _write(enc: _Encoded, store: Store, report: IngestReport) -> None:
    """Chroma first, then the catalog in one transaction, then replaced articles' vectors."""
    batch = enc.batch
    with store.writing():
        if enc.ids and enc.chunk_vecs is not None:
            store.upsert(enc.ids, enc.texts, enc.chunk_vecs, enc.metas)
        gone: list[str] = []
        for old in batch.replaced:
            gone.extend(store.catalog.chunk_ids_of(old))
        store.catalog.add_articles(batch.items, replaced=batch.replaced, vectors=enc.vectors)
        keep = set(enc.ids)
        store.delete([g for g in gone if g not in keep])
    report.chunks_added += len(enc.ids)


_END = object()


class _Stage:
    """A daemon thread filling a bounded queue; its error is re-raised in the reading thread."""

    def __init__(self, work: Callable[[Callable[[Any], None]], None], size: int) -> None:
        self.out: queue.Queue[Any] = queue.Queue(maxsize=size)
        self.error: BaseException | None = None
        self.stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(work,), daemon=True)
        self._thread.start()

    def _run(self, work: Callable[[Callable[[Any], None]], None]) -> None:
        try:
            work(self._put)
        except BaseException as err:
            self.error = err
        finally:
            self._put(_END, force=True)

    def _put(self, item: Any, force: bool = False) -> None:
        while True:
            if self.stop.is_set() and not force:
                raise InterruptedError("ingest stopped")
            try:
                self.out.put(item, timeout=0.1)
                return
            except queue.Full:
                if self.stop.is_set() and force:
                    return

    def items(self) -> Iterator[Any]:
        """What the thread produces, in order; raises its error at the end."""
        while (item := self.out.get()) is not _END:
            yield item
        if self.error is not None:
            raise self.error

    def close(self) -> None:
        self.stop.set()
        self._thread.join()


def _prepare_batches(items: Iterable[Article | tuple[str, ArticleError]], store: Store, report: IngestReport,
                     batch_chunks: int, put: Callable[[Any], None]) -> None:
    """Load, dedupe, annotate and chunk articles into batches of about `batch_chunks` chunks."""
    batch = _Batch()
    pending: set[str] = set()
    for i, item in enumerate(items, 1):
        if isinstance(item, tuple):
            report.rejected.append((item[0], str(item[1])))
            batch.done.append((i, item[0]))
            continue
        article = item
        report.warnings.extend((article.path, w) for w in article.warnings)
        old = store.catalog.article_for_path(article.path)
        if store.catalog.has_article(article.id) or article.id in pending:
            if old != article.id:  # a copy or a rename: record the path only, after the article itself
                batch.add(article, [], [], None)
            report.skipped += 1
            report.article_ids.append(article.id)
        else:
            sentences, chunks = prepare(article, store.settings)
            stale = old if old and old != article.id and len(store.catalog.paths_of(old)) <= 1 else None
            batch.add(article, sentences, chunks, stale)
            pending.add(article.id)
            report.added += 1
            report.replaced += 1 if old and old != article.id else 0
            report.article_ids.append(article.id)
        batch.done.append((i, article.path))
        if batch.n_chunks >= batch_chunks:
            put(batch)
            batch = _Batch()
    put(batch)


class _Writer:
    """Writes encoded batches in order on its own thread; progress events and errors come back."""

    def __init__(self, store: Store, report: IngestReport) -> None:
        self._in: queue.Queue[Any] = queue.Queue(maxsize=1)
        self.done: queue.Queue[tuple[int, str]] = queue.Queue()
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(store, report), daemon=True)
        self._thread.start()

    def _run(self, store: Store, report: IngestReport) -> None:
        while (enc := self._in.get()) is not _END:
            if self.error is None:
                try:
                    _write(enc, store, report)
                except BaseException as err:
                    self.error = err
                    continue
                for event in enc.batch.done:
                    self.done.put(event)

    def submit(self, enc: _Encoded) -> None:
        if self.error is not None:
            raise self.error
        self._in.put(enc)

    def finish(self) -> None:
        self._in.put(_END)
        self._thread.join()

    def events(self) -> Iterator[tuple[int, str]]:
        while True:
            try:
                yield self.done.get_nowait()
            except queue.Empty:
                return


def ingest_articles(items: Iterable[Article | tuple[str, ArticleError]], store: Store,
                    progress: Progress | None = None, total: int = 0,
                    batch_chunks: int = 512) -> IngestReport:
    """Ingest already-loaded articles (or their load errors), streaming in encoder-sized batches.

    Three stages overlap: a thread loads and annotates the next batch, this thread encodes, and a
    thread writes the previous batch (Chroma, then the catalog). Batches are written in order and
    at most four are in flight, so memory stays flat whatever the size of the corpus.
    """
    report = IngestReport()
    prepared = _Stage(lambda put: _prepare_batches(items, store, report, batch_chunks, put), size=2)
    writer = _Writer(store, report)
    try:
        for batch in prepared.items():
            writer.submit(_encode(batch, store))
            for i, name in writer.events():
                if progress:
                    progress(i, total, name)
    finally:
        prepared.close()
        writer.finish()
    if writer.error is not None:
        raise writer.error
    if report.chunks_added >= _OPTIMIZE_AFTER:
        with store.writing():
            store.catalog.optimize_bm25()
    for i, name in writer.events():
        if progress:
            progress(i, total, name)
    return report


def ingest(source: str | Path | Iterable[str | Path], store: Store, progress: Progress | None = None,
           names: dict[str, str] | None = None, urls: Sequence[str] = (), feeds: Sequence[str] = ()) -> IngestReport:
    """Ingest a directory (or files), and any URLs and feeds asked for; bad sources are reported, never fatal."""
    if isinstance(source, (str, Path)):
        files = list_article_files(source)
    else:
        files = [Path(p) for p in source]
        if not files and not urls and not feeds:
            raise CorpusError("no files given. Fix: name article files, a directory, a URL or a feed")
    names = names or {}
    orphans = store.reconcile()
    s = store.settings

    def load_all() -> Iterable[Loaded]:
        from index.fetch import load_feed, load_url

        for f in files:
            yield from load_file(f, max_bytes=s.max_file_bytes, name=names.get(str(f), str(f)),
                                 max_export_bytes=s.max_export_bytes)
        for url in urls:
            yield from load_url(url, s)
        for url in feeds:
            yield from load_feed(url, s)

    many = feeds or any(suffix_of(f.name) in EXPORT_SUFFIXES for f in files)  # items per source unknown
    report = ingest_articles(load_all(), store, progress, total=0 if many else len(files) + len(urls))
    report.orphans_removed = orphans
    return report


def tqdm_progress(desc: str = "ingest") -> Progress:
    """A tqdm progress bar (with ETA) on stderr as a `Progress` callback."""
    from tqdm import tqdm

    bar: dict[str, tqdm] = {}

    def update(done: int, total: int, _name: str) -> None:
        if "bar" not in bar:
            bar["bar"] = tqdm(total=total or None, desc=desc, unit="file", file=sys.stderr, leave=True)
        bar["bar"].update(1)
        if done == total:
            bar["bar"].close()

    return update
