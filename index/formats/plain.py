"""Plain text and Markdown: decode safely, read optional `key: value` header lines, keep the body.

The stored text is the body: header lines (and the seed's ` date 2014-11-17` first line) become
metadata and do not show in the article. A file holding an HTML page or a PDF, whatever its
extension, goes to that format's reader.

Example:
    >>> [(e.title, e.date, e.text) for e in read_plain(b"title: Truce\\ndate: 2014-11-17\\n\\nISIS agreed.", "a.txt")]
    [('Truce', '2014-11-17', 'ISIS agreed.')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from index.errors import ArticleError
from index.formats.base import Extracted
from index.formats.html import looks_like_html, read_html

HEADER_KEYS = ("title", "outlet", "author", "date", "url")
_HEADER_RE = re.compile(r"^[ \t]*(?P<key>[A-Za-z]+)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")
_SEED_DATE_RE = re.compile(r"^[ \t]*date[ \t]+(?P<value>\d{4}-\d{2}-\d{2})[ \t]+")
_URL_RE = re.compile(r"^https?://\S+$")
_BINARY_MAGIC = (b"\x89PNG", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff", b"\x7fELF", b"\x1f\x8b")


def decode_bytes(data: bytes, path: str) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.

    Example:
        >>> decode_bytes("caf\\u00e9".encode("latin-1"), "a.txt")
        'café'
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise ArticleError(path, "the UTF-16 text is damaged", "save the file again as UTF-8") from err
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:65536]:
        raise ArticleError(path, "this is a binary file, not text",
                           "export the article as text, HTML, PDF or Word (.docx), with that extension")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(4, len(text) // 100):
        raise ArticleError(path, "the file is neither UTF-8 nor readable text", "save the file as UTF-8 text")
    return text


def _header_value(key: str, value: str, line_no: int, warnings: list[str]) -> str:
    """A header's value, or '' with a warning when it is empty or (for url) not an http(s) address."""
    if not value:
        warnings.append(f"line {line_no}: header `{key}:` has no value; ignored")
        return ""
    if key == "url" and not _URL_RE.match(value):
        warnings.append(f"line {line_no}: url {value!r} is not an http(s) address; ignored")
        return ""
    return value


def split_header(text: str) -> tuple[dict[str, str], int, list[str]]:
    """`(metadata, body start, warnings)` of a text with optional header lines.

    Example:
        >>> split_header(" date 2014-11-17 Last week, the AP reported it.")[:2]
        ({'date': '2014-11-17'}, 17)
    """
    meta: dict[str, str] = {}
    warnings: list[str] = []
    seed = _SEED_DATE_RE.match(text)
    if seed:
        return {"date": seed.group("value")}, seed.end(), warnings
    pos, line_no, seen = 0, 0, False
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        line = text[pos:end]
        line_no += 1
        if not line.strip():
            pos = end + 1
            if seen:
                break
            continue
        m = _HEADER_RE.match(line)
        key = m.group("key").lower() if m else ""
        if not m or key not in HEADER_KEYS:
            break
        seen = True
        if key in meta:
            warnings.append(f"line {line_no}: header `{key}:` appears twice; the first one is kept")
        else:
            meta[key] = _header_value(key, m.group("value"), line_no, warnings)
        pos = end + 1
    if not seen:
        return {}, 0, []
    return {k: v for k, v in meta.items() if v}, min(pos, len(text)), warnings


def read_plain(data: bytes, path: str) -> Iterator[Extracted]:
    """Read a `.txt`/`.md` file (or an HTML page or PDF saved under such a name)."""
    if data.startswith(b"%PDF"):
        from index.formats.pdf import read_pdf

        yield from read_pdf(data, path)
        return
    text = decode_bytes(data, path)
    if looks_like_html(text):
        yield from read_html(data, path)
        return
    meta, start, warnings = split_header(text)
    body = text[start:]
    if not body.strip():
        raise ArticleError(path, "the file has a header but no article text", "add the article text below the header")
    yield Extracted(text=body, title=meta.get("title", ""), outlet=meta.get("outlet", ""),
                    author=meta.get("author", ""), date=meta.get("date", ""), url=meta.get("url", ""),
                    warnings=tuple(warnings))
