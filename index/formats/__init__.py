"""Per-format readers: bytes of one file → the article text and metadata it holds, offline.

Every reader returns `Extracted` records (an export holds many articles, other files one) and
raises `ArticleError` with the reason and the fix when a file holds no quotable text.

Example:
    >>> reader_for("a.HTML").__name__, reader_for("dump.jsonl.gz").__name__
    ('read_html', 'read_export')
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from index.formats.base import Extracted
from index.formats.docx import read_docx
from index.formats.export import EXPORT_SUFFIXES, read_export
from index.formats.html import looks_like_html, read_html
from index.formats.pdf import read_pdf
from index.formats.plain import read_plain

Reader = Callable[[bytes, str], Iterator[Extracted]]
READERS: dict[str, Reader] = {
    ".txt": read_plain, ".md": read_plain, ".markdown": read_plain,
    ".html": read_html, ".htm": read_html, ".xhtml": read_html,
    ".pdf": read_pdf, ".docx": read_docx,
    **{suffix: read_export for suffix in EXPORT_SUFFIXES},
}
SUFFIXES = tuple(sorted(READERS, key=len, reverse=True))  # longest first: .jsonl.gz before .gz


def suffix_of(path: str) -> str:
    """The format suffix of a path ('' when unsupported), longest match first.

    Example:
        >>> suffix_of("x/Dump.JSONL.gz"), suffix_of("a.txt"), suffix_of("a.png")
        ('.jsonl.gz', '.txt', '')
    """
    low = path.lower()
    return next((s for s in SUFFIXES if low.endswith(s)), "")


def reader_for(path: str) -> Reader | None:
    """The reader of a path's format, or None."""
    suffix = suffix_of(path)
    return READERS.get(suffix) if suffix else None


__all__ = ["READERS", "SUFFIXES", "Extracted", "Reader", "looks_like_html", "reader_for", "suffix_of"]
