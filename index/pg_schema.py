"""The PostgreSQL catalog's tables and its dialect of the BM25 postings (used by `index.pg_catalog`).

Example:
    >>> "CREATE TABLE IF NOT EXISTS chunks" in SCHEMA
    True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlparse

from index.postings import Postings

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles(
    id TEXT PRIMARY KEY, title TEXT, outlet TEXT, author TEXT, date TEXT, url TEXT,
    body_start INTEGER, text TEXT NOT NULL, first_path TEXT);
CREATE TABLE IF NOT EXISTS paths(path TEXT PRIMARY KEY, article_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS paths_article ON paths(article_id);
CREATE TABLE IF NOT EXISTS sentences(
    article_id TEXT NOT NULL, idx INTEGER NOT NULL, start INTEGER, stop INTEGER, data TEXT NOT NULL,
    PRIMARY KEY(article_id, idx));
CREATE TABLE IF NOT EXISTS chunks(
    n SERIAL PRIMARY KEY, id TEXT UNIQUE NOT NULL, article_id TEXT NOT NULL,
    start INTEGER, stop INTEGER, first_sentence INTEGER, last_sentence INTEGER);
CREATE INDEX IF NOT EXISTS chunks_article ON chunks(article_id);
CREATE TABLE IF NOT EXISTS svec(article_id TEXT PRIMARY KEY, dim INTEGER NOT NULL, vecs BYTEA NOT NULL);
CREATE TABLE IF NOT EXISTS vocab(term TEXT PRIMARY KEY, df INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS post(seg INTEGER NOT NULL, term TEXT NOT NULL, data BYTEA NOT NULL,
    PRIMARY KEY(seg, term));
CREATE TABLE IF NOT EXISTS segs(seg SERIAL PRIMARY KEY, docs INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS post_stats(id INTEGER PRIMARY KEY CHECK (id = 0), docs BIGINT NOT NULL,
    tokens BIGINT NOT NULL);
INSERT INTO post_stats VALUES (0, 0, 0) ON CONFLICT DO NOTHING;
"""


class PgPostings(Postings):
    """`Postings` in PostgreSQL's dialect (placeholders `%s`, segment numbers from `RETURNING`)."""

    def _create(self) -> None:
        """The tables come with the catalog's schema."""

    def _exec(self, sql_text: str, params: Sequence[Any] = ()) -> Any:
        return self._db.execute(sql_text.replace("?", "%s"), params)

    def _many(self, sql_text: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self._db.cursor().executemany(sql_text.replace("?", "%s"), rows)

    def _new_segment(self, size: int) -> int:
        return int(self._db.execute("INSERT INTO segs(docs) VALUES (%s) RETURNING seg", (size,)).fetchone()[0])


def where(url: str) -> str:
    """`host:port/db` of a PostgreSQL URL, without user or password (for messages).

    Example:
        >>> where("postgresql://me:secret@db.example:5433/news")
        'db.example:5433/news'
    """
    u = urlparse(url)
    return f"{u.hostname or 'localhost'}:{u.port or 5432}{u.path or '/'}"
