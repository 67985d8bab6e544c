"""Article exports: `.jsonl` / `.csv` (optionally gzipped), one article a row.

Columns `title, url, date, author, outlet, text` (a few common other names are accepted, see
`COLUMNS`); a row's `id` names it (`dump.jsonl#<id>`, else `dump.jsonl#<row number>`). A bad row is
reported on its own; the other rows load.

Example:
    >>> rows = list(read_export(b'{"title": "T", "text": "ISIS agreed.", "date": "2022/09/14"}\\n', "d.jsonl"))
    >>> [(r.title, r.date, r.text, r.part) for r in rows]
    [('T', '2022/09/14', 'ISIS agreed.', '#1')]
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator, Mapping

from index.errors import ArticleError
from index.formats.base import Extracted, clean_field

EXPORT_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".jsonl.gz", ".ndjson.gz", ".csv.gz")
# Field → the column names that may hold it, first match wins.
COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "maintext"),
    "title": ("title", "headline"),
    "url": ("url", "link", "canonical_url"),
    "date": ("date", "published", "published_at", "pubdate", "date_publish"),
    "author": ("author", "authors", "byline"),
    "outlet": ("outlet", "source", "site", "sitename", "publisher", "source_domain"),
    "id": ("id", "article_id", "doc_id"),
}
csv.field_size_limit(50_000_000)


def _lines(data: bytes, path: str) -> io.TextIOBase:
    raw: io.BufferedIOBase = io.BytesIO(data)
    if path.lower().endswith(".gz") or data.startswith(b"\x1f\x8b"):
        raw = gzip.GzipFile(fileobj=raw)  # type: ignore[assignment]
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")


def _pick(row: Mapping[str, object], field: str) -> str:
    lowered = {str(k).strip().lower(): v for k, v in row.items()}
    for name in COLUMNS[field]:
        value = lowered.get(name)
        if isinstance(value, list):
            value = ", ".join(clean_field(v) for v in value)
        if value not in (None, ""):
            return str(value) if field == "text" else clean_field(value)
    return ""


def _rows(data: bytes, path: str) -> Iterator[tuple[int, Mapping[str, object] | str]]:
    """`(row number, row)` or `(row number, reason)` for a row that is not an object."""
    stream = _lines(data, path)
    if ".csv" in path.lower():
        for n, row in enumerate(csv.DictReader(stream), 1):
            yield n, row
        return
    n = 0
    for line in stream:
        if not line.strip():
            continue
        n += 1
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            yield n, f"not JSON ({err.msg} at column {err.colno})"
            continue
        yield n, row if isinstance(row, dict) else "not a JSON object"


def read_export(data: bytes, path: str) -> Iterator[Extracted | ArticleError]:
    """One `Extracted` per row (its `part` names the row); a bad row becomes an `ArticleError`."""
    found = False
    try:
        for n, row in _rows(data, path):
            found = True
            if isinstance(row, str):
                yield ArticleError(f"{path}#{n}", f"row {n} is {row}", "write one JSON object per line")
                continue
            part = "#" + (_pick(row, "id") or str(n))
            text = _pick(row, "text")
            if not text.strip():
                yield ArticleError(f"{path}{part}", f"row {n} has no text",
                                   "give every row a `text` column holding the article")
                continue
            yield Extracted(text=text, title=_pick(row, "title"), outlet=_pick(row, "outlet"),
                            author=_pick(row, "author"), date=_pick(row, "date"), url=_pick(row, "url"), part=part)
    except (OSError, EOFError, csv.Error) as err:  # a truncated gzip, a broken CSV
        raise ArticleError(path, f"the export is damaged ({err})", "export it again") from err
    if not found:
        raise ArticleError(path, "the export holds no rows", "export the articles again, one a row")
