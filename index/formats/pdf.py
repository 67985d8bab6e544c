"""PDF files by pypdf: the text layer, page by page, with hard-wrapped lines joined.

A PDF without a text layer (a scan) cannot be quoted; a password-protected or damaged one says so.

Example:
    >>> join_lines("The truce was\\nreported on Monday.\\n\\nA new paragraph.")
    'The truce was reported on Monday.\\n\\nA new paragraph.'
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from index.errors import ArticleError
from index.formats.base import Extracted, clean_field

_PARAGRAPH = re.compile(r"\n[ \t]*\n+")


def join_lines(text: str) -> str:
    """Join the lines of each paragraph with spaces (PDF text comes one printed line at a time)."""
    paragraphs = (" ".join(ln.strip() for ln in p.splitlines() if ln.strip()) for p in _PARAGRAPH.split(text))
    return "\n\n".join(p for p in paragraphs if p)


def _open(data: bytes, path: str) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ArticleError(path, "the PDF is password-protected",
                               "open it with its password and save or print it as a PDF without one")
        _ = len(reader.pages)
    except ArticleError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as err:
        if "password" in str(err).lower() or "decrypt" in str(err).lower():
            raise ArticleError(path, "the PDF is password-protected",
                               "open it with its password and save or print it as a PDF without one") from err
        raise ArticleError(path, f"the PDF is damaged or not a PDF ({type(err).__name__})",
                           "export or download the PDF again") from err
    return reader


def _meta(reader: Any, name: str) -> str:
    try:
        info = reader.metadata
        return clean_field(getattr(info, name, None)) if info else ""
    except Exception:  # broken document info is only missing metadata
        return ""


def read_pdf(data: bytes, path: str) -> Iterator[Extracted]:
    """Extract a PDF's text layer; raises `ArticleError` for scans, passwords and damaged files."""
    reader = _open(data, path)
    pages: list[str] = []
    for page in reader.pages:
        try:
            pages.append(join_lines(page.extract_text() or ""))
        except Exception as err:  # pypdf raises many kinds on a damaged content stream
            raise ArticleError(path, f"a page of the PDF is damaged ({type(err).__name__})",
                               "export or download the PDF again") from err
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise ArticleError(path, "scanned PDF: no text to quote", "run OCR first (e.g. ocrmypdf) and add the result")
    date = ""
    try:
        created = reader.metadata.creation_date if reader.metadata else None
        date = created.date().isoformat() if created else ""
    except Exception:  # an unreadable creation date is only missing metadata
        date = ""
    yield Extracted(text=text, title=_meta(reader, "title"), author=_meta(reader, "author"), date=date)
