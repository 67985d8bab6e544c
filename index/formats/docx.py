"""Word files (.docx) by python-docx: paragraph text, title and author from the document properties.

Example:
    >>> import io, docx as d
    >>> doc = d.Document(); _ = doc.add_paragraph("ISIS agreed to a truce."); buf = io.BytesIO(); doc.save(buf)
    >>> [e.text for e in read_docx(buf.getvalue(), "a.docx")]
    ['ISIS agreed to a truce.']
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from index.errors import ArticleError
from index.formats.base import Extracted, clean_field


def read_docx(data: bytes, path: str) -> Iterator[Extracted]:
    """Extract a .docx file's paragraphs (one blank line between them)."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises zipfile, KeyError and its own errors on a bad file
        raise ArticleError(path, f"the Word file is damaged or not a .docx ({type(err).__name__})",
                           "open it in Word or LibreOffice and save it again as .docx") from err
    paragraphs = [" ".join(p.text.split()) for p in document.paragraphs]
    text = "\n\n".join(p for p in paragraphs if p)
    if not text:
        raise ArticleError(path, "the Word file holds no text", "add the article text, or export it again")
    props = document.core_properties
    created = props.created
    yield Extracted(text=text, title=clean_field(props.title), author=clean_field(props.author),
                    date=created.date().isoformat() if created else "")
