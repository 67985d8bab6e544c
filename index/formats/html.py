"""HTML pages (saved pages, fetched URLs): main text and metadata by trafilatura, offline.

Navigation, cookie banners, ads, share bars and comments are left out; title, author, date, site
name (→ outlet) and canonical URL come from the page's own markup.

Example:
    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>"), looks_like_html("Plain <b>text</b>")
    (True, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from index.errors import ArticleError
from index.formats.base import Extracted, clean_field

# Article text has at least one sentence (words ending in . ! ? …); a menu or a list of links has none.
_SENTENCE = re.compile(r"\w+[\s,;:'’\"-]+\w+[\s,;:'’\"-]+\w+[^.!?…\n]*[.!?…]")
_DOCUMENT = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                       re.I | re.S)


def looks_like_html(text: str) -> bool:
    """Whether a text is a whole HTML document (whatever the file is called)."""
    return bool(_DOCUMENT.match(text[:4096]))


def _extract(data: bytes | str, url: str | None) -> Any:
    import trafilatura

    return trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False,
                                       include_tables=False, include_images=False, include_links=False)


def read_html(data: bytes, path: str, url: str = "") -> Iterator[Extracted]:
    """Extract the article of an HTML page; raises `ArticleError` when it holds no article text."""
    try:
        doc = _extract(data, url or None)
    except Exception as err:  # lxml and trafilatura raise plain exceptions on broken markup
        raise ArticleError(path, f"the HTML could not be parsed ({type(err).__name__})",
                           "save the page again from the browser (File → Save Page As, HTML only)") from err
    raw = (getattr(doc, "text", None) or "") if doc is not None else ""
    text = "\n\n".join(ln.strip() for ln in raw.splitlines() if ln.strip())  # a paragraph a line → blank-line paragraphs
    if not _SENTENCE.search(text):
        raise ArticleError(path, "the HTML page holds no article text (only navigation, links or scripts)",
                           "save the article's own page, not a front or index page, or paste its text")
    yield Extracted(
        text=text,
        title=clean_field(getattr(doc, "title", "")),
        outlet=clean_field(getattr(doc, "sitename", "")),
        author=clean_field(getattr(doc, "author", "")),
        date=clean_field(getattr(doc, "date", "")),
        url=clean_field(getattr(doc, "url", "")) or url,
    )
