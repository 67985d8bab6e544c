"""The catalog's tables, written once and rendered in the two SQL dialects (SQLite and PostgreSQL).

`index.catalog` and `index.postings` create them in SQLite, `index.pg_schema` in PostgreSQL. The dialects
differ only in a few words: the end-offset column (`end` is reserved in PostgreSQL, so it is `stop` there),
auto-numbered keys, binary and 64-bit types, SQLite's `WITHOUT ROWID`, and how the postings' totals row is
inserted once.

Example:
    >>> "vecs BLOB NOT NULL" in ddl("sqlite") and "vecs BYTEA NOT NULL" in ddl("postgres")
    True
    >>> "stop INTEGER" in ddl("postgres") and "stop INTEGER" not in ddl("sqlite")
    True
"""

from __future__ import annotations

from typing import Literal

Dialect = Literal["sqlite", "postgres"]

CATALOG = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles(
    id TEXT PRIMARY KEY, title TEXT, outlet TEXT, author TEXT, date TEXT, url TEXT,
    body_start INTEGER, text TEXT NOT NULL, first_path TEXT);
CREATE TABLE IF NOT EXISTS paths(path TEXT PRIMARY KEY, article_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS paths_article ON paths(article_id);
CREATE TABLE IF NOT EXISTS sentences(
    article_id TEXT NOT NULL, idx INTEGER NOT NULL, start INTEGER, {end} INTEGER, data TEXT NOT NULL,
    PRIMARY KEY(article_id, idx));
CREATE TABLE IF NOT EXISTS chunks(
    n {counter}, id TEXT UNIQUE NOT NULL, article_id TEXT NOT NULL,
    start INTEGER, {end} INTEGER, first_sentence INTEGER, last_sentence INTEGER);
CREATE INDEX IF NOT EXISTS chunks_article ON chunks(article_id);
CREATE TABLE IF NOT EXISTS svec(article_id TEXT PRIMARY KEY, dim INTEGER NOT NULL, vecs {blob} NOT NULL);
CREATE TABLE IF NOT EXISTS vocab(term TEXT PRIMARY KEY, df INTEGER NOT NULL){no_rowid};
"""

POSTINGS = """
CREATE TABLE IF NOT EXISTS post(seg INTEGER NOT NULL, term TEXT NOT NULL, data {blob} NOT NULL,
    PRIMARY KEY(seg, term)){no_rowid};
CREATE TABLE IF NOT EXISTS segs(seg {key}, docs INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS post_stats(id INTEGER PRIMARY KEY CHECK (id = 0), docs {big} NOT NULL,
    tokens {big} NOT NULL);
{insert_once} INTO post_stats VALUES (0, 0, 0){on_conflict};
"""

# What each placeholder is in each dialect. `counter` never reuses a number (a posting names chunks by it);
# `key` is a plain auto-numbered key.
WORDS: dict[str, dict[str, str]] = {
    "sqlite": {"end": "end", "counter": "INTEGER PRIMARY KEY AUTOINCREMENT", "key": "INTEGER PRIMARY KEY",
               "blob": "BLOB", "big": "INTEGER", "no_rowid": " WITHOUT ROWID", "insert_once": "INSERT OR IGNORE",
               "on_conflict": ""},
    "postgres": {"end": "stop", "counter": "SERIAL PRIMARY KEY", "key": "SERIAL PRIMARY KEY", "blob": "BYTEA",
                 "big": "BIGINT", "no_rowid": "", "insert_once": "INSERT", "on_conflict": " ON CONFLICT DO NOTHING"},
}


def ddl(dialect: Dialect, catalog: bool = True, postings: bool = True) -> str:
    """The `CREATE … IF NOT EXISTS` script for a dialect: the catalog's tables, the postings' tables, or both.

    Example:
        >>> "WITHOUT ROWID" in ddl("sqlite", catalog=False) and "WITHOUT ROWID" not in ddl("postgres")
        True
    """
    text = (CATALOG if catalog else "") + (POSTINGS if postings else "")
    return text.format(**WORDS[dialect])
