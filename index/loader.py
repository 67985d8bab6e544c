"""Load article files of every supported format into `Article`s (see `index.formats` for the readers).

The stored text of an article is its extracted text (a `.txt` file's body below its header lines,
an HTML page's main text, a PDF's text layer); offsets index into it, and the file (or URL) stays
the article's source path. Metadata is lenient: an unreadable date is kept as written, with a warning.

Example:
    >>> art = parse_article("title: Truce\\ndate: 2014/11/17\\n\\nISIS agreed.", path="a.txt")
    >>> art.title, art.date, art.text
    ('Truce', '2014-11-17', 'ISIS agreed.')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from index.dates import normalize_date
from index.errors import ArticleError, CorpusError
from index.formats import SUFFIXES, Extracted, reader_for, suffix_of
from index.formats.export import EXPORT_SUFFIXES
from index.formats.plain import read_plain
from index.types import Article, content_hash

ARTICLE_SUFFIXES = SUFFIXES
SUPPORTED = ".txt, .md, .html, .htm, .pdf, .docx, .jsonl, .csv (and .jsonl.gz)"
_TITLE_MAX_WORDS = 18
Loaded = Article | tuple[str, ArticleError]


def guess_title(body: str) -> str:
    """First short headline-like line of the body, else the start of the first sentence.

    Example:
        >>> guess_title("# Truce talks stall in Aleppo\\n\\nThe talks stalled.")
        'Truce talks stall in Aleppo'
    """
    lines = [ln.strip().lstrip("#").strip() for ln in body.splitlines() if ln.strip().lstrip("#").strip()]
    for ln in lines[:4]:
        words = ln.split()
        if 3 <= len(words) <= _TITLE_MAX_WORDS and not ln.endswith((".", ",", ";", ":")):
            return ln
    first = lines[0] if lines else ""
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    return sentence if len(sentence) <= 90 else sentence[:87].rsplit(" ", 1)[0] + "…"


def article_from(ex: Extracted, path: str) -> Article:
    """An `Article` from a reader's record: lenient date, title fallback, id = hash of text and metadata."""
    date, warning = normalize_date(ex.date)
    warnings = (*ex.warnings, warning) if warning else ex.warnings
    title = ex.title or guess_title(ex.text)
    return Article(id=content_hash(ex.text, title, ex.outlet, ex.author, date, ex.url), path=path, text=ex.text,
                   title=title, outlet=ex.outlet, author=ex.author, date=date, url=ex.url, warnings=warnings)


def parse_article(text: str, path: str) -> Article:
    """Build an `Article` from decoded `.txt`/`.md` text: header lines become metadata, the body the text."""
    return article_from(next(iter(read_plain(text.encode("utf-8"), path))), path)


def articles_from(records: Iterable[Extracted | ArticleError], path: str) -> Iterator[Loaded]:
    """`Article`s (or `(name, error)`) from a reader's records; an error raised midway ends the file."""
    try:
        for rec in records:
            if isinstance(rec, ArticleError):
                yield rec.path, rec
            else:
                yield article_from(rec, path + rec.part)
    except ArticleError as err:
        yield err.path, err


def _read(p: Path, shown: str, max_bytes: int) -> bytes:
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise ArticleError(shown, f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit",
                               "split it into articles or raise SOURCECHECK_MAX_FILE_BYTES")
        data = p.read_bytes()
    except OSError as err:
        raise ArticleError(shown, f"cannot read the file ({err.strerror})", "check that it exists and is readable") from err
    if not data:
        raise ArticleError(shown, "the file is empty", "add the article text or remove the file")
    if not data.strip():
        raise ArticleError(shown, "the file holds only white space", "add the article text or remove the file")
    return data


def load_file(path: str | Path, max_bytes: int = 5_000_000, name: str | None = None,
              max_export_bytes: int = 2_000_000_000) -> Iterator[Loaded]:
    """Every article of one file (an export holds many), or `(name, error)` for what cannot be read."""
    p = Path(path)
    shown = name or str(p)
    reader = reader_for(p.name)
    if reader is None:
        err = ArticleError(shown, f"{p.suffix or 'no'} extension is not supported", f"use {SUPPORTED} files")
        yield shown, err
        return
    limit = max_export_bytes if suffix_of(p.name) in EXPORT_SUFFIXES else max_bytes
    try:
        data = _read(p, shown, limit)
    except ArticleError as err:
        yield shown, err
        return
    yield from articles_from(reader(data, shown), shown)


def load_article(path: str | Path, max_bytes: int = 5_000_000, name: str | None = None) -> Article:
    """Read one single-article file into an `Article`, raising `ArticleError` with the fix.

    Example:
        >>> load_article("index/articles/002_0f3d202c9fb36807.txt").text[:9]  # doctest: +SKIP
        'Last week'
    """
    for item in load_file(path, max_bytes=max_bytes, name=name):
        if isinstance(item, tuple):
            raise item[1]
        return item
    raise ArticleError(name or str(path), "the file holds no article", "add the article text")


def list_article_files(directory: str | Path) -> list[Path]:
    """All article files under a directory, sorted; raises `CorpusError` when there are none.

    Example:
        >>> len(list_article_files("index/articles"))  # doctest: +SKIP
        2
    """
    d = Path(directory)
    if not d.exists():
        raise CorpusError(f"{d}: no such directory or file. Fix: give the folder that holds your articles ({SUPPORTED})")
    if d.is_file():
        return [d]
    files = sorted(p for p in d.rglob("*") if p.is_file() and suffix_of(p.name) and not p.name.startswith("."))
    if not files:
        raise CorpusError(f"{d}: holds no article file. Fix: put your articles there as {SUPPORTED} files")
    return files


def iter_articles(directory: str | Path, max_bytes: int = 5_000_000) -> Iterator[tuple[Path, Article | ArticleError]]:
    """Yield `(path, article)` or `(path, error)` for every article of every file, one at a time (flat memory)."""
    for path in list_article_files(directory):
        for item in load_file(path, max_bytes=max_bytes):
            yield path, item[1] if isinstance(item, tuple) else item
