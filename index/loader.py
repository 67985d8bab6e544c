"""Load article files: decode safely, read optional `key: value` header lines, keep text exact.

Example:
    >>> art = parse_article("title: Truce\\ndate: 2014-11-17\\n\\nISIS agreed.", path="a.txt")
    >>> art.title, art.date, art.text[art.body_start:]
    ('Truce', '2014-11-17', 'ISIS agreed.')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from index.errors import ArticleError, CorpusError
from index.types import Article, content_hash

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
HEADER_KEYS = ("title", "outlet", "author", "date", "url")
_HEADER_RE = re.compile(r"^[ \t]*(?P<key>[A-Za-z]+)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")
_SEED_DATE_RE = re.compile(r"^[ \t]*date[ \t]+(?P<value>\d{4}-\d{2}-\d{2})[ \t]+")
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_BINARY_MAGIC = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff", b"\x7fELF", b"\x1f\x8b")
_TITLE_MAX_WORDS = 18


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
        raise ArticleError(
            path, "this is a binary file, not text", "export the article as plain text (.txt) or Markdown (.md)"
        )
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


def _check_header_value(key: str, value: str, path: str, line_no: int) -> str:
    if key == "date" and not _DATE_RE.match(value):
        raise ArticleError(
            path,
            f"line {line_no}: date {value!r} is not in YYYY-MM-DD form",
            "write the header as `date: 2014-11-17` (or YYYY-MM, YYYY) or delete the line",
        )
    if key == "url" and value and not re.match(r"^https?://\S+$", value):
        raise ArticleError(
            path,
            f"line {line_no}: url {value!r} is not an http(s) address",
            "write the header as `url: https://…` or delete the line",
        )
    if not value:
        raise ArticleError(path, f"line {line_no}: header `{key}:` has no value", f"give `{key}:` a value or delete it")
    return value


def _guess_title(body: str) -> str:
    """First short headline-like line of the body, else the start of the first sentence."""
    lines = [ln.strip() for ln in body.splitlines() if ln.strip()]
    for ln in lines[:4]:
        words = ln.split()
        if 3 <= len(words) <= _TITLE_MAX_WORDS and not ln.endswith((".", ",", ";", ":")):
            return ln
    first = lines[0] if lines else ""
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    return sentence if len(sentence) <= 90 else sentence[:87].rsplit(" ", 1)[0] + "…"


def parse_article(text: str, path: str) -> Article:
    """Build an `Article` from decoded text: header lines become metadata, the text stays exact."""
    meta: dict[str, str] = {}
    pos = 0
    line_no = 0
    seed = _SEED_DATE_RE.match(text)
    if seed:
        meta["date"] = seed.group("value")
        pos = seed.end()
    else:
        while pos < len(text):
            nl = text.find("\n", pos)
            end = len(text) if nl < 0 else nl
            line = text[pos:end]
            line_no += 1
            if not line.strip():
                if meta:
                    pos = end + 1
                    break
                pos = end + 1
                continue
            m = _HEADER_RE.match(line)
            key = m.group("key").lower() if m else ""
            if not m or key not in HEADER_KEYS:
                break
            if key in meta:
                raise ArticleError(path, f"line {line_no}: header `{key}:` appears twice", "keep one of the two lines")
            meta[key] = _check_header_value(key, m.group("value"), path, line_no)
            pos = end + 1
        if not meta:
            pos = 0
    pos = min(pos, len(text))
    body = text[pos:]
    if not body.strip():
        raise ArticleError(path, "the file has a header but no article text", "add the article text below the header")
    return Article(
        id=content_hash(text),
        path=path,
        text=text,
        title=meta.get("title") or _guess_title(body),
        outlet=meta.get("outlet", ""),
        author=meta.get("author", ""),
        date=meta.get("date", ""),
        url=meta.get("url", ""),
        body_start=pos,
    )


def load_article(path: str | Path, max_bytes: int = 5_000_000, name: str | None = None) -> Article:
    """Read one `.txt`/`.md` file into an `Article`, raising `ArticleError` with the fix.

    Example:
        >>> load_article("index/articles/002_0f3d202c9fb36807.txt").date  # doctest: +SKIP
        '2014-11-17'
    """
    p = Path(path)
    shown = name or str(p)
    if p.suffix.lower() not in ARTICLE_SUFFIXES:
        raise ArticleError(shown, f"{p.suffix or 'no'} extension is not supported", "use .txt or .md files")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise ArticleError(
                shown,
                f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit",
                "split it into articles or raise SOURCECHECK_MAX_FILE_BYTES",
            )
        data = p.read_bytes()
    except OSError as err:
        raise ArticleError(shown, f"cannot read the file ({err.strerror})", "check that it exists and is readable") from err
    if not data:
        raise ArticleError(shown, "the file is empty", "add the article text or remove the file")
    text = decode_bytes(data, shown)
    if not text.strip():
        raise ArticleError(shown, "the file holds only white space", "add the article text or remove the file")
    return parse_article(text, shown)


def list_article_files(directory: str | Path) -> list[Path]:
    """All article files under a directory, sorted; raises `CorpusError` when there are none.

    Example:
        >>> len(list_article_files("index/articles"))  # doctest: +SKIP
        2
    """
    d = Path(directory)
    if not d.exists():
        raise CorpusError(f"{d}: no such directory. Fix: give the folder that holds your .txt/.md articles")
    if d.is_file():
        return [d]
    files = sorted(p for p in d.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
    if not files:
        raise CorpusError(f"{d}: holds no .txt or .md file. Fix: put your articles there as .txt or .md files")
    return files


def iter_articles(directory: str | Path, max_bytes: int = 5_000_000) -> Iterator[tuple[Path, Article | ArticleError]]:
    """Yield `(path, article)` or `(path, error)` for every article file, one at a time (flat memory)."""
    for path in list_article_files(directory):
        try:
            yield path, load_article(path, max_bytes=max_bytes)
        except ArticleError as err:
            yield path, err
